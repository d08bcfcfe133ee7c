package org.cancerplan.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

import org.cancerplan.messages.Notifications.MessageStatus;
import org.cancerplan.messages.Notifications.RelayStatus;
import org.cancerplan.messages.Notifications;
import org.cancerplan.shared.NhsNumber;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Profile;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages to patients, for support: what was sent to whom and how each channel went,
 * what failed, sending again, and stopping the relay during an incident.
 */
@Component
@Profile("admin")
class NotifyCommands implements CommandSet {

    static final int LIMIT = 200;

    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private final Notifications notifications;

    private final Operator operator;

    private final JsonMapper json;

    private final Clock clock;

    NotifyCommands(Notifications notifications, Operator operator, JsonMapper json, Clock clock) {
        this.notifications = notifications;
        this.operator = operator;
        this.json = json;
        this.clock = clock;
    }

    @Command(name = { "notify", "status" },
            description = "A patient's messages and each delivery, newest first (audited); without an NHS number,"
                    + " the relay's state")
    String status(@Argument(index = 0, description = "NHS number", defaultValue = "") String nhsNumber,
            @Option(longName = "json", description = "print JSON", defaultValue = "false") Boolean asJson) {
        if (nhsNumber == null || nhsNumber.isBlank()) {
            RelayStatus relay = notifications.relayStatus(operator.caller());
            return Boolean.TRUE.equals(asJson) ? json.writeValueAsString(relay) : describe(relay);
        }
        List<MessageStatus> messages = notifications.ofPatient(operator.caller(), NhsNumber.of(nhsNumber), LIMIT);
        if (Boolean.TRUE.equals(asJson)) {
            return json.writeValueAsString(messages);
        }
        return messages.isEmpty() ? "No messages for " + nhsNumber
                : messages.stream().map(NotifyCommands::describe).collect(Collectors.joining("\n"));
    }

    @Command(name = { "notify", "failures" }, description = "Messages the relay gave up on, newest first (audited)")
    String failures(@Option(longName = "since",
            description = "created since: a date (2026-12-01), a time (2026-12-01T09:00:00Z) or a period back (24h, 7d)",
            defaultValue = "7d") String since,
            @Option(longName = "json", description = "print JSON", defaultValue = "false") Boolean asJson) {
        Instant from = since(since);
        List<MessageStatus> failed = notifications.failures(operator.caller(), from, LIMIT);
        if (Boolean.TRUE.equals(asJson)) {
            return json.writeValueAsString(failed);
        }
        return failed.isEmpty() ? "No failed messages since " + from
                : failed.stream().map(NotifyCommands::describe).collect(Collectors.joining("\n"));
    }

    @Command(name = { "notify", "resend" },
            description = "Send a sent or failed message again, under a new reference (audited)")
    String resend(@Argument(index = 0, description = "the message's id") String messageId) {
        if (messageId == null || messageId.isBlank()) {
            throw AdminFailure.badUsage("notify resend needs a message's id (notify status NHS shows them)");
        }
        try {
            MessageStatus resent = notifications.resend(operator.caller(), messageId.strip());
            return "Message " + resent.id() + " will be sent again (reference " + resent.reference() + ")";
        }
        catch (Notifications.ResendRefused refused) {
            throw refused.getMessage().startsWith("No message") ? AdminFailure.notFound(refused.getMessage())
                    : AdminFailure.badUsage(refused.getMessage());
        }
    }

    @Command(name = { "notify", "pause" },
            description = "Stop sending messages on every instance, for an incident (they wait, nothing is lost)")
    String pause(@Option(longName = "reason", description = "why, for whoever resumes it") String reason) {
        return describe(notifications.pause(operator.caller(), reason));
    }

    @Command(name = { "notify", "resume" }, description = "Send messages again after notify pause")
    String resume() {
        return describe(notifications.resume(operator.caller()));
    }

    private Instant since(String since) {
        String text = since == null ? "7d" : since.strip();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ENGLAND).toInstant();
            }
            if (text.contains("T")) {
                return Instant.parse(text);
            }
            Duration back = DurationStyle.SIMPLE.parse(text);
            return clock.instant().minus(back);
        }
        catch (DateTimeParseException | IllegalArgumentException notUnderstood) {
            throw AdminFailure.badUsage("--since " + since
                    + ": give a date (2026-12-01), a time (2026-12-01T09:00:00Z) or a period (24h, 7d)");
        }
    }

    private static String describe(RelayStatus relay) {
        String state = relay.paused() ? "PAUSED by " + relay.changedBy() + " at " + relay.changedAt()
                + (relay.reason() == null ? "" : " (" + relay.reason() + ")") : "running";
        String gateway = relay.configured() ? "configured"
                : "not configured (no cancerplan.notify.base-url): messages wait in the inbox";
        return "Relay: " + state + "\nGateway: " + gateway + "\nMessages: "
                + relay.messagesByState()
                    .entrySet()
                    .stream()
                    .map(entry -> entry.getKey() + " " + entry.getValue())
                    .collect(Collectors.joining(", "))
                + "\nOldest unsent: " + (relay.oldestUnsent() == null ? "none" : relay.oldestUnsent());
    }

    private static String describe(MessageStatus message) {
        StringBuilder text = new StringBuilder().append(message.id())
            .append("  ")
            .append(message.createdAt())
            .append("  ")
            .append(message.nhsNumber())
            .append("  ")
            .append(message.kind())
            .append("  ")
            .append(message.relayState());
        if (message.attempts() > 0) {
            text.append(" after ")
                .append(message.attempts())
                .append(message.attempts() == 1 ? " attempt" : " attempts");
        }
        if (message.sentAt() != null) {
            text.append(", sent ").append(message.sentAt());
        }
        if (message.gatewayStatus() != null) {
            text.append(", gateway ").append(message.gatewayStatus());
        }
        if (message.resends() > 0) {
            text.append(", resent ").append(message.resends()).append('x');
        }
        if (message.readAt() != null) {
            text.append(", read ").append(message.readAt());
        }
        text.append("\n    \"").append(message.title()).append('"');
        message.deliveries()
            .forEach((channel, status) -> text.append("\n    ").append(channel).append(' ').append(status));
        if (message.lastError() != null) {
            text.append("\n    last error: ").append(message.lastError());
        }
        return text.toString();
    }

}
