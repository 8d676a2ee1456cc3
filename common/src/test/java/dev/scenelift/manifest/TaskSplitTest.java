package dev.scenelift.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskSplitTest {
  @Test
  void lastTaskIsShort() {
    TaskSplit split = new TaskSplit(2357, 10);
    assertThat(split.taskCount()).isEqualTo(236);
    assertThat(split.task(0)).isEqualTo(new ArrayTask(0, 0, 10));
    assertThat(split.task(235)).isEqualTo(new ArrayTask(235, 2350, 2357));
    assertThat(split.tasks().stream().mapToInt(ArrayTask::size).sum()).isEqualTo(2357);
  }

  @Test
  void exactMultipleHasNoShortTask() {
    TaskSplit split = new TaskSplit(20, 5);
    assertThat(split.taskCount()).isEqualTo(4);
    assertThat(split.task(3)).isEqualTo(new ArrayTask(3, 15, 20));
  }

  @Test
  void oneSceneAndEmptyRuns() {
    assertThat(new TaskSplit(1, 7).tasks()).containsExactly(new ArrayTask(0, 0, 1));
    assertThat(new TaskSplit(0, 7).taskCount()).isZero();
  }

  @Test
  void indexOutsideTheRunIsAnError() {
    assertThatThrownBy(() -> new TaskSplit(10, 3).task(4)).hasMessageContaining("outside");
    assertThatThrownBy(() -> new TaskSplit(10, 0)).hasMessageContaining("--scenes-per-task");
  }
}
