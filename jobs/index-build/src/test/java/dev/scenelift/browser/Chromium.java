package dev.scenelift.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Debian Chromium driven over the DevTools protocol (a WebSocket from java.net.http): navigate, evaluate
 * JavaScript, click at a point with real mouse events, take a screenshot. Closing kills the browser it started.
 */
public final class Chromium implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final StringBuilder partial = new StringBuilder();
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  public static Chromium start() throws Exception {
    return new Chromium();
  }

  private Chromium() throws Exception {
    profile = Files.createTempDirectory("scenelift-chromium-");
    process =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                // WebGL (the map's COG layers) in software: Chromium no longer falls back to it unasked
                "--enable-unsafe-swiftshader",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "--window-size=1280,2000",
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (Instant.now().isAfter(deadline) || !process.isAlive()) {
        throw new IllegalStateException("chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
      }
      Thread.sleep(100);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
    HttpClient http = HttpClient.newHttpClient();
    JsonNode targets = null;
    while (targets == null || !hasPage(targets)) {
      String body =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      targets = json.readTree(body);
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("chromium has no page target: " + body);
      }
      Thread.sleep(100);
    }
    String ws = null;
    for (JsonNode t : targets) {
      if ("page".equals(t.path("type").asText())) {
        ws = t.get("webSocketDebuggerUrl").asText();
        break;
      }
    }
    socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new Listener()).get(30, TimeUnit.SECONDS);
    call("Page.enable", Map.of());
    call("Runtime.enable", Map.of());
  }

  private static boolean hasPage(JsonNode targets) {
    for (JsonNode t : targets) {
      if ("page".equals(t.path("type").asText())) {
        return true;
      }
    }
    return false;
  }

  /** Sends a DevTools command and waits for its result. */
  public synchronized JsonNode call(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    ObjectNode msg = json.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", json.valueToTree(params));
    socket.sendText(json.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
    JsonNode reply = f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  /** Opens a URL and waits for its load event. */
  public void navigate(URI url) throws Exception {
    loaded = new CompletableFuture<>();
    JsonNode r = call("Page.navigate", Map.of("url", url.toString()));
    if (r.has("errorText")) {
      throw new IllegalStateException("cannot open " + url + ": " + r.get("errorText"));
    }
    loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Evaluates an expression in the page (awaiting a promise) and returns its value as JSON. */
  public JsonNode eval(String expression) throws Exception {
    JsonNode r =
        call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** A left click at page coordinates, with the mouse events a person's click makes. */
  public void click(double x, double y) throws Exception {
    for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
      call(
          "Input.dispatchMouseEvent",
          Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", type.equals("mouseMoved") ? 0 : 1));
    }
  }

  /** Clicks the centre of the first element matching a CSS selector. */
  public void clickOn(String selector) throws Exception {
    JsonNode rect =
        eval(
            "(() => { const e = document.querySelector(" + json.writeValueAsString(selector) + ");"
                + " e.scrollIntoView(); const r = e.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
    click(rect.get("x").asDouble(), rect.get("y").asDouble());
  }

  /** A PNG of the viewport. */
  public byte[] screenshot() throws Exception {
    return Base64.getDecoder().decode(call("Page.captureScreenshot", Map.of("format", "png")).get("data").asText());
  }

  private final class Listener implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          JsonNode msg = json.readTree(text);
          if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) {
              f.complete(msg);
            }
          } else if ("Page.loadEventFired".equals(msg.path("method").asText())) {
            loaded.complete(null);
          }
        } catch (IOException e) {
          // not JSON: ignore
        }
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      socket.abort();
    } finally {
      // its helper processes (the network service among them) may still write into the profile after the browser
      // process has gone: wait for them too before deleting it
      List<ProcessHandle> helpers = process.descendants().toList();
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle h : helpers) {
        try {
          h.onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          h.destroyForcibly();
        }
      }
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
