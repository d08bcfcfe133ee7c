package org.cancerplan.shared;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Work that reads a document and writes it back: when another writer got there first (an
 * optimistic-lock conflict on the version read, or a duplicate key when both inserted),
 * it runs again from the read, at most {@value #RETRIES} more times, and then lets the
 * last conflict through.
 */
public final class ConcurrentWrites {

    static final int RETRIES = 4;

    private static final RetryTemplate AFTER_A_CONFLICT = new RetryTemplate(RetryPolicy.builder()
        .includes(OptimisticLockingFailureException.class, DuplicateKeyException.class)
        .maxRetries(RETRIES)
        .delay(Duration.ofMillis(2))
        .multiplier(2)
        .build());

    private ConcurrentWrites() {
    }

    /**
     * Runs {@code readAndWrite}, again after each conflict with another writer; other
     * failures pass at once.
     */
    public static <T> T retried(Supplier<T> readAndWrite) {
        return AFTER_A_CONFLICT.invoke(readAndWrite);
    }

}
