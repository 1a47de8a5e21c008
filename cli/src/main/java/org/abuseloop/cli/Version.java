package org.abuseloop.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code abuseloop --version}, read from the jar manifest when there is one. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"abuseloop " + (v == null ? "development build" : v)};
  }
}
