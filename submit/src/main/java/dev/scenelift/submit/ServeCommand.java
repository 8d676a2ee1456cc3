package dev.scenelift.submit;

import dev.scenelift.index.BucketGateway;
import dev.scenelift.index.ServedRequest;
import dev.scenelift.scene.Tile;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code submit-run serve}: starts the embedded store on the data directory and serves its objects over HTTP on
 * loopback, so the tile's thumbindex.html and AAlist.html pages open in a browser with every relative link working,
 * and GDAL, web maps and STAC browsers read the COGs by HTTP range (see {@link BucketGateway}). Read-only.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serves the embedded store's pages (thumbindex.html, AAlist.html, STAC) and objects over HTTP on 127.0.0.1, "
            + "read-only, with byte ranges and CORS (GDAL /vsicurl/, web maps, STAC browsers read the COGs), and prints "
            + "their URLs and the store's GDAL /vsis3/ settings; runs until interrupted (Ctrl-C).")
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

  @Option(
      names = "--access-log",
      description = "Print one line per HTTP request to standard error: method, path, Range, status, bytes sent. "
          + "Default: off.")
  boolean accessLog;

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
    PrintWriter err = spec.commandLine().getErr();
    Consumer<ServedRequest> log = accessLog ? r -> err.println(r) : r -> {};
    try (EmbeddedEnvironment env = EmbeddedEnvironment.open(context, store.dataDir(context.home()), store.port());
        BucketGateway gateway = BucketGateway.start(env.s3(), httpPort, log)) {
      new ServeAddresses(env.s3(), env.layout(), gateway, env.storeSettings()).lines(t).forEach(out::println);
      out.println("serving " + env.storeDir() + " until interrupted");
      out.flush();
      if (seconds > 0) {
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
      } else {
        Thread.currentThread().join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
