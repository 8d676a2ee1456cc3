package dev.scenelift.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.scenelift.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Talks to one STAC API over HTTP: its landing page, its collections, and an item search ({@code POST /search}) whose
 * pages it follows by their {@code next} links, GET or POST, with the link's body merged into the request's when it
 * says {@code merge: true} (STAC API Item Search, "Paging"). Every request is retried with exponential back-off and
 * jitter on 5xx, 429, timeouts and dropped connections (Failsafe), within the search's overall time limit.
 */
final class StacApiClient {
  /** One page of a search, and how many requests it took. */
  record Page(int number, JsonNode body, int attempts) {}

  /** An HTTP answer worth another attempt (5xx, 429). */
  static final class RetryableStatus extends IOException {
    RetryableStatus(URI uri, int status) {
      super(uri + " answered HTTP " + status);
    }
  }

  private final HttpClient http;
  private final StacSearch search;
  private final URI root;
  private final AtomicInteger retries = new AtomicInteger();
  private Instant deadline;

  StacApiClient(HttpClient http, StacSearch search) {
    this.http = Objects.requireNonNull(http, "http");
    this.search = Objects.requireNonNull(search, "search");
    String s = search.api().toString();
    this.root = URI.create(s.endsWith("/") ? s : s + "/");
  }

  URI root() {
    return root;
  }

  /** Requests that had to be retried so far. */
  int retries() {
    return retries.get();
  }

  /** Starts the clock of the search's time limit. */
  void start() {
    deadline = Instant.now().plus(search.timeout());
  }

  /** The landing page. */
  JsonNode landing() throws IOException {
    return get(root).orElseThrow(() -> new SourceUnavailableException(root, "HTTP 404: no STAC API here", null));
  }

  /** Whether the landing page declares the Query extension of item search. */
  static boolean supportsQuery(JsonNode landing) {
    for (JsonNode c : landing.path("conformsTo")) {
      if (c.asText("").endsWith("item-search#query")) {
        return true;
      }
    }
    return false;
  }

  /** The search endpoint: the landing page's {@code rel=search} link (POST, or no method given), else /search. */
  URI searchEndpoint(JsonNode landing) {
    for (JsonNode link : landing.path("links")) {
      String method = link.path("method").asText("POST");
      if (link.path("rel").asText("").equals("search") && method.equalsIgnoreCase("POST")) {
        return root.resolve(link.path("href").asText("search"));
      }
    }
    return root.resolve("search");
  }

  /** Fails naming every asked collection the API does not have, and the ones it has. */
  void requireCollections() throws IOException {
    List<String> unknown = new ArrayList<>();
    for (String id : search.collections()) {
      if (get(root.resolve("collections/" + id)).isEmpty()) {
        unknown.add(id);
      }
    }
    if (unknown.isEmpty()) {
      return;
    }
    List<String> known = new ArrayList<>();
    get(root.resolve("collections"))
        .ifPresent(all -> all.path("collections").forEach(c -> known.add(c.path("id").asText())));
    throw new UnknownCollectionException(
        "--collections: " + root + " has no collection " + String.join(", ", unknown)
            + (known.isEmpty() ? "" : " (it has " + String.join(", ", known) + ")"));
  }

  /**
   * Runs a search from its first body, handing each page to {@code pages} in order, until a page has no {@code next}
   * link.
   *
   * @throws StacSearchRefusedException when the API refuses the query (4xx) or the search needs more pages than allowed
   * @throws SourceUnavailableException when a request still fails after its attempts, or the time limit passes
   */
  void search(URI endpoint, ObjectNode first, PageHandler pages) throws IOException {
    String method = "POST";
    URI uri = endpoint;
    ObjectNode body = first;
    for (int number = 1; ; number++) {
      if (number > search.maxPages()) {
        throw new StacSearchRefusedException(
            "the search at " + endpoint + " has more than " + search.maxPages() + " pages of " + search.pageSize()
                + " items; narrow it with --since/--until or raise --stac-max-pages");
      }
      AtomicInteger attempts = new AtomicInteger();
      JsonNode page = request(method, uri, method.equals("POST") ? body : null, attempts, true).orElseThrow();
      if (!page.path("features").isArray()) {
        throw new SourceUnavailableException(uri, "page " + number + " is not an item collection (no features array)",
            null);
      }
      pages.accept(new Page(number, page, attempts.get()));
      JsonNode next = nextLink(page);
      if (next == null) {
        return;
      }
      method = next.path("method").asText("GET").toUpperCase(java.util.Locale.ROOT);
      uri = uri.resolve(next.path("href").asText(endpoint.toString()));
      if (method.equals("POST")) {
        JsonNode linkBody = next.path("body");
        if (linkBody.isObject()) {
          ObjectNode merged = next.path("merge").asBoolean(false) ? body.deepCopy() : Json.mapper().createObjectNode();
          linkBody.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
          body = merged;
        }
      } else if (!method.equals("GET")) {
        throw new SourceUnavailableException(uri, "next link of page " + number + " has method " + method, null);
      }
    }
  }

  /** Handles one page of items. */
  @FunctionalInterface
  interface PageHandler {
    void accept(Page page) throws IOException;
  }

  private static JsonNode nextLink(JsonNode page) {
    for (JsonNode link : page.path("links")) {
      if (link.path("rel").asText("").equals("next") && link.hasNonNull("href")) {
        return link;
      }
    }
    return null;
  }

  /** A GET; empty for a 404. */
  private java.util.Optional<JsonNode> get(URI uri) throws IOException {
    return request("GET", uri, null, new AtomicInteger(), false);
  }

  private java.util.Optional<JsonNode> request(
      String method, URI uri, JsonNode body, AtomicInteger attempts, boolean notFoundIsError) throws IOException {
    RetryPolicy<Object> retry =
        RetryPolicy.builder()
            .handle(IOException.class)
            .abortOn(SourceUnavailableException.class)
            .abortOn(StacSearchRefusedException.class)
            .withBackoff(search.retryDelay(), search.retryDelay().multipliedBy(16))
            .withJitter(0.2)
            .withMaxAttempts(search.attempts())
            .onRetry(e -> retries.incrementAndGet())
            .build();
    try {
      return Failsafe.with(retry).get(() -> {
        attempts.incrementAndGet();
        return once(method, uri, body, notFoundIsError);
      });
    } catch (FailsafeException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SourceUnavailableException su) {
        throw su;
      }
      String why = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
      throw new SourceUnavailableException(
          uri, why + " (" + attempts.get() + " attempt" + (attempts.get() == 1 ? "" : "s") + ")", cause);
    }
  }

  private java.util.Optional<JsonNode> once(String method, URI uri, JsonNode body, boolean notFoundIsError)
      throws IOException {
    Duration left = deadline == null ? search.timeout() : Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new SourceUnavailableException(
          uri, "the search took longer than its limit of " + search.timeout().toSeconds() + " s", null);
    }
    Duration timeout = left.compareTo(search.requestTimeout()) < 0 ? left : search.requestTimeout();
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/geo+json, application/json");
    if (body != null) {
      b.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    } else {
      b.GET();
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceUnavailableException(uri, "interrupted", e);
    } catch (java.net.http.HttpTimeoutException e) {
      throw new java.net.http.HttpTimeoutException(uri + " did not answer within " + timeout.toMillis() + " ms");
    }
    int status = response.statusCode();
    if (status == 404 && !notFoundIsError) {
      return java.util.Optional.empty();
    }
    if (status == 429 || status >= 500) {
      throw new RetryableStatus(uri, status);
    }
    if (status >= 400) {
      throw new StacSearchRefusedException(
          method + " " + uri + " answered HTTP " + status + ": " + shortText(response.body()));
    }
    if (status != 200) {
      throw new SourceUnavailableException(uri, "HTTP " + status, null);
    }
    try {
      return java.util.Optional.of(Json.mapper().readTree(response.body()));
    } catch (IOException e) {
      throw new SourceUnavailableException(uri, "the answer is not JSON: " + firstLine(e.getMessage()), e);
    }
  }

  private static String shortText(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    try {
      JsonNode json = Json.mapper().readTree(body);
      if (json != null && json.hasNonNull("description")) {
        text = json.get("description").asText();
      }
    } catch (IOException e) {
      // not JSON: the text as it is
    }
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  private static String firstLine(String m) {
    return m == null ? "" : m.lines().findFirst().orElse(m);
  }

}
