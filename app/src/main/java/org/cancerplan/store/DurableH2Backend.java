package org.cancerplan.store;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The H2 MVStore backend, committing after every command that changed data. The stock backend commits lazily, so a
 * process killed right after a write would lose it; here a write that was acknowledged is in the file.
 */
class DurableH2Backend extends H2Backend {

    DurableH2Backend(MVStore store) {
        super(store);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            if (getMvStore().hasUnsavedChanges()) {
                commit();
            }
        }
    }
}
