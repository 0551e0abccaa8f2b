package io.hestia.ha;

import io.hestia.platform.DaemonThreads;
import io.hestia.ha.home.StateEvent;
import io.hestia.store.EventStore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies HA's recorded history into the event store: the window is cut into day-long slices and the entities
 * into batches; slices are fetched in parallel while a single writer commits them (SQLite has one writer).
 * Re-running over stored data writes nothing new, so it is safe after restarts and reconnects.
 */
public final class HistoryBackfill {

    /** Progress callback, called from the writer after every committed slice. */
    public interface Progress {
        void update(int slicesDone, int slicesTotal, long received, long written);
    }

    /** @param newest newest {@code last_updated} received (HA's clock), 0 when nothing came back */
    public record Result(long received, long written, long newest) {
    }

    private static final long DAY_MS = 86_400_000L;

    private final HaRestClient rest;
    private final EventStore events;
    private final int entityBatch;
    private final int fetchThreads;
    private final boolean withAttributes;
    private final Runnable afterBulk;

    /**
     * @param afterBulk run after a backfill that read at least {@link #BULK_EVENTS} events (e.g. to hand the
     *                  heap it used back to the operating system)
     */
    public HistoryBackfill(HaRestClient rest, EventStore events, int entityBatch, int fetchThreads,
                           boolean withAttributes, Runnable afterBulk) {
        this.rest = rest;
        this.events = events;
        this.entityBatch = Math.max(1, entityBatch);
        this.fetchThreads = Math.max(1, fetchThreads);
        this.withAttributes = withAttributes;
        this.afterBulk = afterBulk;
    }

    /** A backfill reading at least this many events counts as bulk work. */
    public static final long BULK_EVENTS = 100_000;

    private record Slice(List<String> entities, long start, long end) {
    }

    /** Fetches and stores [startMs, endMs) for the entities; returns when everything is committed. */
    public Result run(List<String> entityIds, long startMs, long endMs, Progress progress) {
        List<Slice> slices = new ArrayList<>();
        for (long s = startMs; s < endMs; s += DAY_MS) {
            long e = Math.min(endMs, s + DAY_MS);
            for (int i = 0; i < entityIds.size(); i += entityBatch) {
                slices.add(new Slice(entityIds.subList(i, Math.min(entityIds.size(), i + entityBatch)), s, e));
            }
        }
        if (slices.isEmpty()) {
            return new Result(0, 0, 0);
        }
        BlockingQueue<List<StateEvent>> fetched = new ArrayBlockingQueue<>(fetchThreads * 2);
        ExecutorService pool = Executors.newFixedThreadPool(fetchThreads, DaemonThreads.factory("ha-backfill"));
        AtomicLong received = new AtomicLong();
        AtomicLong newest = new AtomicLong();
        long written = 0;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Slice slice : slices) {
                futures.add(pool.submit(() -> {
                    List<StateEvent> batch = new ArrayList<>();
                    rest.history(slice.entities(), slice.start(), slice.end(), withAttributes, batch::add);
                    received.addAndGet(batch.size());
                    batch.forEach(e -> newest.accumulateAndGet(e.lastUpdated(), Math::max));
                    fetched.put(batch);
                    return null;
                }));
            }
            for (int done = 0; done < slices.size(); done++) {
                List<StateEvent> batch = null;
                while (batch == null) {
                    batch = fetched.poll(200, TimeUnit.MILLISECONDS);
                    if (batch == null) {
                        rethrowFailure(futures);
                    }
                }
                written += events.insert(batch);
                if (progress != null) {
                    progress.update(done + 1, slices.size(), received.get(), written);
                }
            }
            if (received.get() >= BULK_EVENTS) {
                afterBulk.run();
            }
            return new Result(received.get(), written, newest.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("history backfill interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void rethrowFailure(List<Future<?>> futures) throws InterruptedException {
        for (Future<?> f : futures) {
            if (f.isDone()) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        }
    }
}
