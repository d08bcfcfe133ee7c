package org.cancerplan.store;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;

/**
 * The H2 MVStore backend, acknowledging a command that changed data only once a commit
 * holds it ({@link GroupCommit}: one commit for all the writes that arrived while the
 * previous one ran; forced to disk with {@link StoreDurability#FSYNC}), and serving
 * non-unique indexes ({@link SecondaryIndex}) where the stock backend ignores them.
 * Documents, their ids and unique index entries are stored without Java serialization
 * ({@link DocumentDataType}, {@link DocumentIdDataType}, {@link UniqueIndex}). The stock
 * backend commits lazily, so a process killed right after a write would lose it; here a
 * write that was acknowledged is in the file.
 * <p>
 * Commands run together, a commit alone, so that it holds each command's changes to
 * documents and to their index entries whole. For that the store must not commit by
 * itself ({@link #committingOnlyWhenTold}).
 */
class DurableH2Backend extends H2Backend {

    /**
     * Answered from the data as it is, so never waiting for a commit; aggregate is,
     * without $out or $merge.
     */
    private static final Set<String> READ_ONLY_COMMANDS = caseInsensitive("find", "getMore", "count", "distinct",
            "listCollections", "listIndexes", "listDatabases", "isMaster", "hello", "ping", "buildInfo", "dbStats",
            "collStats", "serverStatus", "killCursors", "endSessions", "whatsMyUri", "getLastError", "connectionStatus",
            "hostInfo", "getCmdLineOpts", "getFreeMonitoringStatus", "replSetGetStatus", "getLog", "getParameter",
            "explain");

    private final ReadWriteLock commandLock = new ReentrantReadWriteLock();

    private final GroupCommit commits;

    /** Forcing each commit to disk. */
    DurableH2Backend(MVStore store) {
        this(store, StoreDurability.FSYNC);
    }

    DurableH2Backend(MVStore store, StoreDurability durability) {
        super(requireCommittingOnlyWhenTold(store));
        commits = new GroupCommit(store, commandLock.writeLock(), durability);
        commits.awaitDurable(commits.next()); // the indexes built while opening the
                                              // databases
    }

    /**
     * The MVStore that {@code builder} describes, made to commit only when told.
     * {@code autoCommitDisabled()} alone stops H2's background commits only: H2 still
     * commits by itself, inside whichever command is writing, once the unsaved changes
     * pass its write buffer (about 19 MB, H2 2.4.240), and such a commit holds a
     * half-done command (a document without its index entries, a batch in part) and the
     * changes of every other command running.
     */
    static MVStore.Builder committingOnlyWhenTold(MVStore.Builder builder) {
        return builder.autoCommitDisabled().autoCommitBufferSize(0);
    }

    private static MVStore requireCommittingOnlyWhenTold(MVStore store) {
        if (store.getAutoCommitDelay() != 0 || store.getAutoCommitMemory() != 0) {
            throw new IllegalArgumentException("The store must commit only when told (committingOnlyWhenTold)");
        }
        return store;
    }

    /**
     * Answers a command that may change data once the commit holding it is durable, also
     * when the command failed: it may have changed data before it did.
     */
    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        commandLock.readLock().lock();
        try {
            return super.handleCommand(channel, database, command, query);
        }
        finally {
            long coveringCommit = commits.next();
            commandLock.readLock().unlock();
            if (changesData(command, query)) {
                commits.awaitDurable(coveringCommit);
            }
        }
    }

    static boolean changesData(String command, Document query) {
        if (command.equalsIgnoreCase("aggregate")) {
            return query.get("pipeline") instanceof List<?> stages && stages.stream()
                .anyMatch(stage -> stage instanceof Document document
                        && (document.containsKey("$out") || document.containsKey("$merge")));
        }
        return !READ_ONLY_COMMANDS.contains(command);
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedDatabase(databaseName);
    }

    /**
     * An inner class because H2Database opens the stored collections and indexes in its
     * constructor, before a subclass's own fields are set; the enclosing backend, and so
     * the MVStore, is reachable already.
     */
    private final class IndexedDatabase extends H2Database {

        IndexedDatabase(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        /**
         * Opens the index's map under a name that marks its entries' format (tokens that
         * sort as their values). The map of the same index named in the stock way holds
         * entries in the unordered form that the release before wrote, and is removed. A
         * map that is empty (the index is new, or its entries were in that form) is
         * filled from the collection's documents when the collection adds the index, and
         * the backend commits that before it serves.
         */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            MVMap<String, String> entries = openEntries(collectionName, indexName,
                    orderedIndexMapName(collectionName, indexName));
            return new SecondaryIndex(entries, indexName, keys, sparse);
        }

        /**
         * Opens the index's map under a name of its own: the stock backend's map of the
         * same index, named as {@link #openOrCreateSecondaryIndex} names its maps, holds
         * Java-serialized entries, and is removed. A map that is empty (the index is new,
         * or its entries were in the stock form) is filled from the collection's
         * documents when the collection adds the index, and the backend commits that
         * before it serves.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            MVMap<String, String> entries = openEntries(collectionName, indexName,
                    uniqueIndexMapName(collectionName, indexName));
            return new UniqueIndex(entries, indexName, keys, sparse);
        }

        /**
         * Opens the map of the index's entries, after removing the map of the index named
         * in the stock way, and with it the map named, which a release before this one
         * left behind if it wrote the store since.
         */
        private MVMap<String, String> openEntries(String collectionName, String indexName, String mapName) {
            String stockMapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            if (getMvStore().hasMap(stockMapName)) {
                getMvStore().removeMap(stockMapName);
                getMvStore().removeMap(mapName);
            }
            return getMvStore().openMap(mapName, new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                .valueType(StringDataType.INSTANCE));
        }

        /** H2Database removes the map named in the stock way; this the index's own. */
        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().removeMap(uniqueIndexMapName(collection.getCollectionName(), indexName));
            getMvStore().removeMap(orderedIndexMapName(collection.getCollectionName(), indexName));
        }

        private String uniqueIndexMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._unique_" + indexName;
        }

        private String orderedIndexMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._ordered_" + indexName;
        }

        /**
         * As H2Database opens a collection, with the same map names, as an
         * {@link IndexedCollection}, its documents and their ids in the compact forms.
         */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = getMvStore().openMap("databases." + fullName,
                    new MVMap.Builder<Object, Document>().keyType(new DocumentIdDataType())
                        .valueType(new DocumentDataType()));
            MVMap<String, Object> metaMap = getMvStore().openMap("meta." + fullName);
            return new IndexedCollection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query,
                DatabaseResolver databaseResolver, Oplog oplog) {
            if (!command.equalsIgnoreCase("aggregate")) {
                return super.handleCommand(channel, command, query, databaseResolver, oplog);
            }
            IndexedCollection.startAggregation(getFullCollectionNamespace(String.valueOf(query.get(command))), query);
            try {
                return super.handleCommand(channel, command, query, databaseResolver, oplog);
            }
            finally {
                IndexedCollection.endAggregation();
            }
        }

    }

}
