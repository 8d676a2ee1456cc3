package dev.scenelift.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.submit.InProcessSubmitRun.Result;
import dev.scenelift.submit.InProcessSubmitRun;
import dev.scenelift.submit.SubmitContext;
import dev.scenelift.submit.SubmitRun;
import dev.scenelift.source.Catalogs;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets stay secret and the embedded store stays on this machine: the AWS keys in the environment and the embedded
 * store's own secret appear nowhere a run writes (stdout, stderr, child logs, any object in the store), and the store
 * answers on loopback only.
 */
class CredentialsAndExposureTest {
  private static final String ACCESS_KEY = "AKIACHAOSTEST" + "00042";
  private final String secret = "chaos-secret-" + UUID.randomUUID();

  @TempDir Path home;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void credentialsAppearInNeitherTheDryRunsOutputNorAnythingAnEmbeddedRunWrites() throws Exception {
    Map<String, String> env =
        Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", secret, "AWS_REGION", "us-west-2");
    Path dataDir = home.resolve("data");
    List<String> written = new ArrayList<>();

    Result dry = run(env, "--tile", "h03v03", "--source", "synthetic:2", "--synthetic-size", "16", "--dry-run",
        "--data-dir", dataDir.toString());
    assertThat(dry.exit()).as(dry.err()).isZero();
    written.add(dry.out() + dry.err());
    Result awsDry = run(env, "--tile", "h03v03", "--source", "synthetic:2", "--synthetic-size", "16", "--engine",
        "aws", "--dry-run", "--data-dir", dataDir.toString());
    written.add(awsDry.out() + awsDry.err());

    Result embedded = run(env, "--tile", "h03v03", "--source", "synthetic:2", "--synthetic-size", "32",
        "--data-dir", dataDir.toString(), "--port", "0");
    assertThat(embedded.exit()).as(embedded.err()).isZero();
    written.add(embedded.out() + embedded.err());
    List<Path> files = files(dataDir);
    assertThat(files).as("child logs and stored objects were written").anyMatch(p -> p.toString().contains("/logs/"))
        .anyMatch(p -> p.toString().endsWith(".done.json"));
    for (Path f : files) {
      written.add(f + ":" + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
    }

    for (String text : written) {
      assertThat(text)
          .doesNotContain(secret)
          .doesNotContain(ACCESS_KEY)
          .doesNotContain(EmbeddedS3Store.SECRET_KEY);
    }
  }

  @Test
  void embeddedStoreListensOnLoopbackOnly() throws Exception {
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory()) {
      assertThat(InetAddress.getByName(store.endpoint().getHost()).isLoopbackAddress()).isTrue();
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), store.endpoint().getPort()), 2000);
      }
      Optional<InetAddress> external = externalAddress();
      assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to probe");
      assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
              s.connect(new InetSocketAddress(external.get(), store.endpoint().getPort()), 2000);
            }
          })
          .as("the store's port on %s", external.get())
          .isInstanceOf(ConnectException.class);
    }
  }

  private static Optional<InetAddress> externalAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }


  private Result run(Map<String, String> env, String... args) {
    SubmitContext context =
        new SubmitContext(env, home, false, executor, ChaosRun::realJobs, Catalogs::forSource, Clock.systemUTC(),
            Duration.ofMillis(50));
    return InProcessSubmitRun.execute(context, args);
  }
}
