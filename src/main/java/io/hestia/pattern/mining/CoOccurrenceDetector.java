package io.hestia.pattern.mining;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Directed co-occurrence: entity A changing to state a is followed, within the window, by a different entity B
 * changing to state b. Fixes the original's defects 3 (typed thresholds: {@code min_count} is a count,
 * {@code min_support} a ratio) and 12 (direction and lag distribution kept).
 *
 * <p>Events of interest: a real state change ({@code state != previous}) of an entity that passes the original's
 * noise filter and has an actionable or trigger domain, to a state that is neither a number (readings are not
 * events) nor unavailable/unknown, and not a recovery from unavailable/unknown.
 *
 * <p>Counting: each A occurrence at time t is counted at most once per B key (entity + state), at the first B in
 * {@code (t, t + window]}; its lag goes into a bounded, deterministic reservoir per pair. Pair validity is the
 * original's, applied to the ordered pair: both actionable, or one trigger and the other actionable (two trigger
 * domains, e.g. sensor + sensor, are never valid).
 *
 * <p>Figures per directed pair: count, support ratio ({@code count / events of interest}), confidence P(B|A) =
 * {@code count / n_A}, lift = P(B within window | A) / P(B in a random window of that length), the latter
 * {@code 1 - exp(-n_B * window / period)} from B's event rate over the analysed period, median lag and lag spread
 * (inter-quartile range) in seconds.
 */
public final class CoOccurrenceDetector implements EventSink {

    /**
     * Thresholds and bounds.
     *
     * @param windowSeconds       how soon B must follow A (default 300)
     * @param minCount            minimum A-then-B occurrences, a count (default 5)
     * @param minSupport          minimum support ratio {@code count / events of interest}, 0..1 (default 0 = off)
     * @param minConfidence       minimum P(B|A), 0..1 (default 0.1: B may follow only a few A, e.g. the door is
     *                            closed ten times a day but locked only when the last person leaves; lift and lag
     *                            spread do most of the separating)
     * @param minLift             minimum lift against chance (default 3)
     * @param maxLagSpreadSeconds maximum inter-quartile range of the lag (default 120; a chance pair's lag is spread
     *                            uniformly over the window, IQR about half of it)
     * @param lagReservoir        lags kept per pair for the median and spread (default 64)
     * @param maxPatterns         most patterns reported, strongest first (default 500)
     */
    public record Params(int windowSeconds, int minCount, double minSupport, double minConfidence, double minLift,
                         double maxLagSpreadSeconds, int lagReservoir, int maxPatterns) {
        public Params {
            if (windowSeconds < 1 || windowSeconds > 86_400) {
                throw new IllegalArgumentException("windowSeconds must be 1..86400, was " + windowSeconds);
            }
            if (minCount < 1) {
                throw new IllegalArgumentException("minCount is a count and must be >= 1, was " + minCount);
            }
            if (minSupport < 0 || minSupport > 1) {
                throw new IllegalArgumentException("minSupport is a ratio 0..1, was " + minSupport);
            }
            if (minConfidence < 0 || minConfidence > 1) {
                throw new IllegalArgumentException("minConfidence is a ratio 0..1, was " + minConfidence);
            }
            if (lagReservoir < 4) {
                throw new IllegalArgumentException("lagReservoir must be >= 4");
            }
            if (maxPatterns < 0) {
                throw new IllegalArgumentException("maxPatterns must be >= 0");
            }
        }

        public static Params defaults() {
            return new Params(300, 5, 0.0, 0.1, 3.0, 120.0, 64, 500);
        }

        public Params withMinCount(int v) {
            return new Params(windowSeconds, v, minSupport, minConfidence, minLift, maxLagSpreadSeconds, lagReservoir,
                    maxPatterns);
        }

        public Params withMinSupport(double v) {
            return new Params(windowSeconds, minCount, v, minConfidence, minLift, maxLagSpreadSeconds, lagReservoir,
                    maxPatterns);
        }

        public Params withMinConfidence(double v) {
            return new Params(windowSeconds, minCount, minSupport, v, minLift, maxLagSpreadSeconds, lagReservoir,
                    maxPatterns);
        }

        public Params withMinLift(double v) {
            return new Params(windowSeconds, minCount, minSupport, minConfidence, v, maxLagSpreadSeconds, lagReservoir,
                    maxPatterns);
        }

        public Params withMaxLagSpreadSeconds(double v) {
            return new Params(windowSeconds, minCount, minSupport, minConfidence, minLift, v, lagReservoir,
                    maxPatterns);
        }

        public Params withWindowSeconds(int v) {
            return new Params(v, minCount, minSupport, minConfidence, minLift, maxLagSpreadSeconds, lagReservoir,
                    maxPatterns);
        }
    }

    // ------------------------------------------------------------------------------------ domains and noise

    /** The original's actionable domains. */
    public static final Set<String> ACTIONABLE = Set.of("light", "switch", "climate", "media_player", "lock", "cover",
            "fan", "vacuum", "scene");
    /**
     * The original's trigger domains. Not {@code sun}: sunrise and sunset are no household's doing, and every home's
     * lights follow them, so {@code sun.sun} is never half of a pattern.
     */
    public static final Set<String> TRIGGERS = Set.of("binary_sensor", "sensor", "device_tracker", "person",
            "input_boolean", "input_select");
    private static final Set<String> NOISE_DOMAINS = Set.of("image", "event", "update", "camera", "button");
    private static final String[] NOISE_PREFIXES = {"sensor.home_assistant_", "sensor.slzb_", "binary_sensor.system_"};
    private static final String[] NOISE_PARTS = {"_tracker", "_cpu_", "_temp", "_chip_", "coordinator_", "_battery",
            "_memory_", "_signal_strength", "_linkquality", "_update_", "_uptime", "_last_seen"};

    /**
     * The original's noise filter. The substring tests are applied to the object id (after the dot): on the whole
     * entity id, {@code _tracker} would drop every {@code device_tracker} entity, a trigger domain of its own.
     */
    public static boolean noise(String entityId, String domain) {
        if (NOISE_DOMAINS.contains(domain)) {
            return true;
        }
        for (String p : NOISE_PREFIXES) {
            if (entityId.startsWith(p)) {
                return true;
            }
        }
        String object = entityId.substring(entityId.indexOf('.') + 1);
        for (String p : NOISE_PARTS) {
            if (object.contains(p)) {
                return true;
            }
        }
        return false;
    }

    static final byte EXCLUDED = 0;
    static final byte TRIGGER = 1;
    static final byte ACTION = 2;

    /** EXCLUDED, TRIGGER or ACTION for an entity. */
    static byte role(EntityInfo e) {
        if (noise(e.entityId(), e.domain())) {
            return EXCLUDED;
        }
        if (ACTIONABLE.contains(e.domain())) {
            return ACTION;
        }
        return TRIGGERS.contains(e.domain()) ? TRIGGER : EXCLUDED;
    }

    /**
     * The original's pair validity, directed: the original counted unordered pairs and accepted a trigger and an
     * actionable entity in either order; in "A then B" only B can be acted on by an automation, so B must be
     * actionable (a light turning on followed by the motion sensor clearing is a side effect, not an automation).
     * A may be a trigger or an actionable entity; sensor + sensor stays invalid.
     */
    static boolean valid(byte a, byte b) {
        return a != EXCLUDED && b == ACTION;
    }

    /** True when the detector may report {@code trigger -> action} (noise filter, domains, pair validity). */
    public static boolean validPair(EntityInfo trigger, EntityInfo action) {
        return !trigger.entityId().equals(action.entityId()) && valid(role(trigger), role(action));
    }

    // ------------------------------------------------------------------------------------ state

    private static final int SAMPLES = 10;

    private final HomeModel home;
    private final StateVocabulary states;
    private final Params params;
    private final long windowMs;
    private final long windowStartMs;
    private final long windowEndMs;

    private byte[] role = new byte[0];          // per entity; -1 = not looked at yet
    private byte[] usable = new byte[0];        // per state id; -1 unknown, 0 no, 1 yes

    private final LongIntMap keyIds = new LongIntMap(256);
    private int keys;
    private int[] keyEntity = new int[256];
    private int[] keyState = new int[256];
    private int[] keyCount = new int[256];

    private long interesting;
    private long firstMs = Long.MAX_VALUE;
    private long lastMs = Long.MIN_VALUE;

    // pending A occurrences within the window: a ring buffer addressed by absolute sequence number (seq & mask)
    private int[] pendKey = new int[1024];
    private long[] pendTime = new long[1024];
    private long headSeq;                       // oldest pending
    private long tailSeq;                       // next to push
    // per key: sequence number and time of its last occurrence (A occurrences before it were already matched)
    private long[] keyLastSeq = new long[256];
    private long[] keyLastTime = new long[256];

    // per directed pair (slot): a dense key x key table of slot + 1 for the first DENSE keys, a hash map beyond
    private static final int DENSE = 1024;
    private int denseSide = 64;
    private int[] dense = new int[64 * 64];
    private final LongIntMap pairIds = new LongIntMap(4096);
    private int pairs;
    private int[] pairA = new int[4096];
    private int[] pairB = new int[4096];
    private long[] pairFirst = new long[4096];
    private int[][] pairLags = new int[4096][];
    // per pair, one record of STRIDE longs so a count touches one place: last counted A time, count, then the
    // newest A times as a ring of SAMPLES
    private static final int STRIDE = 2 + SAMPLES;
    private long[] pairData = new long[4096 * STRIDE];
    private long rng = 0x9E3779B97F4A7C15L;

    /**
     * @param windowStartMs start of the analysed period; with {@code windowEndMs} it sets the period over which B's
     *                      chance rate is estimated (the feed is expected to hold only events of that period; when
     *                      the period is empty, first to last event fed is used)
     * @param windowEndMs   end of the analysed period (exclusive)
     */
    public CoOccurrenceDetector(HomeModel home, StateVocabulary states, Params params, long windowStartMs,
                                long windowEndMs) {
        this.home = home;
        this.states = states;
        this.params = params;
        this.windowMs = params.windowSeconds() * 1000L;
        this.windowStartMs = windowStartMs;
        this.windowEndMs = windowEndMs;
    }

    private byte roleOf(int e) {
        if (e >= role.length) {
            int n = role.length;
            role = Arrays.copyOf(role, Math.max(e + 1, n * 2 + 16));
            Arrays.fill(role, n, role.length, (byte) -1);
        }
        byte r = role[e];
        if (r < 0) {
            r = role(home.entity(e));
            role[e] = r;
        }
        return r;
    }

    private boolean usable(int s) {
        if (s >= usable.length) {
            int n = usable.length;
            usable = Arrays.copyOf(usable, Math.max(s + 1, n * 2 + 16));
            Arrays.fill(usable, n, usable.length, (byte) -1);
        }
        byte u = usable[s];
        if (u < 0) {
            u = states.numeric(s) || states.missing(s) ? (byte) 0 : (byte) 1;
            usable[s] = u;
        }
        return u == 1;
    }

    @Override
    public void accept(int entity, int state, int previousState, long timeMs) {
        if (state == previousState || state < 0) {
            return;
        }
        byte r = roleOf(entity);
        if (r == EXCLUDED || !usable(state)) {
            return;
        }
        if (previousState != StateVocabulary.NONE && states.missing(previousState)) {
            return;                                   // recovery from unavailable/unknown, not an action
        }
        int key = keyOf(entity, state);
        keyCount[key]++;
        interesting++;
        if (timeMs < firstMs) {
            firstMs = timeMs;
        }
        if (timeMs > lastMs) {
            lastMs = timeMs;
        }
        // drop A occurrences older than the window
        long oldest = timeMs - windowMs;
        int mask = pendKey.length - 1;
        while (headSeq < tailSeq && pendTime[(int) headSeq & mask] < oldest) {
            headSeq++;
        }
        // A occurrences before this key's previous occurrence were matched (or not) then: start after it, plus
        // any at that very millisecond, which were not "before" it
        long from = Math.max(headSeq, keyLastSeq[key] + 1);
        while (from > headSeq && pendTime[(int) (from - 1) & mask] == keyLastTime[key]) {
            from--;
        }
        for (long q = from; q < tailSeq; q++) {
            int i = (int) q & mask;
            long at = pendTime[i];
            if (at >= timeMs) {
                break;                                // same millisecond: not "after"
            }
            int ak = pendKey[i];
            int ae = keyEntity[ak];
            if (ae == entity || !valid(role[ae], r)) {
                continue;
            }
            int slot;
            if (ak < denseSide && key < denseSide) {
                int cell = ak * denseSide + key;
                slot = dense[cell] - 1;
                if (slot < 0) {
                    slot = newPair(ak, key);
                    dense[cell] = slot + 1;
                }
            } else {
                long pk = ((long) ak << 32) | key;
                slot = pairIds.get(pk);
                if (slot < 0) {
                    slot = newPair(ak, key);
                    pairIds.put(pk, slot);
                }
            }
            if (at > pairData[slot * STRIDE]) {
                count(slot, at, (int) (timeMs - at));
            }
        }
        if (tailSeq - headSeq == pendKey.length) {
            growPending();
            mask = pendKey.length - 1;
        }
        int tail = (int) tailSeq & mask;
        pendKey[tail] = key;
        pendTime[tail] = timeMs;
        keyLastSeq[key] = tailSeq;
        keyLastTime[key] = timeMs;
        tailSeq++;
    }

    private int keyOf(int entity, int state) {
        long k = ((long) entity << 32) | state;
        int id = keyIds.get(k);
        if (id >= 0) {
            return id;
        }
        id = keys++;
        if (id == keyEntity.length) {
            keyEntity = Arrays.copyOf(keyEntity, id * 2);
            keyState = Arrays.copyOf(keyState, id * 2);
            keyCount = Arrays.copyOf(keyCount, id * 2);
            keyLastSeq = Arrays.copyOf(keyLastSeq, id * 2);
            keyLastTime = Arrays.copyOf(keyLastTime, id * 2);
        }
        keyLastSeq[id] = -1;
        keyLastTime[id] = Long.MIN_VALUE;
        keyEntity[id] = entity;
        keyState[id] = state;
        if (id >= denseSide && denseSide < DENSE) {
            growDense();
        }
        keyIds.put(k, id);
        return id;
    }

    /**
     * Doubles the dense table's side when a new key would not fit. A key below {@link #DENSE} always fits by the
     * time it is first paired, so a pair lives in the table iff both its keys are below DENSE, else in the map.
     */
    private void growDense() {
        int side = denseSide * 2;
        int[] table = new int[side * side];
        for (int a = 0; a < denseSide; a++) {
            System.arraycopy(dense, a * denseSide, table, a * side, denseSide);
        }
        denseSide = side;
        dense = table;
    }

    private void growPending() {
        int n = pendKey.length;
        int[] k = new int[n * 2];
        long[] t = new long[n * 2];
        for (long q = headSeq; q < tailSeq; q++) {
            k[(int) q & (2 * n - 1)] = pendKey[(int) q & (n - 1)];
            t[(int) q & (2 * n - 1)] = pendTime[(int) q & (n - 1)];
        }
        pendKey = k;
        pendTime = t;
    }

    private int newPair(int a, int b) {
        int slot = pairs++;
        if (slot == pairA.length) {
            int n = slot * 2;
            pairA = Arrays.copyOf(pairA, n);
            pairB = Arrays.copyOf(pairB, n);
            pairFirst = Arrays.copyOf(pairFirst, n);
            pairLags = Arrays.copyOf(pairLags, n);
            pairData = Arrays.copyOf(pairData, n * STRIDE);
        }
        pairA[slot] = a;
        pairB[slot] = b;
        pairData[slot * STRIDE] = Long.MIN_VALUE;
        return slot;
    }

    private void count(int slot, long at, int lagMs) {
        int base = slot * STRIDE;
        int c = (int) ++pairData[base + 1];
        pairData[base] = at;
        if (c == 1) {
            pairFirst[slot] = at;
            pairLags[slot] = new int[4];
        }
        pairData[base + 2 + (c - 1) % SAMPLES] = at;
        int reservoir = params.lagReservoir();
        if (c <= reservoir) {
            int[] lags = pairLags[slot];
            if (c > lags.length) {
                lags = Arrays.copyOf(lags, Math.min(reservoir, lags.length * 2));
                pairLags[slot] = lags;
            }
            lags[c - 1] = lagMs;
        } else {
            rng ^= rng << 13;
            rng ^= rng >>> 7;
            rng ^= rng << 17;
            long j = ((rng >>> 32) * c) >>> 32;          // uniform in 0..c-1 (multiply-shift, no division)
            if (j < reservoir) {
                pairLags[slot][(int) j] = lagMs;
            }
        }
    }

    // ------------------------------------------------------------------------------------ results

    /** Events of interest seen (after the noise, domain, number and state-change filters). */
    public long eventsOfInterest() {
        return interesting;
    }

    /** Directed pairs counted at least once. */
    public int pairsTracked() {
        return pairs;
    }

    /** The directed patterns that pass the thresholds, strongest first (count, then lift, then id). */
    public List<MinedPattern> results() {
        long period = windowEndMs - windowStartMs;
        if (period <= 0) {
            period = lastMs > firstMs ? lastMs - firstMs + windowMs : windowMs;
        }
        List<MinedPattern> out = new ArrayList<>();
        for (int slot = 0; slot < pairs; slot++) {
            int c = (int) pairData[slot * STRIDE + 1];
            if (c < params.minCount()) {
                continue;
            }
            double support = interesting == 0 ? 0 : (double) c / interesting;
            if (support < params.minSupport()) {
                continue;
            }
            int a = pairA[slot];
            int b = pairB[slot];
            int nA = keyCount[a];
            int nB = keyCount[b];
            double confidence = Math.min(1.0, (double) c / nA);
            if (confidence < params.minConfidence()) {
                continue;
            }
            double chance = -Math.expm1(-(double) nB * windowMs / period);
            double lift = chance <= 0 ? 1e9 : confidence / chance;
            if (lift < params.minLift()) {
                continue;
            }
            int n = Math.min(c, params.lagReservoir());
            int[] lags = Arrays.copyOf(pairLags[slot], n);
            Arrays.sort(lags);
            double median = quantile(lags, 0.5) / 1000.0;
            double iqr = (quantile(lags, 0.75) - quantile(lags, 0.25)) / 1000.0;
            if (iqr > params.maxLagSpreadSeconds()) {
                continue;
            }
            out.add(pattern(slot, a, b, c, nA, nB, support, confidence, chance, lift, median, iqr, n));
        }
        out.sort(Comparator.comparingInt(MinedPattern::support).reversed()
                .thenComparing(p -> -((Number) p.details().get("lift")).doubleValue())
                .thenComparing(MinedPattern::id));
        return out.size() > params.maxPatterns() ? List.copyOf(out.subList(0, params.maxPatterns())) : out;
    }

    /** Linear-interpolated quantile of sorted values. */
    static double quantile(int[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private MinedPattern pattern(int slot, int a, int b, int c, int nA, int nB, double support, double confidence,
                                 double chance, double lift, double median, double iqr, int lagSamples) {
        EntityInfo ea = home.entity(keyEntity[a]);
        EntityInfo eb = home.entity(keyEntity[b]);
        String sa = states.state(keyState[a]);
        String sb = states.state(keyState[b]);
        String stateKey = sa + "->" + sb;
        String id = StableIds.of("pat", MinedPattern.CO_OCCURRENCE, ea.entityId(), eb.entityId(), stateKey);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("trigger_count", nA);
        d.put("action_count", nB);
        d.put("support_ratio", round(support, 6));
        d.put("lift", round(lift, 3));
        d.put("chance_probability", round(chance, 6));
        d.put("median_lag_seconds", round(median, 3));
        d.put("lag_spread_seconds", round(iqr, 3));
        d.put("lag_spread_kind", "iqr");
        d.put("lag_samples", lagSamples);
        d.put("window_seconds", params.windowSeconds());
        int k = Math.min(c, SAMPLES);
        List<Long> samples = new ArrayList<>(k);
        for (int j = c - k; j < c; j++) {
            samples.add(pairData[slot * STRIDE + 2 + j % SAMPLES]);
        }
        String text = String.format(Locale.ROOT,
                "%s %s is followed by %s %s within %s %d of %d times (median %s; %s× more often than chance)",
                capitalise(ea.name()), change(sa), eb.name(), change(sb), duration(params.windowSeconds()), c, nA,
                lag(median), lift >= 100 ? String.valueOf(Math.round(lift)) : String.format(Locale.ROOT, "%.1f", lift));
        return new MinedPattern(id, MinedPattern.CO_OCCURRENCE, List.of(ea.entityId(), eb.entityId()), stateKey,
                round(confidence, 4), c, pairFirst[slot], pairData[slot * STRIDE], d, samples, text);
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String change(String state) {
        return switch (state) {
            case "on", "off" -> "turning " + state;
            case "open", "opening", "closed", "closing", "locked", "unlocked", "home", "playing", "paused" ->
                    "becoming " + state.replace('_', ' ');
            default -> "changing to " + state;
        };
    }

    static String duration(int seconds) {
        if (seconds % 60 == 0) {
            int m = seconds / 60;
            return m == 1 ? "1 minute" : m + " minutes";
        }
        return seconds + " seconds";
    }

    static String lag(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds).replace(".0 s", " s");
        }
        if (seconds < 120) {
            return Math.round(seconds) + " s";
        }
        return String.format(Locale.ROOT, "%.1f min", seconds / 60).replace(".0 min", " min");
    }
}
