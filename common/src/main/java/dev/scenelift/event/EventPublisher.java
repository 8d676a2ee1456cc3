package dev.scenelift.event;

/**
 * Publishes {@link SceneEvent}s. Publishing never throws and never fails a scene: a failed send is logged and retried,
 * then dropped. The caller owns the publisher and closes it; closing sends what is still buffered and is safe twice.
 */
public interface EventPublisher extends AutoCloseable {
  void publish(SceneEvent event);

  /** Sends whatever is buffered. */
  void flush();

  @Override
  void close();

  /** The publisher used when no events queue is configured. */
  static EventPublisher none() {
    return NoOpEventPublisher.INSTANCE;
  }
}
