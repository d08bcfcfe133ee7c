import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Benchmark data: COUNT audit events of the shape AuditLog writes (collection auditEvents, the fields of AuditEvent as
 * Spring Data maps them: null fields left out, _class set), spread over the patients of the cohort file and the demo
 * patients and over the past year, inserted with the raw driver's insertMany, 1,000 at a time, through the wire
 * protocol, so the store maintains its indexes. The actors are a mix of what the service records: the consultant
 * reading records and plans, patients reading their own, the screening feed issuing invitations, a few refusals.
 * Prints the count and rows per second.
 * Usage: java -cp 'app/target/extracted/lib/*' SeedAuditEvents.java MONGODB_URI DATABASE COHORT_CSV COUNT
 */
public class SeedAuditEvents {

    private static final List<String> DEMO_PATIENTS = List.of("9434765919", "9434765927", "9434765935", "9434765943");
    private static final Duration YEAR = Duration.ofDays(365);

    public static void main(String[] args) throws IOException {
        List<String> patients = new ArrayList<>(DEMO_PATIENTS);
        try (var lines = Files.lines(Path.of(args[2]))) {
            lines.skip(1).map(line -> line.split(",")[1]).forEach(patients::add);
        }
        long count = Long.parseLong(args[3]);
        Random random = new Random(16);
        Instant now = Instant.now();
        try (MongoClient client = MongoClients.create(args[0])) {
            MongoCollection<Document> events = client.getDatabase(args[1]).getCollection("auditEvents");
            long start = System.nanoTime();
            List<Document> batch = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                String patient = patients.get(random.nextInt(patients.size()));
                Instant at = now.minusMillis((long) (random.nextDouble() * YEAR.toMillis()));
                batch.add(event(random.nextInt(100), patient, at));
                if (batch.size() == 1_000 || i == count - 1) {
                    events.insertMany(batch);
                    batch.clear();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d %.0f%n", count, count / seconds);
        }
    }

    /** Who acted and what they did. */
    private record Actor(String kind, String id, String name, String organisation, String action) {
    }

    /** One event; {@code dice} (0-99) picks the actor and action; the fields in AuditEvent's order. */
    private static Document event(int dice, String patient, Instant at) {
        Actor actor = dice < 55
                ? new Actor("STAFF", "demo-seed-consultant", "Demo Consultant", "R1H",
                        dice < 25 ? "PATIENT_READ" : dice < 45 ? "PLAN_READ" : dice < 50 ? "PLAN_UPDATED" : "CASELOAD_READ")
                : dice < 85 ? new Actor("PATIENT", "patient-" + patient, "Test Patient", null,
                        dice < 70 ? "PLAN_READ" : "INVITATIONS_READ")
                : new Actor("INTEGRATION", "screening-feed", "screening-feed", null, "INVITATION_ISSUED");
        Document event = new Document("_id", new ObjectId(Date.from(at))).append("at", Date.from(at))
                .append("actorKind", actor.kind()).append("actorId", actor.id()).append("actorName", actor.name());
        if (actor.organisation() != null) {
            event.append("organisation", actor.organisation());
        }
        return event.append("patientNhsNumber", patient).append("action", actor.action())
                .append("outcome", dice == 99 ? "DENIED" : "ALLOWED").append("correlationId", UUID.randomUUID().toString())
                .append("_class", "org.cancerplan.audit.AuditEvent");
    }
}
