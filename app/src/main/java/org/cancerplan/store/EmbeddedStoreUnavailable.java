package org.cancerplan.store;

/**
 * The embedded store cannot be opened or reached; the message says why and what to do.
 */
public class EmbeddedStoreUnavailable extends RuntimeException {

    public EmbeddedStoreUnavailable(String message) {
        super(message);
    }

}
