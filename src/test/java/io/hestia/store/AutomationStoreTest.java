package io.hestia.store;

import io.hestia.store.AutomationStore.AutomationRow;
import io.hestia.store.AutomationStore.Version;
import io.hestia.store.SuggestionStore.SuggestionRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Automations, versions and suggestions on a real SQLite file: atomic recording, optimistic checks, lifecycle. */
class AutomationStoreTest {

    private static AutomationRow row(String id, int version, Long deletedAt) {
        return new AutomationRow(id, "Alias " + version, "automation.alias", null, true, true, version, "key-" + id,
                "on", 1_000, 1_000 + version, deletedAt);
    }

    private static Version version(String id, int n) {
        return new Version(id, n, "api", "edit " + n, "{\"id\":\"" + id + "\",\"n\":" + n + "}", "id: " + id + "\n",
                "", true, 90, "[]", true, 1_000 + n);
    }

    private static SuggestionRow suggestion(String id, String key, String sourceId, String status) {
        return new SuggestionRow(id, key, "pattern", sourceId, "time_of_day", "[\"light.a\"]", "Title " + id, "desc",
                "evidence", "convenience", "medium", 0.8, "{\"id\":\"x\"}", 100, status, null, null, "none", 5, 5);
    }

    @Test
    void versionsAreRecordedWithTheAutomationOrNotAtAll(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("a.db").toString(), 2, 5000)) {
            AutomationStore store = new AutomationStore(db.dataSource());
            assertThat(store.record(row("a1", 1, null), version("a1", 1), 0, null)).isTrue();
            // a second "first version" of the same id loses: nothing written
            assertThat(store.record(row("a1", 1, null), version("a1", 1), 0, null)).isFalse();
            // an update that expected an older version loses too
            assertThat(store.record(row("a1", 2, null), version("a1", 2), 0, null)).isFalse();
            assertThat(store.record(row("a1", 2, null), version("a1", 2), 1, null)).isTrue();
            assertThat(store.record(row("a1", 3, null), version("a1", 3), 1, null)).isFalse();
            assertThat(store.versions("a1")).extracting(Version::version).containsExactly(1, 2);
            assertThat(store.find("a1").orElseThrow().currentVersion()).isEqualTo(2);
            assertThat(store.latest("a1").orElseThrow().reason()).isEqualTo("edit 2");
            assertThat(store.version("a1", 1).orElseThrow().config()).contains("\"n\":1");

            // a version whose insert fails (duplicate version number) leaves the automation row unchanged
            store.record(row("b1", 1, null), version("b1", 1), 0, null);
            try {
                store.record(row("b1", 2, null), version("b1", 1), 1, null);
            } catch (StoreException expected) {
                // the primary key (automation_id, version_no) refused it
            }
            assertThat(store.find("b1").orElseThrow().currentVersion()).isEqualTo(1);

            store.record(row("a1", 3, 2_000L), version("a1", 3), 2, null);
            assertThat(store.list(false)).extracting(AutomationRow::automationId).containsExactly("b1");
            assertThat(store.list(true)).hasSize(2);
            assertThat(store.liveBehaviourKeys()).containsExactly("key-b1");
        }
    }

    @Test
    void deployingMarksTheSuggestionInTheSameTransaction(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("s.db").toString(), 2, 5000)) {
            SuggestionStore suggestions = new SuggestionStore(db.dataSource());
            AutomationStore automations = new AutomationStore(db.dataSource());
            assertThat(suggestions.insert(List.of(suggestion("s1", "k1", "pat-1", "pending")), 10)).isEqualTo(1);
            assertThat(suggestions.transition("s1", "pending", "approved", "ok", "pending", 11)).isTrue();
            assertThat(suggestions.transition("s1", "pending", "rejected", "late", "pending", 12)).isFalse();
            assertThat(automations.record(row("a1", 1, null), version("a1", 1), 0, "s1")).isTrue();
            SuggestionRow s = suggestions.find("s1").orElseThrow();
            assertThat(s.status()).isEqualTo("deployed");
            assertThat(s.automationId()).isEqualTo("a1");
            assertThat(suggestions.feedbackPending(10)).extracting(SuggestionRow::suggestionId).containsExactly("s1");
            suggestions.feedbackState("s1", "sent");
            assertThat(suggestions.feedbackPending(10)).isEmpty();
        }
    }

    @Test
    void oneBehaviourIsSuggestedOnceAndANewBehaviourOfTheSameItemSupersedesThePendingOne(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("k.db").toString(), 2, 5000)) {
            SuggestionStore store = new SuggestionStore(db.dataSource());
            store.insert(List.of(suggestion("s1", "k1", "pat-1", "pending")), 10);
            // the same behaviour again (from any source) is not stored twice
            assertThat(store.insert(List.of(suggestion("s2", "k1", "pat-9", "pending")), 20)).isZero();
            // the routine moved: a new behaviour from the same pattern supersedes the pending suggestion
            assertThat(store.insert(List.of(suggestion("s3", "k3", "pat-1", "pending")), 30)).isEqualTo(1);
            assertThat(store.find("s1").orElseThrow().status()).isEqualTo("superseded");
            assertThat(store.find("s1").orElseThrow().statusReason()).contains("s3");
            assertThat(store.counts()).containsEntry("pending", 1).containsEntry("superseded", 1);
            assertThat(store.list("pending", null, 10, 0)).extracting(SuggestionRow::suggestionId)
                    .containsExactly("s3");
            assertThat(store.findByKey("k3")).isPresent();
            assertThat(store.behaviourKeys()).containsExactlyInAnyOrder("k1", "k3");
        }
    }
}
