package io.hestia.store;

import io.hestia.store.CorrelationCacheStore.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationCacheStoreTest {

    @TempDir
    Path dir;

    private Database db;
    private CorrelationCacheStore store;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("cache.db").toString(), 2, 5000);
        store = new CorrelationCacheStore(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void putThenGetBeforeExpiry() {
        store.put("a", "b", "0.5", 1_000, 2_000);
        assertThat(store.get("a", "b", 1_999)).contains(new Row("0.5", 2_000));
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void keyIsTheOrderedPairAsGiven() {
        // ordering is the caller's job: the store keys on (first, second) exactly
        store.put("a", "b", "0.5", 1_000, 2_000);
        assertThat(store.get("b", "a", 1_500)).isEmpty();
        assertThat(store.get("a", "c", 1_500)).isEmpty();
    }

    @Test
    void expiredRowIsNotReturnedAndIsDeletedOnRead() {
        store.put("a", "b", "0.5", 1_000, 2_000);
        store.put("a", "c", "0.7", 1_000, 9_000);
        // expiry is inclusive: a row expiring at now is expired
        assertThat(store.get("a", "b", 2_000)).isEmpty();
        assertThat(store.size()).isEqualTo(1);
        // going back in time does not resurrect it
        assertThat(store.get("a", "b", 1_500)).isEmpty();
        assertThat(store.get("a", "c", 2_000)).contains(new Row("0.7", 9_000));
    }

    @Test
    void putOverwritesValueAndExpiry() {
        store.put("a", "b", "0.5", 1_000, 2_000);
        store.put("a", "b", "0.9", 1_500, 5_000);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.get("a", "b", 3_000)).contains(new Row("0.9", 5_000));
    }

    @Test
    void deleteRemovesOneRow() {
        store.put("a", "b", "1", 0, 10_000);
        store.put("a", "c", "2", 0, 10_000);
        store.delete("a", "b");
        store.delete("x", "y");
        assertThat(store.get("a", "b", 1)).isEmpty();
        assertThat(store.get("a", "c", 1)).isPresent();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void purgeExpiredDeletesRowsExpiredAtNow() {
        store.put("a", "b", "1", 0, 1_000);
        store.put("a", "c", "2", 0, 2_000);
        store.put("a", "d", "3", 0, 3_000);
        assertThat(store.purgeExpired(999)).isZero();
        assertThat(store.purgeExpired(2_000)).isEqualTo(2);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.get("a", "d", 2_500)).contains(new Row("3", 3_000));
        assertThat(store.purgeExpired(2_000)).isZero();
        assertThat(store.purgeExpired(Long.MAX_VALUE)).isEqualTo(1);
        assertThat(store.size()).isZero();
    }
}
