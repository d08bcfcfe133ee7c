package org.cancerplan.store;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.mvstore.MVStore;

/**
 * Commits the MVStore for every writer that waits, one commit at a time: writes that
 * finish while a commit runs are committed together in the next one. Commits are
 * numbered; a writer notes, while its command still holds the command lock, the number of
 * the first commit that will start after it ({@link #next()}), and waits until that
 * commit is in the file ({@link StoreDurability#PROCESS}) or has also been forced to disk
 * ({@link StoreDurability#FSYNC}).
 * <p>
 * A commit holds the command lock's write side, so it holds every command's changes
 * whole. The force runs outside it, so commands go on meanwhile, and the next commit may
 * be written while the previous one is forced, but no further: a commit may reuse the
 * space of chunks that earlier commits left dead, which is safe only once those commits
 * are on the disk.
 */
final class GroupCommit {

    private final MVStore store;

    private final Lock commandsExcluded;

    private final StoreDurability durability;

    private final FileCompaction compaction;

    private final Lock lock = new ReentrantLock();

    private final Condition progress = lock.newCondition();

    /**
     * Commits started; changed only while {@link #commandsExcluded} is held, so a command
     * sees it stand still.
     */
    private volatile long started;

    private long written;

    private long forced;

    private boolean committing;

    private boolean forcing;

    GroupCommit(MVStore store, Lock commandsExcluded, StoreDurability durability) {
        this.store = store;
        this.commandsExcluded = commandsExcluded;
        this.durability = durability;
        this.compaction = new FileCompaction(store);
    }

    /**
     * The number of the first commit that will start from now on; read while holding the
     * command lock.
     */
    long next() {
        return started + 1;
    }

    /**
     * Returns once commit {@code number} is durable as the setting asks, committing or
     * forcing if nobody else does.
     */
    void awaitDurable(long number) {
        lock.lock();
        try {
            while (durable() < number) {
                if (written < number && !committing && mayWriteAnotherCommit()) {
                    commit();
                }
                else if (durability == StoreDurability.FSYNC && written >= number && !forcing) {
                    force();
                }
                else {
                    progress.awaitUninterruptibly();
                }
            }
        }
        finally {
            lock.unlock();
        }
    }

    private long durable() {
        return durability == StoreDurability.FSYNC ? forced : written;
    }

    private boolean mayWriteAnotherCommit() {
        return durability == StoreDurability.PROCESS || forced >= written - 1;
    }

    /** Called and returns holding {@link #lock}; releases it while committing. */
    private void commit() {
        committing = true;
        lock.unlock();
        long number;
        try {
            number = commitExcludingCommands();
        }
        finally {
            lock.lock();
            committing = false;
            progress.signalAll();
        }
        written = number;
    }

    private long commitExcludingCommands() {
        commandsExcluded.lock();
        try {
            long number = ++started;
            store.commit();
            compaction.afterCommit();
            return number;
        }
        finally {
            commandsExcluded.unlock();
        }
    }

    /** Called and returns holding {@link #lock}; releases it while forcing. */
    private void force() {
        forcing = true;
        long covered = written;
        lock.unlock();
        try {
            store.sync();
        }
        finally {
            lock.lock();
            forcing = false;
            progress.signalAll();
        }
        forced = Math.max(forced, covered);
    }

}
