package dev.scenelift.manifest;

/**
 * The scenes one array child handles: positions [from, to) of the run's ordered scene list.
 *
 * @param index the child's {@code AWS_BATCH_JOB_ARRAY_INDEX}, from 0
 * @param from first scene position, inclusive
 * @param to last scene position, exclusive
 */
public record ArrayTask(int index, int from, int to) {
  public ArrayTask {
    if (index < 0 || from < 0 || to < from) {
      throw new IllegalArgumentException("bad task " + index + " [" + from + ", " + to + ")");
    }
  }

  public int size() {
    return to - from;
  }
}
