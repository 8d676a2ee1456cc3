package dev.scenelift.submit;

import dev.scenelift.index.BucketGateway;
import dev.scenelift.index.IndexPages;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Reads;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code submit-run serve}: starts the embedded store on the data directory and serves its objects over HTTP on
 * loopback, so the tile's thumbindex.html and AAlist.html pages open in a browser with every relative link working.
 * The gateway is read-only, answers a folder with its AAlist.html and sends each page with its content type.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serves the embedded store's pages (thumbindex.html, AAlist.html, STAC) over HTTP on 127.0.0.1 and prints "
            + "their URLs; runs until interrupted (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--tile", required = true, paramLabel = "TILE", description = "The tile whose pages to list, e.g. h03v03.")
  String tile;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "9371",
      description = "HTTP port on 127.0.0.1 (0: any free port). Default: ${DEFAULT-VALUE}.")
  int httpPort;

  @Option(
      names = "--for",
      paramLabel = "SECONDS",
      defaultValue = "0",
      description = "Stop after this many seconds (0: run until interrupted). Default: ${DEFAULT-VALUE}.")
  long seconds;

  @Mixin StoreOptions store;

  @Spec CommandSpec spec;

  private final SubmitContext context;

  ServeCommand(SubmitContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Tile t;
    try {
      t = Tile.parse(tile);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    try (EmbeddedEnvironment env = EmbeddedEnvironment.open(context, store.dataDir(context.home()), store.port());
        BucketGateway gateway = BucketGateway.start(env.s3(), httpPort)) {
      int listed = 0;
      for (S3Location page : IndexPages.of(env.layout(), t)) {
        if (S3Reads.exists(env.s3(), page)) {
          out.println("open: " + gateway.url(page));
          listed++;
        }
      }
      if (listed == 0) {
        out.println("no index pages for " + t + " yet: run submit-run --tile " + t + " first");
      }
      out.println("serving " + env.storeDir() + " until interrupted");
      out.flush();
      if (seconds > 0) {
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
      } else {
        Thread.currentThread().join();
      }
    }
    return 0;
  }
}
