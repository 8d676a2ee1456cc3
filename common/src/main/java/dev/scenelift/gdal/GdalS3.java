package dev.scenelift.gdal;

import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Settings;
import java.net.URI;
import org.gdal.gdal.gdal;

/**
 * Points GDAL's {@code /vsis3/} at the same S3 the SDK uses: endpoint, path style, credentials, requester pays.
 *
 * <p>GDAL's configuration is process-wide (GDAL's own state); call {@link #configure} once in {@code main} after
 * building the S3 settings. Without static credentials GDAL uses its own AWS chain (environment, profile, instance or
 * task role), like the SDK.
 *
 * <p>GDAL's HTTP client does not retry by default: a single 503 SlowDown fails the read. We give it the SDK's budget
 * ({@value #MAX_RETRIES} retries of 429/500/502/503/504 and timeouts, starting at {@value #RETRY_DELAY_SECONDS} s and
 * growing exponentially with jitter, GDAL's own back-off).
 */
public final class GdalS3 {
  /** Retries after the first try: the same budget as the SDK's {@code S3ClientFactory.MAX_ATTEMPTS}. */
  public static final int MAX_RETRIES = 5;
  /** GDAL's first back-off delay; each retry roughly doubles it. */
  public static final String RETRY_DELAY_SECONDS = "0.5";

  private GdalS3() {}

  public static void configure(S3Settings settings) {
    Gdal.init();
    gdal.SetConfigOption("GDAL_HTTP_MAX_RETRY", Integer.toString(MAX_RETRIES));
    gdal.SetConfigOption("GDAL_HTTP_RETRY_DELAY", RETRY_DELAY_SECONDS);
    settings.region().ifPresent(r -> gdal.SetConfigOption("AWS_REGION", r));
    if (settings.endpoint().isPresent()) {
      URI e = settings.endpoint().get();
      String hostPort = e.getHost() + (e.getPort() > 0 ? ":" + e.getPort() : "");
      gdal.SetConfigOption("AWS_S3_ENDPOINT", hostPort);
      gdal.SetConfigOption("AWS_HTTPS", "https".equalsIgnoreCase(e.getScheme()) ? "YES" : "NO");
    }
    gdal.SetConfigOption("AWS_VIRTUAL_HOSTING", settings.pathStyle() ? "FALSE" : "TRUE");
    gdal.SetConfigOption("AWS_NO_SIGN_REQUEST", settings.unsigned() ? "YES" : "NO");
    settings
        .staticCredentials()
        .ifPresent(
            c -> {
              gdal.SetConfigOption("AWS_ACCESS_KEY_ID", c.accessKeyId());
              gdal.SetConfigOption("AWS_SECRET_ACCESS_KEY", c.secretAccessKey());
            });
    if (settings.requesterPays()) {
      gdal.SetConfigOption("AWS_REQUEST_PAYER", "requester");
    }
  }

  /** The {@code /vsis3/bucket/key} path GDAL opens for a location. */
  public static String path(S3Location location) {
    return "/vsis3/" + location.bucket() + "/" + location.key();
  }
}
