package dev.scenelift.submit;

import picocli.CommandLine.Option;

/** How results are printed. */
final class OutputOptions {
  @Option(
      names = "--json",
      description =
          "Print the summary (with --dry-run: the plan) as one JSON document on stdout and nothing else there; "
              + "progress goes to stderr as plain lines. Default: text.")
  boolean json;
}
