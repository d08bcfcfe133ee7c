package org.cancerplan.store;

/** When the embedded store acknowledges a write ({@code cancerplan.store.durability}). */
public enum StoreDurability {

    /**
     * After the commit holding the write has been forced to disk: the write survives a
     * power cut.
     */
    FSYNC,

    /**
     * After the commit holding the write is in the file (the operating system's cache):
     * it survives {@code kill -9}.
     */
    PROCESS

}
