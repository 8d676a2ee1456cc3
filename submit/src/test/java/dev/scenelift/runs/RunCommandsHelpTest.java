package dev.scenelift.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.listen.ListenCommand;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class RunCommandsHelpTest {
  private static final List<Object> COMMANDS =
      List.of(new StatusCommand(), new WatchCommand(), new RetryCommand(), new ListenCommand());

  @Test
  void helpListsTheExitCodesOfEveryRunCommand() {
    for (Object command : COMMANDS) {
      String help = new CommandLine(command).getUsageMessage();
      assertThat(help).contains("Exit codes:").containsPattern("\\n\\s+0\\s+").containsPattern("\\n\\s+2\\s+");
    }
  }

  @Test
  void everyOptionIsDescribedWithItsDefaultOrIsRequired() {
    for (Object command : COMMANDS) {
      CommandLine cl = new CommandLine(command);
      for (OptionSpec o : cl.getCommandSpec().options()) {
        if (o.usageHelp() || o.versionHelp()) {
          continue;
        }
        String description = String.join(" ", o.description());
        assertThat(description).as(cl.getCommandName() + " " + o.longestName()).isNotBlank();
        if (!o.required()) {
          assertThat(description).as(cl.getCommandName() + " " + o.longestName()).contains("Default");
        }
      }
    }
  }
}
