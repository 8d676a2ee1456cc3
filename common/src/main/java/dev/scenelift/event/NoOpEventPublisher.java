package dev.scenelift.event;

/** Drops every event: what a job uses when {@code SCENELIFT_EVENTS_QUEUE} is not set. Stateless. */
final class NoOpEventPublisher implements EventPublisher {
  static final NoOpEventPublisher INSTANCE = new NoOpEventPublisher();

  private NoOpEventPublisher() {}

  @Override
  public void publish(SceneEvent event) {}

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
