package org.abuseloop.cli;

import picocli.CommandLine.Command;

/**
 * {@code abuseloop firewall ...}: the firewall set up by hand, outside {@code watch}: remove it,
 * rate limit a port, block a provider's ranges, put everything back. A picocli command group.
 */
@Command(name = "firewall", mixinStandardHelpOptions = true, description = "Manage abuseloop's firewall table by hand.",
    subcommands = {FirewallRemoveCommand.class, RateLimitCommand.class, BlockProviderCommand.class, FirewallRestoreCommand.class})
final class FirewallCommand {
}
