package dev.scenelift.batch.aws;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.batch.model.BatchException;

/**
 * How calls to the Batch API are paced and retried (the SDK's own retries are off, so this is the only policy): a
 * smooth rate limit of {@code perSecond} calls (SubmitJob allows 50/s), and retries with exponential back-off and
 * jitter on throttling (HTTP 429, {@code TooManyRequestsException}), server errors (5xx) and connection failures.
 * A {@code ClientException} (400: bad request, unknown queue or definition) is never retried.
 *
 * @param perSecond calls per second at most
 * @param attempts attempts per call, at least 1
 * @param delay first back-off delay
 * @param maxDelay longest back-off delay
 */
public record BatchCallPolicy(int perSecond, int attempts, Duration delay, Duration maxDelay) {
  public BatchCallPolicy {
    if (perSecond < 1 || attempts < 1) {
      throw new IllegalArgumentException("perSecond and attempts must be at least 1");
    }
    if (delay.compareTo(maxDelay) >= 0) {
      throw new IllegalArgumentException("back-off delay " + delay + " must be shorter than maxDelay " + maxDelay);
    }
  }

  /** 50 calls/s; 8 attempts backing off from 250 ms to 10 s. */
  public static BatchCallPolicy defaults() {
    return new BatchCallPolicy(50, 8, Duration.ofMillis(250), Duration.ofSeconds(10));
  }

  /** True for failures worth another attempt. */
  public static boolean retryable(Throwable t) {
    if (t instanceof BatchException e) {
      return e.statusCode() == 429 || e.statusCode() >= 500 || e.isThrottlingException();
    }
    return t instanceof SdkClientException
        || (t instanceof SdkException e && e.retryable());
  }

  /** An executor that applies this policy; keep one per client so the rate limit is shared. */
  FailsafeExecutor<Object> executor() {
    RetryPolicy<Object> retry =
        RetryPolicy.builder()
            .handleIf((Throwable t) -> retryable(t))
            .withBackoff(delay, maxDelay)
            .withJitter(0.2)
            .withMaxAttempts(attempts)
            .build();
    RateLimiter<Object> limiter =
        RateLimiter.smoothBuilder(perSecond, Duration.ofSeconds(1)).withMaxWaitTime(Duration.ofMinutes(5)).build();
    return Failsafe.with(retry, limiter);
  }
}
