package dev.scenelift.submit;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the embedded default keeps its data, and the port of its store. */
final class StoreOptions {
  /** The store's port when the user names none and it is free. */
  static final int DEFAULT_PORT = 9370;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "The embedded default's data: objects as plain files under DIR/store/<bucket>/<key>, job logs under "
              + "DIR/logs/<run-id>/. Default: ~/.scenelift.")
  Path dataDir;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port of the embedded S3 store on 127.0.0.1 (0: any free port). Default: 9370 when free, else any.")
  Integer port;

  Path dataDir(Path home) {
    return (dataDir != null ? dataDir : home.resolve(".scenelift")).toAbsolutePath().normalize();
  }
}
