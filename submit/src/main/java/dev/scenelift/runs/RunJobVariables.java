package dev.scenelift.runs;

import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.RunManifest;
import java.util.HashMap;
import java.util.Map;

/**
 * The job variables that belong to a run rather than to the shell that submits it: the URL index-build publishes the
 * STAC catalog under ({@link JobEnv#PUBLIC_URL}, {@code --public-url}) and whether s3:// sources are read as requester
 * ({@link JobEnv#REQUEST_PAYER_SOURCE}, {@code --request-payer requester}). submit-run records them in the manifest's
 * options ({@value #PUBLIC_URL_OPTION}, {@value #REQUEST_PAYER_OPTION}), so that {@code retry} gives the jobs of the
 * new run the same as the run it retries.
 */
public final class RunJobVariables {
  public static final String PUBLIC_URL_OPTION = "public-url";
  public static final String REQUEST_PAYER_OPTION = "request-payer";
  private static final String REQUESTER = "requester";

  private RunJobVariables() {}

  /** The manifest options recording the run's own variables among {@code jobEnvironment}. */
  public static Map<String, String> toOptions(Map<String, String> jobEnvironment) {
    Map<String, String> options = new HashMap<>();
    String url = jobEnvironment.get(JobEnv.PUBLIC_URL);
    if (url != null) {
      options.put(PUBLIC_URL_OPTION, url);
    }
    if ("true".equals(jobEnvironment.get(JobEnv.REQUEST_PAYER_SOURCE))) {
      options.put(REQUEST_PAYER_OPTION, REQUESTER);
    }
    return Map.copyOf(options);
  }

  /** The job variables the manifest's options record. */
  public static Map<String, String> of(RunManifest manifest) {
    Map<String, String> env = new HashMap<>();
    String url = manifest.options().get(PUBLIC_URL_OPTION);
    if (url != null) {
      env.put(JobEnv.PUBLIC_URL, url);
    }
    if (REQUESTER.equals(manifest.options().get(REQUEST_PAYER_OPTION))) {
      env.put(JobEnv.REQUEST_PAYER_SOURCE, "true");
    }
    return Map.copyOf(env);
  }
}
