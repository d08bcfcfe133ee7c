package org.cancerplan.admin;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

import org.bson.Document;
import org.cancerplan.audit.AuditEvent;
import org.cancerplan.audit.AuditLog;
import org.cancerplan.screening.DeprivationIndex;
import org.cancerplan.screening.ScreeningJobs;
import org.cancerplan.shared.Dates;
import org.cancerplan.shared.NhsNumber;
import org.springframework.context.annotation.Profile;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Audit search, the screening job, reference data and the store. */
@Component
@Profile("admin")
class OperationsCommands implements CommandSet {

    private final AuditLog audit;
    private final ScreeningJobs jobs;
    private final DeprivationIndex deprivation;
    private final MongoTemplate mongo;
    private final Operator operator;
    private final JsonMapper json;
    private final InvitationImport invitations;

    OperationsCommands(AuditLog audit, ScreeningJobs jobs, DeprivationIndex deprivation, MongoTemplate mongo,
            Operator operator, JsonMapper json, InvitationImport invitations) {
        this.invitations = invitations;
        this.audit = audit;
        this.jobs = jobs;
        this.deprivation = deprivation;
        this.mongo = mongo;
        this.operator = operator;
        this.json = json;
    }

    @Command(name = { "audit", "search" }, description = "Audit events, newest first")
    String auditSearch(@Option(longName = "nhs-number", description = "the patient") String nhsNumber,
            @Option(longName = "since", description = "from this date (YYYY-MM-DD)") String since,
            @Option(longName = "actor", description = "the actor's id") String actor,
            @Option(longName = "limit", description = "at most this many", defaultValue = "100") Integer limit,
            @Option(longName = "json", description = "print JSON", defaultValue = "false") Boolean asJson) {
        String patient = nhsNumber == null ? null : NhsNumber.of(nhsNumber).value();
        java.time.Instant from = since == null ? null : parseDate(since, "--since").atStartOfDay(ZoneId.of("Europe/London"))
                .toInstant();
        List<AuditEvent> events = audit.search(operator.caller(), patient, from, actor, limit == null ? 100 : limit);
        if (Boolean.TRUE.equals(asJson)) {
            return json.writeValueAsString(events);
        }
        return events.stream().map(e -> e.at() + "  " + e.outcome() + "  " + e.action() + "  " + e.actorKind() + " "
                + e.actorName() + (e.organisation() == null ? "" : " (" + e.organisation() + ")") + "  patient "
                + e.patientNhsNumber() + "  " + e.correlationId()).collect(Collectors.joining("\n"));
    }

    @Command(name = { "invitations", "remind" }, description = "Mark unanswered invitations reminded now")
    String remind(@Option(longName = "dry-run", description = "only count") boolean dryRun) {
        long count = jobs.remind(dryRun);
        return (dryRun ? "Would remind " : "Reminded ") + count + " invitations";
    }

    @Command(name = { "invitations", "expire" }, description = "Expire invitations past their last day to respond")
    String expire(@Option(longName = "dry-run", description = "only count") boolean dryRun) {
        long count = jobs.expire(dryRun);
        return (dryRun ? "Would expire " : "Expired ") + count + " invitations";
    }

    @Command(name = { "invitations", "import" }, description = "Issue invitations from a CSV, rejects to a file")
    String importInvitations(@Option(longName = "file", description = "externalId,nhsNumber,programme,invitedOn,"
            + "respondBy[,selfReferral]", required = true) String file,
            @Option(longName = "rejects", description = "where rejected rows go (default: <file>.rejects.csv)")
            String rejects) {
        Path input = Path.of(file);
        Path rejectsFile = rejects != null ? Path.of(rejects) : Path.of(file + ".rejects.csv");
        InvitationImport.Summary summary = invitations.run(operator.caller(), input, rejectsFile, System.err);
        return String.format("%,d rows: %,d issued, %,d already issued, %,d rejected (%s); %,.0f rows/s",
                summary.rows(), summary.issued(), summary.alreadyIssued(), summary.rejected(), summary.rejects(),
                summary.rowsPerSecond());
    }

    @Command(name = { "reference", "import-imd" }, description = "Load the Index of Multiple Deprivation from its CSV")
    String importImd(@Option(longName = "file", description = "the published CSV (File 7)", required = true) String file,
            @Option(longName = "edition", description = "2019, 2025 ...", required = true) String edition) {
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            DeprivationIndex.LoadResult result = deprivation.load(operator.caller(), reader, edition,
                    rows -> System.err.print("\rLoaded " + rows + " LSOAs"));
            System.err.println();
            return "IMD " + result.edition() + ": " + result.loaded() + " LSOAs loaded, " + result.skipped()
                    + " rows skipped" + (result.problems().isEmpty() ? "" : "\n" + String.join("\n", result.problems()));
        } catch (NoSuchFileException missing) {
            throw AdminFailure.notFound("No such file: " + file);
        } catch (IOException unreadable) {
            throw new AdminFailure(AdminFailure.FAILED, "Cannot read " + file + ": " + unreadable.getMessage());
        }
    }

    @Command(name = { "store", "stats" }, description = "Documents per collection")
    String stats() {
        return mongo.getCollectionNames().stream().sorted()
                .map(name -> String.format("%-24s %,d", name, mongo.getCollection(name).countDocuments()))
                .collect(Collectors.joining("\n"));
    }

    @Command(name = { "store", "indexes" }, description = "The indexes of every collection")
    String indexes() {
        StringBuilder text = new StringBuilder();
        for (String name : mongo.getCollectionNames().stream().sorted().toList()) {
            for (Document index : mongo.getCollection(name).listIndexes()) {
                text.append(name).append("  ").append(index.get("key", Document.class).toJson())
                        .append(Boolean.TRUE.equals(index.getBoolean("unique")) ? "  unique" : "")
                        .append(Boolean.TRUE.equals(index.getBoolean("sparse")) ? "  sparse" : "").append('\n');
            }
        }
        return text.toString().stripTrailing();
    }

    private static LocalDate parseDate(String value, String option) {
        try {
            return Dates.parse(value);
        } catch (DateTimeParseException bad) {
            throw AdminFailure.badUsage(option + " takes a date as YYYY-MM-DD, not '" + value + "'");
        }
    }
}
