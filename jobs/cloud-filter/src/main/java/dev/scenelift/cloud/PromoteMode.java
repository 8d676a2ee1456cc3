package dev.scenelift.cloud;

/** What {@code --promote} does with cloud-free scenes. */
enum PromoteMode {
  /** Nothing: the verdicts and lists only. */
  none,
  /** Server-side copy of the scene's objects into the opt tree; scenes no longer cloud-free are removed from it. */
  copy
}
