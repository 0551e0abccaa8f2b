package io.hestia.ha;

import io.hestia.platform.DaemonThreads;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.NotFoundException;
import io.hestia.platform.UnavailableException;
import io.hestia.store.SyncRunStore;
import io.hestia.store.SyncRunStore.SyncRun;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /api/v1/ha/sync}: refreshes the registries and backfills N days of history in the background.
 * One run at a time: asking again while a run is going returns that run. Re-running is harmless because the
 * event store ignores events it already has.
 */
public final class HaSyncService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HaSyncService.class.getName());

    private final SyncRunStore runs;
    private final Supplier<HaWebSocketClient> client;
    private final HaIngestor ingestor;
    private final HistoryBackfill backfill;
    private final int defaultDays;
    private final int maxDays;
    private final CompletableFuture<Void> cleanup;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.factory("ha-sync"));

    public HaSyncService(SyncRunStore runs, Supplier<HaWebSocketClient> client, HaIngestor ingestor,
                         HistoryBackfill backfill, int defaultDays, int maxDays) {
        this.runs = runs;
        this.client = client;
        this.ingestor = ingestor;
        this.backfill = backfill;
        this.defaultDays = defaultDays;
        this.maxDays = maxDays;
        // first on the sync thread, so it does not hold up start-up; start() waits for it
        cleanup = CompletableFuture.runAsync(() -> {
            int interrupted = runs.failInterrupted(System.currentTimeMillis());
            if (interrupted > 0) {
                LOG.info(interrupted + " sync run(s) were interrupted by the last stop and are marked failed");
            }
        }, executor);
    }

    /** Starts a run, or returns the one already running. */
    public synchronized SyncRun start(Integer days) {
        int d = days == null ? defaultDays : days;
        if (d < 0 || d > maxDays) {
            throw InvalidInputException.of("days", "must be between 0 and " + maxDays + ", was " + d);
        }
        cleanup.join(); // runs left RUNNING by the last stop are marked failed first
        var running = runs.running();
        if (running.isPresent()) {
            return running.get();
        }
        HaWebSocketClient ws = client.get();
        if (ws == null || ws.status() != HaWebSocketClient.Status.CONNECTED) {
            throw new UnavailableException("Home Assistant is not connected ("
                    + (ws == null ? "not configured" : ws.status() + ", " + ws.lastError()) + ")");
        }
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        runs.create(id, d, now);
        executor.execute(() -> run(id, ws, d));
        return runs.find(id).orElseThrow();
    }

    private void run(String id, HaWebSocketClient ws, int days) {
        try {
            runs.progress(id, "registries", 0, 0, 0, 0);
            List<String> entities = ingestor.syncRegistries(ws);
            long end = System.currentTimeMillis();
            long start = end - days * 86_400_000L;
            runs.progress(id, "history", entities.size(), 0, 0, 0);
            backfill.run(entities, start, end, (done, total, received, written) ->
                    runs.progress(id, "history", entities.size(),
                            Math.min(entities.size(), (int) ((long) done * entities.size() / Math.max(1, total))),
                            received, written));
            runs.finish(id, SyncRunStore.Status.SUCCEEDED, null, System.currentTimeMillis());
        } catch (Throwable e) { // an Error too: a run must never stay RUNNING and block every later one
            LOG.log(Level.WARNING, "sync run " + id + " failed", e);
            runs.finish(id, SyncRunStore.Status.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    System.currentTimeMillis());
            if (e instanceof Error err) {
                throw err;
            }
        }
    }

    public SyncRun get(String id) {
        return runs.find(id).orElseThrow(() -> new NotFoundException("no sync run " + id));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
