package io.hestia.store;

import io.hestia.store.QueryStore.QueryRecord;
import io.hestia.store.QueryStore.Round;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class QueryStoreTest {

    @TempDir
    Path dir;

    private static QueryRecord query(String id, String area, String conversation, int rounds, String status,
                                     long at) {
        return new QueryRecord(id, "turn on the light", area, conversation, status, "HassTurnOn", rounds,
                "{}", "{\"intent\":\"HassTurnOn\"}", "[]", null, "[]", 0.5, 1.25, at, at);
    }

    @Test
    void queriesAndTheirRoundsSurviveReopeningTheFile() {
        String file = dir.resolve("queries.db").toString();
        try (Database db = Database.open(file, 2, 5000)) {
            QueryStore store = new QueryStore(db.dataSource());
            store.insert(query("q-1", "kitchen", "conv", 0, "needs_clarification", 1_000));
            QueryRecord next = new QueryRecord("q-1", "turn on the light", "kitchen", "conv", "answered",
                    "HassTurnOn", 1, "{\"which\":\"light.a\"}", "{\"intent\":\"HassTurnOn\",\"n\":2}",
                    "[{\"id\":\"x\"}]", "{\"valid\":true}", "[\"note\"]", 0.9, 2.5, 1_000, 2_000);
            assertThat(store.saveRound(next, new Round("q-1", 1, "[{\"id\":\"which\"}]", "{\"which\":\"light.a\"}",
                    2_000))).isTrue();
        }
        try (Database db = Database.open(file, 2, 5000)) {
            QueryStore store = new QueryStore(db.dataSource());
            QueryRecord q = store.find("q-1").orElseThrow();
            assertThat(q.status()).isEqualTo("answered");
            assertThat(q.rounds()).isEqualTo(1);
            assertThat(q.answersJson()).isEqualTo("{\"which\":\"light.a\"}");
            assertThat(q.understandingJson()).contains("\"n\":2");
            assertThat(q.suggestionsJson()).isEqualTo("[{\"id\":\"x\"}]");
            assertThat(q.validationJson()).isEqualTo("{\"valid\":true}");
            assertThat(q.notesJson()).isEqualTo("[\"note\"]");
            assertThat(q.confidence()).isEqualTo(0.9);
            assertThat(q.processingMs()).isEqualTo(2.5);
            assertThat(q.createdAt()).isEqualTo(1_000);
            assertThat(q.updatedAt()).isEqualTo(2_000);
            assertThat(q.contextAreaId()).isEqualTo("kitchen");
            assertThat(q.conversationId()).isEqualTo("conv");
            assertThat(store.rounds("q-1")).containsExactly(
                    new Round("q-1", 1, "[{\"id\":\"which\"}]", "{\"which\":\"light.a\"}", 2_000));
            assertThat(store.find("q-none")).isEmpty();
        }
    }

    @Test
    void aRoundIsStoredOnlyOverTheRoundItFollows() {
        try (Database db = Database.open(dir.resolve("rounds.db").toString(), 2, 5000)) {
            QueryStore store = new QueryStore(db.dataSource());
            store.insert(query("q-1", null, null, 0, "needs_clarification", 1_000));
            QueryRecord one = query("q-1", null, null, 1, "needs_clarification", 2_000);
            assertThat(store.saveRound(one, new Round("q-1", 1, "[]", "{\"a\":\"1\"}", 2_000))).isTrue();
            // a second request answering round 1 again (it read the query before the first one wrote) loses
            assertThat(store.saveRound(one, new Round("q-1", 1, "[]", "{\"a\":\"2\"}", 2_100))).isFalse();
            assertThat(store.rounds("q-1")).extracting(Round::answersJson).containsExactly("{\"a\":\"1\"}");
            // and an unknown query stores nothing
            assertThat(store.saveRound(query("q-x", null, null, 1, "answered", 1), new Round("q-x", 1, "[]", "{}", 1)))
                    .isFalse();
            assertThat(store.rounds("q-x")).isEmpty();
        }
    }

    @Test
    void aConversationsAreaIsItsLatestQueryWithOne() {
        try (Database db = Database.open(dir.resolve("conv.db").toString(), 2, 5000)) {
            QueryStore store = new QueryStore(db.dataSource());
            store.insert(query("q-a", "kitchen", "c1", 0, "answered", 1_000));
            store.insert(query("q-b", "bedroom", "c1", 0, "answered", 2_000));
            store.insert(query("q-c", null, "c1", 0, "answered", 3_000));
            store.insert(query("q-d", "garage", "c2", 0, "answered", 4_000));
            assertThat(store.latestWithAreaIn("c1").orElseThrow().queryId()).isEqualTo("q-b");
            assertThat(store.latestWithAreaIn("c2").orElseThrow().contextAreaId()).isEqualTo("garage");
            // a follow-up may name the query it follows as its conversation
            assertThat(store.latestWithAreaIn("q-a").orElseThrow().contextAreaId()).isEqualTo("kitchen");
            assertThat(store.latestWithAreaIn("c3")).isEmpty();
        }
    }
}
