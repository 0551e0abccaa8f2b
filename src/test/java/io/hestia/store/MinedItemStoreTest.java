package io.hestia.store;

import io.hestia.store.MinedItemStore.Item;
import io.hestia.store.MinedItemStore.Posterior;
import io.hestia.store.MinedItemStore.Query;
import io.hestia.store.MinedItemStore.Sort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mined items on a real SQLite file: upsert by stable id, deactivation, history, paging, feedback posteriors. */
class MinedItemStoreTest {

    @TempDir
    Path dir;

    private Database db;
    private MinedItemStore store;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("items.db").toString(), 2, 5000);
        store = new MinedItemStore(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Item item(String id, String type, double confidence, String... entities) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < entities.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(entities[i]).append('"');
        }
        json.append(']');
        return new Item(id, "pattern", type, json.toString(), List.of(entities), "on", "kitchen", entities.length,
                confidence, 10, confidence, confidence, 1_000L, 2_000L, "{\"typical_time\":\"07:05\"}", "[1000,2000]",
                "Kitchen light turns on around 07:05.", true, 0, 0, null);
    }

    private void store(String run, long now, Item... items) {
        Map<String, List<String>> entities = new HashMap<>();
        for (Item it : items) {
            entities.put(it.itemId(), it.entityIds());
        }
        store.storeRun(run, "pattern", List.of(items), entities, now);
    }

    @Test
    void aRerunUpdatesRowsByIdAndKeepsHistoryAndFirstSeen() {
        store(  "r1", 100, item("p-1", "time_of_day", 0.8, "light.kitchen"),
                item("p-2", "co_occurrence", 0.6, "binary_sensor.motion", "light.kitchen"));
        Item moved = new Item("p-1", "pattern", "time_of_day", "[\"light.kitchen\"]", List.of("light.kitchen"), "on",
                "kitchen", 1, 0.9, 12, 0.9, 0.9, 5_000L, 9_000L, "{}", "[]", "again", true, 0, 0, null);
        store("r2", 200, moved);

        Item p1 = store.find("pattern", "p-1").orElseThrow();
        assertThat(p1.confidence()).isEqualTo(0.9);
        assertThat(p1.firstSeenMs()).isEqualTo(1_000L); // the earliest sighting is kept
        assertThat(p1.lastSeenMs()).isEqualTo(9_000L);
        assertThat(p1.createdAt()).isEqualTo(100);
        assertThat(p1.updatedAt()).isEqualTo(200);
        assertThat(store.history("p-1", 10)).extracting(MinedItemStore.HistoryPoint::confidence)
                .containsExactly(0.8, 0.9);
        // p-2 was not found by r2: kept, inactive, and left out of lists unless asked for
        assertThat(store.find("pattern", "p-2").orElseThrow().active()).isFalse();
        assertThat(list(null, null, false).items()).extracting(Item::itemId).containsExactly("p-1");
        assertThat(list(null, null, true).items()).extracting(Item::itemId).containsExactly("p-1", "p-2");
        assertThat(store.stats("pattern").total()).isEqualTo(1);
        assertThat(store.stats("pattern").inactive()).isEqualTo(1);
        // another kind is not touched by a pattern run
        assertThat(store.find("synergy", "p-1")).isEmpty();
    }

    @Test
    void filtersByEntityTypeAndConfidenceAndPagesWithAStableCursor() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            items.add(item(String.format("p-%02d", i), i % 2 == 0 ? "time_of_day" : "co_occurrence", 0.5 + i / 100.0,
                    i % 3 == 0 ? "light.kitchen" : "light.hall"));
        }
        store("r1", 100, items.toArray(new Item[0]));
        assertThat(list("light.kitchen", null, false).items()).hasSize(9);
        assertThat(store.list(new Query("pattern", "time_of_day", null, 0.6, null, false, Sort.CONFIDENCE, 100, null))
                .items()).allMatch(it -> it.type().equals("time_of_day") && it.confidence() >= 0.6);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            MinedItemStore.Page page = store.list(new Query("pattern", null, null, null, null, false, Sort.SCORE, 7,
                    cursor));
            page.items().forEach(it -> seen.add(it.itemId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("p-24"); // best score first
        assertThatThrownBy(() -> store.list(new Query("pattern", null, null, null, null, false, Sort.SCORE, 7,
                "not-a-cursor"))).isInstanceOf(IllegalArgumentException.class);
        // a cursor belongs to its sort order
        String scoreCursor = store.list(new Query("pattern", null, null, null, null, false, Sort.SCORE, 7, null))
                .nextCursor();
        assertThatThrownBy(() -> store.list(new Query("pattern", null, null, null, null, false, Sort.CONFIDENCE, 7,
                scoreCursor))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(new Query("pattern", null, null, null, null, false, Sort.SCORE, 7,
                MinedItemStore.encodeCursor("SCORE|NaN", "p-01")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retentionDropsOldHistoryAndStaleItemsButKeepsThoseWithFeedback() {
        store("r1", 100, item("p-1", "time_of_day", 0.8, "light.kitchen"), item("p-2", "time_of_day", 0.7,
                "light.hall"), item("p-3", "time_of_day", 0.6, "light.porch"));
        store.addFeedback("f1", "pattern", "p-2", true, null, null, 1.0, 150, null);
        store("r2", 1_000, item("p-1", "time_of_day", 0.8, "light.kitchen")); // p-2 and p-3 no longer found
        assertThat(store.purgeBefore(500)).isEqualTo(3 + 1); // r1's three history points and p-3
        assertThat(store.find("pattern", "p-3")).isEmpty();
        assertThat(store.find("pattern", "p-2")).isPresent(); // it has feedback
        assertThat(store.history("p-1", 10)).extracting(MinedItemStore.HistoryPoint::runId).containsExactly("r2");
        assertThat(list("light.porch", null, true).items()).isEmpty();
    }

    @Test
    void feedbackIsStoredAndAccumulatesIntoTheBetaPosterior() {
        store("r1", 100, item("p-1", "time_of_day", 0.8, "light.kitchen"));
        assertThat(store.posterior("p-1")).isEqualTo(Posterior.PRIOR);
        MinedItemStore.FeedbackResult first = store.addFeedback("f1", "pattern", "p-1", true, 5, "yes", 1.0, 10,
                (base, post) -> post.mean());
        assertThat(first.scoreBefore()).isEqualTo(0.8);
        assertThat(first.score()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(store.find("pattern", "p-1").orElseThrow().score()).isEqualTo(first.score());
        Posterior p = store.addFeedback("f2", "pattern", "p-1", false, null, null, 0.0, 20, null).posterior();
        assertThat(p.alpha()).isEqualTo(2.0);
        assertThat(p.beta()).isEqualTo(2.0);
        assertThat(p.feedbacks()).isEqualTo(2);
        assertThat(p.accepted()).isEqualTo(1);
        assertThat(p.rejected()).isEqualTo(1);
        assertThat(store.posteriors(List.of("p-1", "p-x"))).containsOnlyKeys("p-1");
        assertThat(store.stats("pattern").withFeedback()).isEqualTo(1);
    }

    private MinedItemStore.Page list(String entity, String type, boolean inactive) {
        return store.list(new Query("pattern", type, entity, null, null, inactive, Sort.SCORE, 100, null));
    }
}
