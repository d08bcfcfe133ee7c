package org.cancerplan.store;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;

/**
 * What the embedded store's file holds, read from its MVStore: for each collection its
 * documents (the entries of its map, and about how many bytes their pages take in the
 * file: {@link #bytesInTheFile}) and the entries of each index; the file's size, the
 * share of it in use, and the share of that holding live data (the rest is older
 * versions, which H2 reclaims as it compacts the file).
 *
 * @param fillRate the percentage of the file's blocks in use
 * @param liveRate the percentage of the used blocks' content that is live
 */
public record EmbeddedStoreStats(List<CollectionSizes> collections, long fileBytes, int fillRate, int liveRate) {

    /**
     * @param indexEntries by index name
     */
    public record CollectionSizes(String name, long documents, long documentBytes, Map<String, Long> indexEntries) {
    }

    // the maps as DurableH2Backend names them: "databases.<db>.<collection>" for the
    // documents,
    // "<db>.<collection>._unique_<index>" and "<db>.<collection>._ordered_<index>" for
    // the indexes
    private static final String DOCUMENTS = "databases.";

    private static final List<String> INDEXES = List.of("._unique_", "._ordered_");

    public static EmbeddedStoreStats of(EmbeddedStore store, String database) {
        MVStore mvStore = store.mvStore();
        String prefix = DOCUMENTS + database + ".";
        List<CollectionSizes> collections = mvStore.getMapNames()
            .stream()
            .sorted()
            .filter(name -> name.startsWith(prefix) && !name.startsWith(prefix + "system."))
            .map(name -> {
                String collection = name.substring(prefix.length());
                MVMap<Object, Object> documents = mvStore.openMap(name);
                return new CollectionSizes(collection, documents.sizeAsLong(), bytesInTheFile(documents),
                        indexEntries(mvStore, database + "." + collection));
            })
            .toList();
        FileStore<?> file = mvStore.getFileStore();
        return new EmbeddedStoreStats(collections, file.size(), file.getFillRate(), file.getChunksFillRate());
    }

    /**
     * About how many bytes a map's pages take in the file: its entries times the bytes
     * per entry of its first leaf. (H2's own estimate scales one sampled branch at its
     * right end, which for a B-tree grown at that end, as one of documents keyed by
     * ObjectId, is the newest and emptiest: five times too low for a million audit
     * events.)
     */
    static long bytesInTheFile(MVMap<?, ?> map) {
        Page<?, ?> page = map.getRootPage();
        long entries = page.getTotalCount();
        while (!page.isLeaf()) {
            page = page.getChildPage(0);
        }
        long sampled = page.getDiskSpaceUsed(false);
        return page.getKeyCount() == 0 || sampled == 0 ? map.getRootPage().getDiskSpaceUsed(true)
                : entries * sampled / page.getKeyCount();
    }

    private static Map<String, Long> indexEntries(MVStore mvStore, String namespace) {
        Map<String, Long> entries = new TreeMap<>();
        for (String name : mvStore.getMapNames()) {
            for (String infix : INDEXES) {
                if (name.startsWith(namespace + infix)) {
                    entries.put(name.substring(namespace.length() + infix.length()),
                            mvStore.openMap(name).sizeAsLong());
                }
            }
        }
        return entries;
    }
}
