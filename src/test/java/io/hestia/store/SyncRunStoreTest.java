package io.hestia.store;

import io.hestia.store.SyncRunStore.Status;
import io.hestia.store.SyncRunStore.SyncRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncRunStoreTest {

    @TempDir
    Path dir;

    private Database db;
    private SyncRunStore store;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("sync.db").toString(), 2, 5000);
        store = new SyncRunStore(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void emptyStoreHasNoRuns() {
        assertThat(store.find("nope")).isEmpty();
        assertThat(store.running()).isEmpty();
        assertThat(store.latest()).isEmpty();
        assertThat(store.failInterrupted(1)).isZero();
    }

    @Test
    void createdRunIsRunningAndQueued() {
        store.create("r1", 7, 1_000);
        assertThat(store.find("r1")).contains(
                new SyncRun("r1", Status.RUNNING, "queued", 7, 1_000, null, 0, 0, 0, 0, null));
        assertThat(store.running()).map(SyncRun::id).contains("r1");
        assertThat(store.latest()).map(SyncRun::id).contains("r1");
    }

    @Test
    void creatingTheSameIdTwiceFails() {
        store.create("r1", 7, 1_000);
        assertThatThrownBy(() -> store.create("r1", 3, 2_000)).isInstanceOf(StoreException.class);
        assertThat(store.find("r1")).map(SyncRun::days).contains(7);
    }

    @Test
    void progressUpdatesPhaseAndCounters() {
        store.create("r1", 7, 1_000);
        store.progress("r1", "history", 120, 30, 5_000_000_000L, 4_999_999_999L);
        SyncRun run = store.find("r1").orElseThrow();
        assertThat(run.phase()).isEqualTo("history");
        assertThat(run.entitiesTotal()).isEqualTo(120);
        assertThat(run.entitiesDone()).isEqualTo(30);
        assertThat(run.eventsReceived()).isEqualTo(5_000_000_000L);
        assertThat(run.eventsWritten()).isEqualTo(4_999_999_999L);
        assertThat(run.status()).isEqualTo(Status.RUNNING);
        assertThat(run.finishedAt()).isNull();
    }

    @Test
    void progressOfAnUnknownRunChangesNothing() {
        store.create("r1", 7, 1_000);
        store.progress("other", "history", 1, 1, 1, 1);
        assertThat(store.find("r1")).map(SyncRun::phase).contains("queued");
        assertThat(store.find("other")).isEmpty();
    }

    @Test
    void finishSucceededAndFailed() {
        store.create("ok", 1, 1_000);
        store.create("bad", 1, 2_000);
        store.progress("ok", "history", 10, 10, 100, 90);
        store.finish("ok", Status.SUCCEEDED, null, 5_000);
        store.finish("bad", Status.FAILED, "HA answered 401", 6_000);

        assertThat(store.find("ok")).contains(
                new SyncRun("ok", Status.SUCCEEDED, "done", 1, 1_000, 5_000L, 10, 10, 100, 90, null));
        assertThat(store.find("bad")).contains(
                new SyncRun("bad", Status.FAILED, "failed", 1, 2_000, 6_000L, 0, 0, 0, 0, "HA answered 401"));
        assertThat(store.running()).isEmpty();
    }

    @Test
    void failInterruptedMarksOnlyRunningRuns() {
        store.create("done", 1, 1_000);
        store.finish("done", Status.SUCCEEDED, null, 1_500);
        store.create("a", 1, 2_000);
        store.create("b", 1, 3_000);
        store.progress("b", "history", 5, 2, 10, 10);

        assertThat(store.failInterrupted(9_000)).isEqualTo(2);

        assertThat(store.find("done")).contains(
                new SyncRun("done", Status.SUCCEEDED, "done", 1, 1_000, 1_500L, 0, 0, 0, 0, null));
        for (String id : new String[] {"a", "b"}) {
            SyncRun run = store.find(id).orElseThrow();
            assertThat(run.status()).isEqualTo(Status.FAILED);
            assertThat(run.phase()).isEqualTo("failed");
            assertThat(run.error()).isEqualTo("interrupted by a restart");
            assertThat(run.finishedAt()).isEqualTo(9_000L);
        }
        // counters are kept
        assertThat(store.find("b")).map(SyncRun::entitiesDone).contains(2);
        assertThat(store.running()).isEmpty();
        assertThat(store.failInterrupted(10_000)).isZero();
        assertThat(store.find("a")).map(SyncRun::finishedAt).contains(9_000L);
    }

    @Test
    void runningAndLatestPickTheNewestByStartTime() {
        // created out of start order
        store.create("middle", 1, 2_000);
        store.create("newest", 1, 3_000);
        store.create("oldest", 1, 1_000);
        assertThat(store.running()).map(SyncRun::id).contains("newest");
        assertThat(store.latest()).map(SyncRun::id).contains("newest");

        store.finish("newest", Status.SUCCEEDED, null, 4_000);
        assertThat(store.running()).map(SyncRun::id).contains("middle");
        assertThat(store.latest()).map(SyncRun::id).contains("newest");

        store.finish("middle", Status.FAILED, "x", 4_000);
        assertThat(store.running()).map(SyncRun::id).contains("oldest");
        store.finish("oldest", Status.FAILED, "y", 4_000);
        assertThat(store.running()).isEmpty();
        assertThat(store.latest()).map(SyncRun::status).contains(Status.SUCCEEDED);
    }
}
