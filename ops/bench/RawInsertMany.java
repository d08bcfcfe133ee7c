import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;

/**
 * Benchmark baseline: the raw driver's insertMany of the documents the invitation import wrote, copied into another
 * collection of the same store in batches of 1,000 (the import's batch size). Prints rows per second.
 * Usage: java -cp 'app/target/extracted/lib/*' RawInsertMany.java MONGODB_URI DATABASE
 */
public class RawInsertMany {

    public static void main(String[] args) {
        try (MongoClient client = MongoClients.create(args[0])) {
            var database = client.getDatabase(args[1]);
            List<Document> documents = new ArrayList<>();
            for (Document invitation : database.getCollection("screeningInvitations").find()) {
                invitation.remove("_id");
                invitation.put("externalId", "RAW-" + invitation.getString("externalId"));
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
