package dev.scenelift.testjobs;

import dev.scenelift.engine.EntryPoints;
import dev.scenelift.job.JobEntryPoint;
import dev.scenelift.scene.Stage;
import java.util.Map;

/** The scripted jobs as registered in this module's test META-INF/services, without the real jobs' entry points. */
public final class TestJobs {
  private static final Map<Stage, Class<? extends JobEntryPoint>> BY_STAGE =
      Map.of(
          Stage.FETCH, ScriptedFetch.class,
          Stage.FILTER, ScriptedFilter.class,
          Stage.COG, ScriptedCog.class,
          Stage.INDEX, ScriptedIndex.class);

  private TestJobs() {}

  public static EntryPoints all() {
    return EntryPoints.load(TestJobs.class.getClassLoader(), BY_STAGE::containsValue);
  }

  public static EntryPoints without(Stage missing) {
    return EntryPoints.load(
        TestJobs.class.getClassLoader(), type -> BY_STAGE.containsValue(type) && type != BY_STAGE.get(missing));
  }
}
