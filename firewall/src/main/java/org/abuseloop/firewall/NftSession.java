package org.abuseloop.firewall;

/**
 * A way to run nftables scripts, each as one atomic transaction: a long-lived {@code nft -i}, one
 * {@code nft -f -} per script, or printing for a dry run. Implementations are thread-safe (scripts
 * run one at a time).
 */
interface NftSession extends AutoCloseable {

  /**
   * Runs {@code script} (commands separated by newlines) as one transaction and returns what nft
   * printed; throws {@link ChangeRejected} when nft reported an error, {@link FirewallException}
   * when nft could not run.
   */
  String run(String script);

  @Override
  void close();

  /** The session the settings ask for. */
  static NftSession start(FirewallSettings settings) {
    return settings.interactive() ? new InteractiveNft(settings) : new ScriptNft(new ProcessShell(settings));
  }
}
