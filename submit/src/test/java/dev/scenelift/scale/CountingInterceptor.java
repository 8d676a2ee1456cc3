package dev.scenelift.scale;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts every HTTP request the AWS SDK sends from this JVM, retries included. Registered as a global interceptor only
 * by {@code bench/tile/run} (its class path carries the SDK's {@code execution.interceptors} resource), so the jobs'
 * own clients are counted without a seam in their code. The count is the JVM's, hence static.
 */
public final class CountingInterceptor implements ExecutionInterceptor {
  private static final AtomicLong REQUESTS = new AtomicLong();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    REQUESTS.incrementAndGet();
  }

  /** Requests sent so far. */
  static long requests() {
    return REQUESTS.get();
  }

  /** Whether the SDK loads this interceptor in this JVM (bench/tile/run's class path). */
  static boolean registered() {
    return Thread.currentThread().getContextClassLoader()
        .getResource("software/amazon/awssdk/global/handlers/execution.interceptors") != null;
  }
}
