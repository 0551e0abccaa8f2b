package io.hestia.platform;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Hands heap that bulk work (a history backfill, large uploads) left behind back to the operating system.
 * G1 keeps a grown heap committed until a full collection, so a home server would otherwise hold several
 * hundred megabytes it no longer uses; one explicit collection after the bulk work shrinks the committed heap
 * to what is live (docs/benchmarks/foundation.md). Uploads only mark bulk work; the collection runs from a
 * timer once they have been quiet for a while, never on the request path. Off with
 * {@code hestia.memory.release-after-bulk=false}, or when the JVM runs with -XX:+DisableExplicitGC.
 */
public final class MemoryRelease {

    private static final Logger LOG = Logger.getLogger(MemoryRelease.class.getName());

    private final boolean enabled;
    private final long quietMs;
    private final AtomicLong lastBulkAt = new AtomicLong();

    public MemoryRelease(boolean enabled, long quietMs) {
        this.enabled = enabled;
        this.quietMs = quietMs;
    }

    /** Bulk work just happened (e.g. a large upload); a release follows once things are quiet. */
    public void noteBulk() {
        if (enabled) {
            lastBulkAt.set(System.currentTimeMillis());
        }
    }

    /** Releases now (after a backfill, which is over when this is called). */
    public void releaseNow() {
        if (enabled) {
            lastBulkAt.set(0);
            collect();
        }
    }

    /** Called by the timer route: releases when bulk work was marked and nothing bulky happened since. */
    public boolean releaseIfQuiet() {
        long at = lastBulkAt.get();
        if (at == 0 || System.currentTimeMillis() - at < quietMs || !lastBulkAt.compareAndSet(at, 0)) {
            return false;
        }
        collect();
        return true;
    }

    private static void collect() {
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory();
        long t0 = System.nanoTime();
        System.gc();
        LOG.info(() -> String.format(java.util.Locale.ROOT, "after bulk work the committed heap went from %d MB to %d MB (%d ms)",
                before >> 20, rt.totalMemory() >> 20, (System.nanoTime() - t0) / 1_000_000));
    }
}
