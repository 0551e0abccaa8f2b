package io.hestia.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.hestia.store.CorrelationCacheStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Two-tier cache of pairwise values (e.g. correlations between two entities). A bounded in-memory tier
 * (Caffeine, size-bounded, entries expire with their TTL) sits in front of a persistent table with the same
 * TTL. Keys are order-independent: (a, b) and (b, a) are the same entry. A persistent hit is promoted to
 * memory with its remaining lifetime.
 */
public final class CorrelationCache {

    /** Snapshot of the cache figures. */
    public record Stats(long memoryHits, long storeHits, long misses, long puts, long evictions, long memorySize,
                        long storeSize, long maxEntries, long ttlSeconds, double hitRate) {
    }

    private record Entry(String value, long expiresAt) {
    }

    private final CorrelationCacheStore store;
    private final Clock clock;
    private final long ttlMs;
    private final long maxEntries;
    private final Cache<String, Entry> memory;
    private final LongAdder memoryHits = new LongAdder();
    private final LongAdder storeHits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    public CorrelationCache(CorrelationCacheStore store, long maxEntries, Duration ttl, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.ttlMs = ttl.toMillis();
        this.maxEntries = maxEntries;
        this.memory = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry e, long now) {
                        return remainingNanos(e);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry e, long now, long current) {
                        return remainingNanos(e);
                    }

                    @Override
                    public long expireAfterRead(String key, Entry e, long now, long current) {
                        return current;
                    }
                })
                .removalListener((String k, Entry v, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                    if (cause == com.github.benmanes.caffeine.cache.RemovalCause.SIZE) {
                        evictions.increment(); // pushed out by the size bound; TTL expiries are not evictions
                    }
                })
                .executor(Runnable::run)
                .build();
    }

    private long remainingNanos(Entry e) {
        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, e.expiresAt() - clock.millis()));
    }

    /** The order-independent key of a pair. */
    static String[] ordered(String a, String b) {
        return a.compareTo(b) <= 0 ? new String[] {a, b} : new String[] {b, a};
    }

    private static String key(String[] pair) {
        return pair[0] + '\u0000' + pair[1];
    }

    public Optional<String> get(String a, String b) {
        String[] pair = ordered(a, b);
        String key = key(pair);
        long now = clock.millis();
        Entry e = memory.getIfPresent(key);
        if (e != null && e.expiresAt() > now) {
            memoryHits.increment();
            return Optional.of(e.value());
        }
        Optional<CorrelationCacheStore.Row> row = store.get(pair[0], pair[1], now);
        if (row.isPresent()) {
            storeHits.increment();
            // promote without overwriting a put that raced this read
            memory.asMap().putIfAbsent(key, new Entry(row.get().value(), row.get().expiresAt()));
            return Optional.of(row.get().value());
        }
        misses.increment();
        return Optional.empty();
    }

    public void put(String a, String b, String value) {
        String[] pair = ordered(a, b);
        long now = clock.millis();
        long expires = now + ttlMs;
        store.put(pair[0], pair[1], value, now, expires);
        memory.put(key(pair), new Entry(value, expires));
        puts.increment();
    }

    public void invalidate(String a, String b) {
        String[] pair = ordered(a, b);
        store.delete(pair[0], pair[1]); // store first, so a racing read cannot promote the old row back
        memory.invalidate(key(pair));
    }

    /** Removes expired rows from the persistent tier (and lets memory drop its own). */
    public int purgeExpired() {
        memory.cleanUp();
        return store.purgeExpired(clock.millis());
    }

    public Stats stats() {
        memory.cleanUp();
        long mh = memoryHits.sum();
        long sh = storeHits.sum();
        long m = misses.sum();
        long total = mh + sh + m;
        return new Stats(mh, sh, m, puts.sum(), evictions.sum(), memory.estimatedSize(), store.size(), maxEntries,
                ttlMs / 1000, total == 0 ? 0.0 : (double) (mh + sh) / total);
    }
}
