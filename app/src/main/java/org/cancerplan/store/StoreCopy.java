package org.cancerplan.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * Replaces one database's contents with another's, collection by collection, documents
 * and indexes: how a backup of the embedded store is restored, into the embedded store or
 * into MongoDB.
 */
public final class StoreCopy {

    private static final int BATCH = 1_000;

    private StoreCopy() {
    }

    /** How far the copy of a collection has come. */
    public record Progress(String collection, long copied, boolean done) {
    }

    /** The documents of all the collections counted. */
    public static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Documents per collection, system collections left out. */
    public static Map<String, Long> counts(MongoDatabase database) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name : collections(database)) {
            counts.put(name, database.getCollection(name).countDocuments());
        }
        return counts;
    }

    /**
     * Drops every collection of {@code target}, then copies every collection of
     * {@code source} into it.
     * @param progress told every thousand documents, and when each collection is done
     * @return documents copied per collection
     */
    public static Map<String, Long> replace(MongoDatabase source, MongoDatabase target, Consumer<Progress> progress) {
        for (String name : collections(target)) {
            target.getCollection(name).drop();
        }
        Map<String, Long> copied = new LinkedHashMap<>();
        for (String name : collections(source)) {
            copied.put(name, copyDocuments(source.getCollection(name), target.getCollection(name), progress));
            copyIndexes(source.getCollection(name), target, name);
        }
        return copied;
    }

    private static long copyDocuments(MongoCollection<Document> from, MongoCollection<Document> to,
            Consumer<Progress> progress) {
        String name = from.getNamespace().getCollectionName();
        long count = 0;
        List<Document> batch = new ArrayList<>(BATCH);
        try (MongoCursor<Document> documents = from.find().batchSize(BATCH).iterator()) {
            while (documents.hasNext()) {
                batch.add(documents.next());
                if (batch.size() == BATCH) {
                    to.insertMany(batch);
                    count += batch.size();
                    batch.clear();
                    progress.accept(new Progress(name, count, false));
                }
            }
        }
        if (!batch.isEmpty()) {
            to.insertMany(batch);
            count += batch.size();
        }
        progress.accept(new Progress(name, count, true));
        return count;
    }

    /**
     * Indexes after the documents: quicker on MongoDB, and the documents came from a
     * store that held them.
     */
    private static void copyIndexes(MongoCollection<Document> from, MongoDatabase target, String name) {
        List<Document> indexes = new ArrayList<>();
        for (Document index : from.listIndexes()) {
            if (!"_id_".equals(index.getString("name"))) {
                Document spec = new Document(index);
                spec.remove("v");
                spec.remove("ns");
                indexes.add(spec);
            }
        }
        if (!indexes.isEmpty()) {
            target.runCommand(new Document("createIndexes", name).append("indexes", indexes));
        }
    }

    /** The database's collections, system collections left out, by name. */
    public static List<String> collections(MongoDatabase database) {
        return database.listCollectionNames()
            .into(new ArrayList<>())
            .stream()
            .filter(name -> !name.startsWith("system."))
            .sorted()
            .toList();
    }

}
