package org.abuseloop.firewall;

import java.util.List;

/**
 * The simple fallback: one {@code nft -f -} process per script, the script on its standard input.
 * Costs a process start (about 3 ms) per transaction. Thread-safe (scripts run one at a time).
 */
final class ScriptNft implements NftSession {

  private final Shell shell;

  ScriptNft(Shell shell) {
    this.shell = shell;
  }

  @Override
  public synchronized String run(String script) {
    return shell.run(List.of("nft", "-f", "-"), script + "\n");
  }

  @Override
  public void close() {
    // Nothing stays running between scripts.
  }
}
