package org.abuseloop.firewall;

import java.io.PrintStream;

/**
 * The dry run: prints each script it is given, as {@code nft -f -} would read it, and runs nothing.
 * Thread-safe (scripts are printed whole, one at a time).
 */
final class PrintedNft implements NftSession {

  private final PrintStream out;

  PrintedNft(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized String run(String script) {
    out.println("# nft -f - <<'EOF'");
    out.println(script);
    out.println("# EOF");
    out.flush();
    return "";
  }

  @Override
  public void close() {
    out.flush();
  }
}
