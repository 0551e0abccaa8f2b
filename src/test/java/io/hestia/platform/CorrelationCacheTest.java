package io.hestia.platform;

import io.hestia.store.CorrelationCacheStore;
import io.hestia.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CorrelationCacheTest {

    private static final long T0 = 1_767_600_000_000L;
    private static final Duration TTL = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    private final List<Database> databases = new ArrayList<>();
    private MutableClock clock;
    private CorrelationCacheStore store;
    private CorrelationCache cache;

    @BeforeEach
    void open() {
        clock = new MutableClock(T0);
        store = new CorrelationCacheStore(openDb().dataSource());
        cache = new CorrelationCache(store, 100, TTL, clock);
    }

    @AfterEach
    void close() {
        databases.forEach(Database::close);
    }

    private Database openDb() {
        Database db = Database.open(dir.resolve("cache.db").toString(), 2, 5000);
        databases.add(db);
        return db;
    }

    /** A second cache instance over a separate pool on the same database file, as after a restart. */
    private CorrelationCache secondInstance(long maxEntries) {
        return new CorrelationCache(new CorrelationCacheStore(openDb().dataSource()), maxEntries, TTL, clock);
    }

    @Test
    void orderedKeyIsOrderIndependent() {
        assertThat(CorrelationCache.ordered("b", "a")).containsExactly("a", "b");
        assertThat(CorrelationCache.ordered("a", "b")).containsExactly("a", "b");
        assertThat(CorrelationCache.ordered("a", "a")).containsExactly("a", "a");
    }

    @Test
    void pairsAreTheSameEntryInEitherOrder() {
        cache.put("sensor.b", "sensor.a", "0.8");
        assertThat(cache.get("sensor.a", "sensor.b")).contains("0.8");
        assertThat(cache.get("sensor.b", "sensor.a")).contains("0.8");
        // stored once, under the ordered key
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.get("sensor.a", "sensor.b", T0)).isPresent();
        assertThat(store.get("sensor.b", "sensor.a", T0)).isEmpty();

        cache.put("sensor.a", "sensor.b", "0.1");
        assertThat(cache.get("sensor.b", "sensor.a")).contains("0.1");
        assertThat(store.size()).isEqualTo(1);
        assertThat(cache.stats().memorySize()).isEqualTo(1);

        // the other instance, reading the store, sees the same entry in either order
        assertThat(secondInstance(100).get("sensor.b", "sensor.a")).contains("0.1");
        assertThat(cache.get("sensor.a", "sensor.c")).isEmpty();
    }

    @Test
    void putThenGetIsAMemoryHit() {
        cache.put("a", "b", "0.5");
        assertThat(cache.get("a", "b")).contains("0.5");
        CorrelationCache.Stats s = cache.stats();
        assertThat(s.memoryHits()).isEqualTo(1);
        assertThat(s.storeHits()).isZero();
        assertThat(s.misses()).isZero();
        assertThat(s.puts()).isEqualTo(1);
    }

    @Test
    void aNewInstanceHitsTheStoreFirstThenMemory() {
        cache.put("a", "b", "0.5");
        CorrelationCache second = secondInstance(100);

        assertThat(second.get("b", "a")).contains("0.5");
        assertThat(second.stats().storeHits()).isEqualTo(1);
        assertThat(second.stats().memoryHits()).isZero();
        assertThat(second.stats().memorySize()).isEqualTo(1);

        // remove the row behind the cache's back: the next hit can only come from memory
        store.delete("a", "b");
        assertThat(second.get("a", "b")).contains("0.5");
        CorrelationCache.Stats s = second.stats();
        assertThat(s.storeHits()).isEqualTo(1);
        assertThat(s.memoryHits()).isEqualTo(1);
        assertThat(s.misses()).isZero();
    }

    @Test
    void entriesExpireAfterTheTtlInMemoryAndInTheStore() {
        cache.put("a", "b", "0.5");
        clock.advance(TTL.minusMillis(1));
        assertThat(cache.get("a", "b")).contains("0.5");
        assertThat(cache.stats().memoryHits()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get("a", "b")).isEmpty();
        CorrelationCache.Stats s = cache.stats();
        assertThat(s.misses()).isEqualTo(1);
        assertThat(s.storeHits()).isZero();
        assertThat(s.memoryHits()).isEqualTo(1);
        // the expired row was deleted by the read
        assertThat(s.storeSize()).isZero();
        assertThat(store.size()).isZero();
        // Caffeine sweeps expired entries on its timer wheel (buckets of about a second): a little later the
        // memory tier has dropped the entry too
        clock.advance(Duration.ofMinutes(1));
        assertThat(cache.stats().memorySize()).isZero();
    }

    @Test
    void anExpiredStoreRowIsAMissForANewInstanceAndIsDeleted() {
        cache.put("a", "b", "0.5");
        clock.advance(TTL);
        CorrelationCache second = secondInstance(100);
        assertThat(second.get("a", "b")).isEmpty();
        assertThat(second.stats().misses()).isEqualTo(1);
        assertThat(store.size()).isZero();
    }

    @Test
    void aPromotedEntryKeepsItsRemainingLifetime() {
        cache.put("a", "b", "0.5");
        clock.advance(Duration.ofMinutes(8));
        CorrelationCache second = secondInstance(100);
        assertThat(second.get("a", "b")).contains("0.5");
        assertThat(second.stats().storeHits()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2).minusMillis(1));
        assertThat(second.get("a", "b")).contains("0.5");
        assertThat(second.stats().memoryHits()).isEqualTo(1);

        // ten minutes after the put, not after the promotion
        clock.advance(Duration.ofMillis(1));
        assertThat(second.get("a", "b")).isEmpty();
        assertThat(second.stats().misses()).isEqualTo(1);
        assertThat(second.stats().memoryHits()).isEqualTo(1);
        assertThat(store.size()).isZero();
    }

    @Test
    void aStoreRowExpiringSoonerThanTheTtlExpiresInMemoryWithIt() {
        store.put("a", "b", "0.9", T0, T0 + 1_000);
        assertThat(cache.get("a", "b")).contains("0.9");
        clock.advance(Duration.ofMillis(999));
        assertThat(cache.get("b", "a")).contains("0.9");
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get("a", "b")).isEmpty();
        CorrelationCache.Stats s = cache.stats();
        assertThat(s.storeHits()).isEqualTo(1);
        assertThat(s.memoryHits()).isEqualTo(1);
        assertThat(s.misses()).isEqualTo(1);
    }

    @Test
    void purgeExpiredDeletesExpiredRowsAndDropsExpiredMemoryEntries() {
        cache.put("a", "b", "1");
        cache.put("a", "c", "2");
        cache.put("a", "d", "3");
        clock.advance(Duration.ofMinutes(5));
        cache.put("a", "e", "4");
        clock.advance(Duration.ofMinutes(5));

        assertThat(cache.purgeExpired()).isEqualTo(3);
        assertThat(store.size()).isEqualTo(1);
        CorrelationCache.Stats s = cache.stats();
        assertThat(s.memorySize()).isEqualTo(1);
        assertThat(s.storeSize()).isEqualTo(1);
        assertThat(cache.purgeExpired()).isZero();
        assertThat(cache.get("e", "a")).contains("4");
        // purging reads nothing
        assertThat(cache.stats().misses()).isZero();
    }

    @Test
    void theMemoryTierIsBoundedAndEvictionsAreCounted() {
        CorrelationCache small = new CorrelationCache(store, 10, TTL, clock);
        for (int i = 0; i < 50; i++) {
            small.put("sensor.x", "sensor.y" + i, Integer.toString(i));
        }
        CorrelationCache.Stats s = small.stats();
        assertThat(s.puts()).isEqualTo(50);
        assertThat(s.memorySize()).isEqualTo(10);
        assertThat(s.evictions()).isEqualTo(40);
        assertThat(s.storeSize()).isEqualTo(50);
        assertThat(s.maxEntries()).isEqualTo(10);

        // evicted entries are still answered, from the store
        for (int i = 0; i < 50; i++) {
            assertThat(small.get("sensor.y" + i, "sensor.x")).contains(Integer.toString(i));
        }
        s = small.stats();
        assertThat(s.misses()).isZero();
        assertThat(s.memoryHits() + s.storeHits()).isEqualTo(50);
        assertThat(s.storeHits()).isGreaterThanOrEqualTo(40);
        assertThat(s.memorySize()).isLessThanOrEqualTo(10);
    }

    @Test
    void statsReportTheHitRateAndConfiguration() {
        CorrelationCache.Stats empty = cache.stats();
        assertThat(empty.hitRate()).isZero();
        assertThat(empty.maxEntries()).isEqualTo(100);
        assertThat(empty.ttlSeconds()).isEqualTo(600);
        assertThat(empty.evictions()).isZero();

        store.put("a", "b", "0.3", T0, T0 + 60_000);
        assertThat(cache.get("a", "b")).contains("0.3");      // store hit
        assertThat(cache.get("b", "a")).contains("0.3");      // memory hit
        assertThat(cache.get("a", "b")).contains("0.3");      // memory hit
        assertThat(cache.get("a", "z")).isEmpty();            // miss

        CorrelationCache.Stats s = cache.stats();
        assertThat(s.storeHits()).isEqualTo(1);
        assertThat(s.memoryHits()).isEqualTo(2);
        assertThat(s.misses()).isEqualTo(1);
        assertThat(s.puts()).isZero();
        assertThat(s.hitRate()).isCloseTo(0.75, within(1e-9));
        assertThat(s.storeSize()).isEqualTo(1);
        assertThat(s.memorySize()).isEqualTo(1);
    }

    @Test
    void invalidateRemovesBothTiers() {
        cache.put("a", "b", "0.5");
        cache.invalidate("b", "a");
        assertThat(store.size()).isZero();
        assertThat(cache.get("a", "b")).isEmpty();
        assertThat(cache.stats().memorySize()).isZero();
        assertThat(cache.stats().misses()).isEqualTo(1);
    }
}
