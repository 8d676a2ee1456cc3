package dev.scenelift.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 proxy on loopback that sits between the jobs and an S3-compatible endpoint and injects faults into a
 * share of requests: drop the connection mid-request, stall before forwarding, or answer {@code 503 SlowDown} / {@code
 * 500 InternalError} itself; and it denies access to chosen keys ({@code 403 AccessDenied}). It reads each request's
 * head and body (by Content-Length) so that it can judge request by request on kept-alive connections; responses are
 * piped back untouched.
 *
 * <p>Only for tests; traffic never leaves 127.0.0.1. Faults are drawn from a seeded {@link Random}, so a failing run can
 * be replayed.
 */
public final class FaultProxy implements AutoCloseable {
  /** What to do to one request. */
  public enum Fault {
    NONE,
    DROP_MID_REQUEST,
    STALL,
    SLOW_DOWN_503,
    INTERNAL_ERROR_500
  }

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Random random;
  private volatile double share;
  private volatile Fault[] kinds = {Fault.DROP_MID_REQUEST, Fault.STALL, Fault.SLOW_DOWN_503, Fault.INTERNAL_ERROR_500};
  private volatile long stallMillis = 300;
  private final AtomicLong requests = new AtomicLong();
  /** Bodies up to this size are shown to the observer (and read whole before they are forwarded). */
  public static final int OBSERVED_BODY_MAX = 64 * 1024;

  private volatile java.util.function.BiConsumer<String, byte[]> observer;
  private final AtomicInteger[] injected = new AtomicInteger[Fault.values().length];
  private final java.util.Set<String> denied = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final AtomicInteger denials = new AtomicInteger();

  /**
   * @param target the real endpoint, e.g. {@code http://127.0.0.1:PORT}
   * @param share the share of requests that get a fault, 0–1
   * @param seed seeds the fault draw
   */
  public FaultProxy(URI target, double share, long seed) throws IOException {
    this.target = new InetSocketAddress(target.getHost(), target.getPort());
    this.share = share;
    this.random = new Random(seed);
    for (int i = 0; i < injected.length; i++) {
      injected[i] = new AtomicInteger();
    }
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  public void setShare(double value) {
    share = value;
  }

  /** Limits the faults drawn to these kinds (default: all four). */
  public void setKinds(Fault... value) {
    if (value.length == 0 || java.util.Arrays.asList(value).contains(Fault.NONE)) {
      throw new IllegalArgumentException("give at least one fault kind, not NONE");
    }
    kinds = value.clone();
  }

  public void setStallMillis(long value) {
    stallMillis = value;
  }

  /**
   * Shows {@code observer} each request's head (request line and headers, ISO-8859-1) and its body when that is at most
   * {@value #OBSERVED_BODY_MAX} bytes (else an empty array), before it is forwarded: how a test learns which calls its
   * clients made, and with whose credentials. A proxy with an observer records and forwards: it injects no faults.
   */
  public void setObserver(java.util.function.BiConsumer<String, byte[]> value) {
    observer = java.util.Objects.requireNonNull(value, "observer");
  }

  /**
   * Answers every request whose request line contains {@code keyPart} (e.g. an object's key) as S3 does when the
   * caller may not read it: {@code 403 AccessDenied} with S3's XML error body. Works alongside an observer and the
   * drawn faults; S3-compatible test stores cannot deny access themselves.
   */
  public void denyAccessTo(String keyPart) {
    denied.add(java.util.Objects.requireNonNull(keyPart, "keyPart"));
  }

  /** Forgets every {@link #denyAccessTo}. */
  public void allowAll() {
    denied.clear();
  }

  /** How many requests {@link #denyAccessTo} answered. */
  public int denials() {
    return denials.get();
  }

  public long requests() {
    return requests.get();
  }

  public int injected(Fault fault) {
    return injected[fault.ordinal()].get();
  }

  public int injectedTotal() {
    int sum = 0;
    for (Fault f : Fault.values()) {
      if (f != Fault.NONE) {
        sum += injected[f.ordinal()].get();
      }
    }
    return sum;
  }

  private synchronized Fault draw() {
    if (random.nextDouble() >= share) {
      return Fault.NONE;
    }
    Fault[] faults = kinds;
    return faults[random.nextInt(faults.length)];
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client;
        Socket upstream = new Socket()) {
      upstream.connect(target, 5000);
      InputStream fromClient = client.getInputStream();
      OutputStream toUpstream = upstream.getOutputStream();
      threads.execute(() -> pipe(upstream, client));
      while (true) {
        byte[] head = readHead(fromClient);
        if (head == null) {
          return;
        }
        requests.incrementAndGet();
        long length = contentLength(head);
        String requestLine = new String(head, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        if (denied.stream().anyMatch(requestLine::contains)) {
          denials.incrementAndGet();
          answer(client, 403, "Forbidden", "AccessDenied", "Access Denied");
          return;
        }
        java.util.function.BiConsumer<String, byte[]> watching = observer;
        if (watching != null) {
          String text = new String(head, StandardCharsets.ISO_8859_1);
          boolean small =
              length <= OBSERVED_BODY_MAX && !text.toLowerCase(Locale.ROOT).contains("expect: 100-continue");
          byte[] body = small ? fromClient.readNBytes((int) length) : new byte[0];
          watching.accept(text, body);
          toUpstream.write(head);
          toUpstream.write(body);
          toUpstream.flush();
          if (!small) {
            copy(fromClient, toUpstream, length);
            toUpstream.flush();
          }
          continue;
        }
        boolean expectContinue = new String(head, StandardCharsets.ISO_8859_1)
            .toLowerCase(Locale.ROOT).contains("expect: 100-continue");
        Fault fault = draw();
        injected[fault.ordinal()].incrementAndGet();
        switch (fault) {
          case SLOW_DOWN_503 -> {
            answer(client, 503, "Slow Down", "SlowDown", "Please reduce your request rate.");
            return;
          }
          case INTERNAL_ERROR_500 -> {
            answer(client, 500, "Internal Server Error", "InternalError", "We encountered an internal error.");
            return;
          }
          case DROP_MID_REQUEST -> {
            toUpstream.write(head);
            if (!expectContinue) {
              copy(fromClient, toUpstream, length / 2);
            }
            toUpstream.flush();
            // The client's side goes first: closing the store's side first lets the store answer the cut-off request
            // (400 "early EOF") and the pipe relay that answer before the client sees its connection drop.
            client.close();
            return; // closes the store's side too, mid-request
          }
          case STALL -> Thread.sleep(stallMillis);
          case NONE -> {}
        }
        toUpstream.write(head);
        toUpstream.flush();
        copy(fromClient, toUpstream, length);
        toUpstream.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the client or the store closed; nothing to clean up beyond the sockets
    }
  }

  private static void answer(Socket client, int status, String reason, String code, String message)
      throws IOException {
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
        + "</Message><RequestId>FAULTPROXY0000001</RequestId><HostId>" + java.util.Base64.getEncoder()
        .encodeToString(code.getBytes(StandardCharsets.UTF_8)) + "</HostId></Error>";
    String response = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/xml\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    OutputStream out = client.getOutputStream();
    out.write(response.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void pipe(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // connection closed
    } finally {
      try {
        to.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  /** Reads up to and including the blank line; null at end of stream before any byte. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toByteArray();
      }
      if (head.size() > 64 * 1024) {
        throw new IOException("request head too large");
      }
    }
    return null;
  }

  private static long contentLength(byte[] head) {
    for (String line : new String(head, StandardCharsets.ISO_8859_1).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
        return Long.parseLong(line.substring(colon + 1).trim());
      }
    }
    return 0;
  }

  private static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("client closed mid-body");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
