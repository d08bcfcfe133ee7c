package org.cancerplan.admin;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

import com.mongodb.MongoException;
import org.bson.Document;
import org.cancerplan.audit.AuditEvent;
import org.cancerplan.audit.AuditLog;
import org.cancerplan.screening.DeprivationIndex;
import org.cancerplan.screening.ScreeningJobs;
import org.cancerplan.shared.Dates;
import org.cancerplan.shared.England;
import org.cancerplan.shared.NhsNumber;
import org.cancerplan.store.EmbeddedStore;
import org.cancerplan.store.EmbeddedStoreStats;
import org.springframework.beans.factory.ObjectProvider;
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

    private final ObjectProvider<EmbeddedStore> embedded;

    OperationsCommands(AuditLog audit, ScreeningJobs jobs, DeprivationIndex deprivation, MongoTemplate mongo,
            Operator operator, JsonMapper json, InvitationImport invitations, ObjectProvider<EmbeddedStore> embedded) {
        this.invitations = invitations;
        this.embedded = embedded;
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
        Instant from = since == null ? null : parseDate(since, "--since").atStartOfDay(England.ZONE).toInstant();
        List<AuditEvent> events = audit.search(operator.caller(), patient, from, actor, limit == null ? 100 : limit);
        if (Boolean.TRUE.equals(asJson)) {
            return json.writeValueAsString(events);
        }
        return events.stream()
            .map(e -> e.at() + "  " + e.outcome() + "  " + e.action() + "  " + e.actorKind() + " " + e.actorName()
                    + (e.organisation() == null ? "" : " (" + e.organisation() + ")") + "  patient "
                    + e.patientNhsNumber() + "  " + e.correlationId())
            .collect(Collectors.joining("\n"));
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
    String importInvitations(
            @Option(longName = "file",
                    description = "externalId,nhsNumber,programme,invitedOn," + "respondBy[,selfReferral]",
                    required = true) String file,
            @Option(longName = "rejects",
                    description = "where rejected rows go (default: <file>.rejects.csv)") String rejects) {
        Path input = Path.of(file);
        Path rejectsFile = rejects != null ? Path.of(rejects) : Path.of(file + ".rejects.csv");
        InvitationImport.Summary summary = invitations.run(operator.caller(), input, rejectsFile, System.err);
        return String.format("%,d rows: %,d issued, %,d already issued, %,d rejected (%s); %,.0f rows/s",
                summary.rows(), summary.issued(), summary.alreadyIssued(), summary.rejected(), summary.rejects(),
                summary.rowsPerSecond());
    }

    @Command(name = { "reference", "import-imd" }, description = "Load the Index of Multiple Deprivation from its CSV")
    String importImd(
            @Option(longName = "file", description = "the published CSV (File 7)", required = true) String file,
            @Option(longName = "edition", description = "2019, 2025 ...", required = true) String edition) {
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            DeprivationIndex.LoadResult result = deprivation.load(operator.caller(), reader, edition,
                    rows -> System.err.print("\rLoaded " + rows + " LSOAs"));
            System.err.println();
            return "IMD " + result.edition() + ": " + result.loaded() + " LSOAs loaded, " + result.skipped()
                    + " rows skipped"
                    + (result.problems().isEmpty() ? "" : "\n" + String.join("\n", result.problems()));
        }
        catch (NoSuchFileException missing) {
            throw AdminFailure.notFound("No such file: " + file);
        }
        catch (IOException unreadable) {
            throw new AdminFailure(AdminFailure.FAILED, "Cannot read " + file + ": " + unreadable.getMessage());
        }
    }

    @Command(name = { "store", "stats" }, description = "Documents per collection, their size and the indexes'")
    String stats() {
        EmbeddedStore store = embedded.getIfAvailable();
        return store != null ? embeddedStats(EmbeddedStoreStats.of(store, mongo.getDb().getName())) : mongoDbStats();
    }

    private static String embeddedStats(EmbeddedStoreStats stats) {
        StringBuilder text = new StringBuilder();
        for (EmbeddedStoreStats.CollectionSizes collection : stats.collections()) {
            text.append(String.format("%-24s %,12d documents  about %s%n", collection.name(), collection.documents(),
                    bytes(collection.documentBytes())));
            collection.indexEntries()
                .forEach((index, entries) -> text.append(String.format("  %-38s %,12d entries%n", index, entries)));
        }
        return text
            .append(String.format("file %s: %d %% in use, %d %% of that live", bytes(stats.fileBytes()),
                    stats.fillRate(), stats.liveRate()))
            .toString();
    }

    /** What MongoDB's collStats and dbStats say; counts alone where they are refused. */
    private String mongoDbStats() {
        StringBuilder text = new StringBuilder();
        List<String> names = mongo.getCollectionNames().stream().sorted().toList();
        try {
            for (String name : names) {
                Document stats = mongo.getDb().runCommand(new Document("collStats", name));
                text.append(String.format("%-24s %,12d documents  %s data  %s stored  %s indexes%n", name,
                        number(stats, "count"), bytes(stats, "size"), bytes(stats, "storageSize"),
                        bytes(stats, "totalIndexSize")));
            }
            Document database = mongo.getDb().runCommand(new Document("dbStats", 1));
            return text.append(String.format("database: %s data  %s stored  %s indexes", bytes(database, "dataSize"),
                    bytes(database, "storageSize"), bytes(database, "indexSize")))
                .toString();
        }
        catch (MongoException refused) {
            return names.stream()
                .map(name -> String.format("%-24s %,12d documents", name, mongo.getCollection(name).countDocuments()))
                .collect(Collectors.joining("\n", "", "\n"))
                    + "Sizes need the embedded store or MongoDB's collStats and dbStats: " + refused.getMessage();
        }
    }

    private static long number(Document stats, String field) {
        return stats.get(field, Number.class).longValue();
    }

    private static String bytes(Document stats, String field) {
        return stats.get(field) instanceof Number value ? bytes(value.longValue()) : "-";
    }

    private static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10; // 1 KB, 2 MB, 3 GB ...
        return String.format("%.1f %sB", bytes / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
    }

    @Command(name = { "store", "indexes" }, description = "The indexes of every collection")
    String indexes() {
        StringBuilder text = new StringBuilder();
        for (String name : mongo.getCollectionNames().stream().sorted().toList()) {
            for (Document index : mongo.getCollection(name).listIndexes()) {
                text.append(name)
                    .append("  ")
                    .append(index.get("key", Document.class).toJson())
                    .append(Boolean.TRUE.equals(index.getBoolean("unique")) ? "  unique" : "")
                    .append(Boolean.TRUE.equals(index.getBoolean("sparse")) ? "  sparse" : "")
                    .append('\n');
            }
        }
        return text.toString().stripTrailing();
    }

    private static LocalDate parseDate(String value, String option) {
        try {
            return Dates.parse(value);
        }
        catch (DateTimeParseException bad) {
            throw AdminFailure.badUsage(option + " takes a date as YYYY-MM-DD, not '" + value + "'");
        }
    }

}
