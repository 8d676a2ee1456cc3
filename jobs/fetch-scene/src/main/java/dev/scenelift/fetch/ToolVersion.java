package dev.scenelift.fetch;

import picocli.CommandLine;

/** scenelift's version as the jar's manifest states it ("dev" when run from classes). */
final class ToolVersion implements CommandLine.IVersionProvider {
  static String get() {
    String version = ToolVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"fetch-scene " + get()};
  }
}
