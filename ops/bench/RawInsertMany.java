import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;

/**
 * Benchmark baseline: the raw driver's insertMany of as many documents as the invitation import wrote, each a copy of
 * one it wrote, into another collection of the same store in batches of 1,000 (the import's batch size). Prints rows
 * per second.
 * Usage: java -cp 'app/target/extracted/lib/*' RawInsertMany.java MONGODB_URI DATABASE
 */
public class RawInsertMany {

    public static void main(String[] args) {
        try (MongoClient client = MongoClients.create(args[0])) {
            var database = client.getDatabase(args[1]);
            // one imported invitation as the pattern, copied once per invitation in the store: reading them all back
            // would make the embedded server hold every one in memory at once (it answers a find whole)
            var invitations = database.getCollection("screeningInvitations");
            Document pattern = invitations.find().limit(1).first();
            long count = invitations.countDocuments();
            List<Document> documents = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                Document invitation = new Document(pattern);
                invitation.remove("_id");
                invitation.put("externalId", "RAW-" + i + "-" + pattern.getString("externalId"));
                documents.add(invitation);
            }
            MongoCollection<Document> raw = database.getCollection("benchRawInvitations");
            raw.drop();
            long start = System.nanoTime();
            for (int from = 0; from < documents.size(); from += 1_000) {
                raw.insertMany(documents.subList(from, Math.min(from + 1_000, documents.size())));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            raw.drop();
            System.out.printf("%d %.0f%n", documents.size(), documents.size() / seconds);
        }
    }
}
