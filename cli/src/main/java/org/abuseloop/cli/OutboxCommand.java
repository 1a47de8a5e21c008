package org.abuseloop.cli;

import picocli.CommandLine.Command;

/**
 * {@code abuseloop outbox}: a temporary parent of the outbox commands until they join {@code abuseloop
 * report} (send, approve, replies, stats). Stateless.
 */
@Command(name = "outbox", mixinStandardHelpOptions = true,
    description = "The outbox of abuse reports: send, approve, replies, stats.",
    subcommands = {ReportSendCommand.class, ReportApproveCommand.class, ReportRepliesCommand.class, ReportStatsCommand.class})
final class OutboxCommand {}
