/**
 * Blocking: {@link org.abuseloop.firewall.Firewall} bans sources within a millisecond or so, rate
 * limits a port per source and drops published ranges, through nftables (default), ipset + iptables,
 * or a dry run that prints what it would do.
 *
 * <p>Public surface: {@code Firewall} (its static factories choose the backend), {@code AllowList},
 * {@code FirewallSettings}, {@code Ban}, {@code BanOutcome}, {@code RateLimit}, {@code Rate},
 * {@code Port}, {@code RangeBlock}, {@code FirewallException}. Everything else is internal: the
 * in-memory {@code BanList}, the {@code BanBatcher} that turns bans into kernel transactions, and
 * the backends and the nft sessions behind them.
 */
package org.abuseloop.firewall;
