package dev.scenelift.gdal;

import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Settings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
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
    options(settings).forEach(gdal::SetConfigOption);
  }

  /**
   * The configuration options that point {@code /vsis3/} at the store of {@code settings}, in a stable order: what
   * {@link #configure} sets, and what a person gives {@code gdalinfo} (as environment variables or {@code --config})
   * to read the same objects. Unsigned settings name no credentials: GDAL sends none with AWS_NO_SIGN_REQUEST.
   */
  public static Map<String, String> options(S3Settings settings) {
    Map<String, String> o = new LinkedHashMap<>();
    if (settings.endpoint().isPresent()) {
      URI e = settings.endpoint().get();
      o.put("AWS_S3_ENDPOINT", e.getHost() + (e.getPort() > 0 ? ":" + e.getPort() : ""));
      o.put("AWS_HTTPS", "https".equalsIgnoreCase(e.getScheme()) ? "YES" : "NO");
    }
    o.put("AWS_VIRTUAL_HOSTING", settings.pathStyle() ? "FALSE" : "TRUE");
    o.put("AWS_NO_SIGN_REQUEST", settings.unsigned() ? "YES" : "NO");
    settings.region().ifPresent(r -> o.put("AWS_REGION", r));
    if (!settings.unsigned()) {
      settings
          .staticCredentials()
          .ifPresent(
              c -> {
                o.put("AWS_ACCESS_KEY_ID", c.accessKeyId());
                o.put("AWS_SECRET_ACCESS_KEY", c.secretAccessKey());
              });
    }
    if (settings.requesterPays()) {
      o.put("AWS_REQUEST_PAYER", "requester");
    }
    return o;
  }

  /** The {@code /vsis3/bucket/key} path GDAL opens for a location. */
  public static String path(S3Location location) {
    return "/vsis3/" + location.bucket() + "/" + location.key();
  }
}
