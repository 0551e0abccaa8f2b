package io.hestia.store;

import io.hestia.store.AnalysisRunStore.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AnalysisRunStoreTest {

    @TempDir
    Path dir;

    @Test
    void runsMoveThroughPhasesAndInterruptedOnesFailAtTheNextStart() {
        try (Database db = Database.open(dir.resolve("runs.db").toString(), 2, 5000)) {
            AnalysisRunStore runs = new AnalysisRunStore(db.dataSource());
            runs.create("a", "api", 0, 86_400_000L, 1_000);
            runs.phase("a", "events", "{\"home\":3}");
            runs.counts("a", 1234, 10, 5, 2, 1);
            runs.finish("a", Status.SUCCEEDED, "{\"home\":3,\"events\":40}", "[]", null, 2_000);
            runs.create("b", "schedule", 0, 86_400_000L, 3_000);

            AnalysisRunStore.Run a = runs.find("a").orElseThrow();
            assertThat(a.status()).isEqualTo(Status.SUCCEEDED);
            assertThat(a.phase()).isEqualTo("done");
            assertThat(a.eventsRead()).isEqualTo(1234);
            assertThat(a.phaseMsJson()).contains("\"events\":40");
            assertThat(runs.latest().orElseThrow().runId()).isEqualTo("b");
            assertThat(runs.latestSucceeded().orElseThrow().runId()).isEqualTo("a");

            assertThat(runs.failInterrupted(4_000)).isEqualTo(1);
            AnalysisRunStore.Run b = runs.find("b").orElseThrow();
            assertThat(b.status()).isEqualTo(Status.FAILED);
            assertThat(b.error()).contains("restart");
        }
    }
}
