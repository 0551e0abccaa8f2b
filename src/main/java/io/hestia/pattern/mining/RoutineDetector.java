package io.hestia.pattern.mining;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Time-of-day routines: "entity E changes to state S around HH:MM on these days of the week".
 *
 * <p><b>Input.</b> Only real changes count (state differs from the previous state); numeric readings,
 * {@code unavailable}/{@code unknown}, transitional states ({@link #TRANSIENT_STATES}) and noisy domains
 * ({@link #NOISY_DOMAINS}) are skipped. Times are taken in the
 * home's zone through {@link LocalClock}, so routines do not move with daylight saving.
 *
 * <p><b>Clustering</b>, per (entity, target state), on the 1,440-minute circle (23:50 and 00:10 are 20 minutes
 * apart):
 * <ol>
 *   <li>A circular histogram of the not yet used occurrences is smoothed with a triangular kernel of half-width
 *       {@link Params#smoothingMinutes()}; its highest bin is the candidate peak.</li>
 *   <li>For every "routine day" the occurrence nearest to the peak within {@link Params#clusterWindowMinutes()} is
 *       picked (at most one per day). A routine day is the local date on which the peak time falls next to the
 *       occurrence, so a bedtime at 23:50 one night and 00:05 the next are two days, not one.</li>
 *   <li>The centre moves to the picks' circular mean (twice); picks further than
 *       {@code max(10, 3.5 · 1.4826 · MAD)} minutes from it are dropped (robust trimming).</li>
 *   <li>Days of week: a weekday whose days matched at a rate of at least {@link Params#minDayOfWeekRate()} takes
 *       part. The taking-part weekdays, sorted by their mean time, are split (recursively, at the most significant
 *       cut) where the two sides' mean times differ by more than {@link Params#splitGapMinutes()} and by more than
 *       three standard errors, so later weekend wake-ups or a later Friday bedtime become routines of their
 *       own.</li>
 *   <li>Each group is a routine if it matched on at least {@link Params#minDaysMatched()} days, at a rate of at
 *       least {@link Params#minMatchRate()} of its observed days, with a spread of at most
 *       {@link Params#maxSpreadMinutes()} and a lift of at least {@link Params#minLift()} (occurrences near the
 *       typical time versus what the entity's own rate of that state would put there by chance; this drops
 *       motion sensors that fire all day) and a binomial chance of at most {@link Params#maxChance()} of matching
 *       that many days at random. Its picks are then used up and the next peak is looked for.</li>
 * </ol>
 *
 * <p><b>Figures.</b> Typical time is the circular mean; spread is the root mean square distance from it, in
 * minutes. Days observed are the days of the routine's weekdays in the window on which the entity had any event.
 * Confidence is {@code matchRate · (1 − 0.5 · spread / maxSpread)}: the share of observed days on which it happened,
 * discounted by up to a half for a loose time. Support is the number of days matched.
 *
 * <p><b>Stable id</b>: {@code StableIds.of("tod", entity, state, mask, ordinal)} where the ordinal is the routine's
 * rank among the routines of the same entity, state and day mask, ordered by time from 04:00. There is almost
 * always just one (ordinal 0), so the id does not depend on the minute, which drifts between runs; an hour bucket
 * would flip for the common routines planned on the hour (06:59 one run, 07:01 the next).
 *
 * <p>State: per kept event an int key, an int local minute and a long time (no objects); per entity a bitset of
 * the days with any event. Not thread-safe.
 */
public final class RoutineDetector implements EventSink {

    /** Domains whose changes are readings, system noise or one-shot timestamps, never routines. */
    /**
     * States HA passes through on the way to a target state (a cover {@code opening} before {@code open}, a lock
     * {@code locking} before {@code locked}, a player {@code buffering} before {@code playing}): a routine names the
     * target, so these would only repeat it a minute earlier.
     */
    public static final Set<String> TRANSIENT_STATES = Set.of("opening", "closing", "locking", "unlocking",
            "buffering", "arming", "disarming", "pending");

    public static final Set<String> NOISY_DOMAINS = Set.of("sensor", "update", "button", "input_button", "event",
            "image", "camera", "sun", "weather", "scene");

    /**
     * Tuning.
     *
     * @param minDaysMatched       a routine must have happened on at least this many days (default 4)
     * @param minMatchRate         ... and on at least this share of the observed days of its weekdays (0.7)
     * @param maxSpreadMinutes     ... with a spread (RMS distance from the typical time) of at most this (45: real
     *                             people's breakfasts and bedtimes spread 30-50 minutes in the labelled Ordóñez logs,
     *                             and confidence falls with spread, so loose routines rank below tight ones)
     * @param clusterWindowMinutes per day, the occurrence nearest to a peak within this many minutes is its pick (90)
     * @param smoothingMinutes     half-width of the triangular kernel that smooths the circular histogram (10)
     * @param minDayOfWeekRate     a weekday takes part in a routine if it matched on this share of its days (0.5)
     * @param splitGapMinutes      weekdays whose mean times differ by more than this (and by more than three
     *                             standard errors) form separate routines (8)
     * @param minLift              occurrences within {@code max(5, 2 · spread)} minutes of the typical time must be
     *                             at least this many times what the entity's rate of that state gives by chance (4)
     * @param maxRoutinesPerKey    at most this many routines per entity and state (6)
     * @param maxChance            the chance that the entity's own daily rate of that state (spread uniformly over
     *                             the day) puts an occurrence within {@code max(5, 2 · spread)} minutes of the
     *                             typical time on at least the matched share of days (binomial tail, multiplied
     *                             by the number of times and weekday sets searched: {@code 1440 / (2 · near + 1)}
     *                             and {@code C(7, days)}) must be at most this (1e-4); this drops the few-days
     *                             "routines" of busy manual lights
     * @param localBaselineMinutes the chance uses the entity's rate of that state within this many minutes of the
     *                             typical time (outside the near band) when that is higher than its all-day rate,
     *                             so a state that recurs all evening (a TV resuming after pauses) is no routine at
     *                             one evening time (90)
     */
    public record Params(int minDaysMatched, double minMatchRate, double maxSpreadMinutes, int clusterWindowMinutes,
                         int smoothingMinutes, double minDayOfWeekRate, double splitGapMinutes, double minLift,
                         int maxRoutinesPerKey, double maxChance, int localBaselineMinutes) {
        public static Params defaults() {
            return new Params(4, 0.7, 45, 90, 10, 0.5, 8, 4, 6, 1e-4, 90);
        }
    }

    private static final String[] DOW = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    private static final String[] DOW_LONG = {"Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays",
            "Saturdays", "Sundays"};

    private final HomeModel home;
    private final StateVocabulary states;
    private final Params p;
    private final long windowStartMs;
    private final long windowEndMs;
    private final LocalClock clock;
    private final long startDay;
    private final int numDays;

    // per entity: 0 unknown, 1 kept, 2 skipped domain
    private byte[] entityKind = new byte[64];
    private long[][] dayBits = new long[64][];
    private int[][] entityStates = new int[64][];
    private int[][] entityKeys = new int[64][];
    private int[] entityKeyCount = new int[64];

    private int keyCount;
    private int[] keyEntity = new int[64];
    private int[] keyState = new int[64];

    private int n;
    private int[] evKey = new int[1024];
    private int[] evLocalMin = new int[1024];
    private long[] evTime = new long[1024];

    public RoutineDetector(HomeModel home, StateVocabulary states, Params params, long windowStartMs,
                           long windowEndMs) {
        this.home = home;
        this.states = states;
        this.p = params;
        this.windowStartMs = windowStartMs;
        this.windowEndMs = windowEndMs;
        this.clock = new LocalClock(home.zone());
        this.startDay = clock.epochDay(windowStartMs);
        this.numDays = (int) (clock.epochDay(windowEndMs - 1) - startDay + 1);
    }

    @Override
    public void accept(int entity, int state, int previousState, long timeMs) {
        if (timeMs < windowStartMs || timeMs >= windowEndMs) {
            return;
        }
        if (entity >= entityKind.length) {
            int len = Math.max(entity + 1, entityKind.length * 2);
            entityKind = Arrays.copyOf(entityKind, len);
            dayBits = Arrays.copyOf(dayBits, len);
            entityStates = Arrays.copyOf(entityStates, len);
            entityKeys = Arrays.copyOf(entityKeys, len);
            entityKeyCount = Arrays.copyOf(entityKeyCount, len);
        }
        byte kind = entityKind[entity];
        if (kind == 0) {
            kind = NOISY_DOMAINS.contains(home.entity(entity).domain()) ? (byte) 2 : (byte) 1;
            entityKind[entity] = kind;
            if (kind == 1) {
                dayBits[entity] = new long[(numDays + 63) >>> 6];
            }
        }
        if (kind != 1) {
            return;
        }
        long localMs = clock.localMs(timeMs);
        int day = (int) (Math.floorDiv(localMs, 86_400_000L) - startDay);
        if (day >= 0 && day < numDays) {
            dayBits[entity][day >>> 6] |= 1L << (day & 63);
        }
        if (state == previousState || states.numeric(state) || states.missing(state)
                || TRANSIENT_STATES.contains(states.state(state))) {
            return;
        }
        int key = key(entity, state);
        if (n == evKey.length) {
            int len = n * 2;
            evKey = Arrays.copyOf(evKey, len);
            evLocalMin = Arrays.copyOf(evLocalMin, len);
            evTime = Arrays.copyOf(evTime, len);
        }
        evKey[n] = key;
        evLocalMin[n] = (int) Math.floorDiv(localMs, 60_000L);
        evTime[n] = timeMs;
        n++;
    }

    private int key(int entity, int state) {
        int[] st = entityStates[entity];
        int c = entityKeyCount[entity];
        for (int i = 0; i < c; i++) {
            if (st[i] == state) {
                return entityKeys[entity][i];
            }
        }
        if (st == null) {
            entityStates[entity] = st = new int[4];
            entityKeys[entity] = new int[4];
        } else if (c == st.length) {
            entityStates[entity] = st = Arrays.copyOf(st, c * 2);
            entityKeys[entity] = Arrays.copyOf(entityKeys[entity], c * 2);
        }
        if (keyCount == keyEntity.length) {
            keyEntity = Arrays.copyOf(keyEntity, keyCount * 2);
            keyState = Arrays.copyOf(keyState, keyCount * 2);
        }
        keyEntity[keyCount] = entity;
        keyState[keyCount] = state;
        st[c] = state;
        entityKeys[entity][c] = keyCount;
        entityKeyCount[entity] = c + 1;
        return keyCount++;
    }

    private boolean hasData(int entity, long epochDay) {
        long d = epochDay - startDay;
        if (d < 0 || d >= numDays) {
            return false;
        }
        return (dayBits[entity][(int) (d >>> 6)] & (1L << (d & 63))) != 0;
    }

    /** The routines found; call once after the pass. */
    public List<MinedPattern> results() {
        // counting sort of the kept events by key (time order kept within a key)
        int[] start = new int[keyCount + 1];
        for (int i = 0; i < n; i++) {
            start[evKey[i] + 1]++;
        }
        for (int k = 0; k < keyCount; k++) {
            start[k + 1] += start[k];
        }
        int[] order = new int[n];
        int[] fill = Arrays.copyOf(start, keyCount);
        for (int i = 0; i < n; i++) {
            order[fill[evKey[i]]++] = i;
        }
        List<MinedPattern> out = new ArrayList<>();
        for (int k = 0; k < keyCount; k++) {
            int count = start[k + 1] - start[k];
            if (count >= p.minDaysMatched()) {
                mineKey(k, Arrays.copyOfRange(order, start[k], start[k + 1]), out);
            }
        }
        return out;
    }

    /** One candidate routine before its id is assigned. */
    private record Found(int minute, double spread, int matched, int observed, int dowMask, double lift,
                         double logChance, long first, long last, long[] samples) {
    }

    private void mineKey(int key, int[] idx, List<MinedPattern> out) {
        int entity = keyEntity[key];
        int m = idx.length;
        int[] minute = new int[m];
        long[] localMin = new long[m];
        for (int i = 0; i < m; i++) {
            localMin[i] = evLocalMin[idx[i]];
            minute[i] = (int) Math.floorMod(localMin[i], 1440L);
        }
        int observedDays = 0;
        for (int d = 0; d < numDays; d++) {
            if (hasData(entity, startDay + d)) {
                observedDays++;
            }
        }
        if (observedDays == 0) {
            return;
        }
        boolean[] used = new boolean[m];
        int[] hist = new int[1440];
        double[] smooth = new double[1440];
        int window = p.clusterWindowMinutes();
        int[] best = new int[numDays + 2];   // routine day (offset by 1) -> occurrence index, or -1
        List<Found> found = new ArrayList<>();
        for (int iter = 0; iter < 24 && found.size() < p.maxRoutinesPerKey(); iter++) {
            Arrays.fill(hist, 0);
            int left = 0;
            for (int i = 0; i < m; i++) {
                if (!used[i]) {
                    hist[minute[i]]++;
                    left++;
                }
            }
            if (left < p.minDaysMatched()) {
                break;
            }
            int peak = smoothedPeak(hist, smooth);
            double centre = peak;
            int picks = 0;
            for (int round = 0; round < 3; round++) {
                picks = gather(centre, window, minute, localMin, used, best);
                if (picks == 0) {
                    break;
                }
                centre = circularMean(best, minute);
            }
            if (picks < p.minDaysMatched()) {
                markAll(best, used);
                if (!anyUsed(best)) {
                    break;
                }
                continue;
            }
            // robust trimming around the centre
            double[] dev = new double[picks];
            int j = 0;
            for (int b : best) {
                if (b >= 0) {
                    dev[j++] = Math.abs(delta(minute[b], centre));
                }
            }
            Arrays.sort(dev);
            double mad = dev[picks / 2];
            double tol = Math.min(window, Math.max(10, 3.5 * 1.4826 * mad));
            for (int d = 0; d < best.length; d++) {
                if (best[d] >= 0 && Math.abs(delta(minute[best[d]], centre)) > tol) {
                    best[d] = -1;
                }
            }
            centre = circularMean(best, minute);
            List<Found> groups = groups(entity, centre, best, minute, localMin, idx, used);
            boolean accepted = false;
            for (Found f : groups) {
                if (f != null) {
                    found.add(f);
                    accepted = true;
                }
            }
            if (!accepted) {
                markAll(best, used);
            }
        }
        emit(key, entity, found, out);
    }

    private static boolean anyUsed(int[] best) {
        for (int b : best) {
            if (b >= 0) {
                return true;
            }
        }
        return false;
    }

    private static void markAll(int[] best, boolean[] used) {
        for (int b : best) {
            if (b >= 0) {
                used[b] = true;
            }
        }
    }

    private int smoothedPeak(int[] hist, double[] smooth) {
        int h = Math.max(1, p.smoothingMinutes());
        Arrays.fill(smooth, 0);
        for (int c = 0; c < 1440; c++) {
            int v = hist[c];
            if (v == 0) {
                continue;
            }
            for (int o = -h; o <= h; o++) {
                smooth[Math.floorMod(c + o, 1440)] += v * (h + 1 - Math.abs(o));
            }
        }
        int peak = 0;
        for (int c = 1; c < 1440; c++) {
            if (smooth[c] > smooth[peak]) {
                peak = c;
            }
        }
        return peak;
    }

    /** Signed circular distance from {@code centre} to {@code minute}, in [-720, 720). */
    static double delta(double minute, double centre) {
        double d = (minute - centre) % 1440;
        if (d < -720) {
            d += 1440;
        } else if (d >= 720) {
            d -= 1440;
        }
        return d;
    }

    /** Per routine day, the unused occurrence nearest to the centre within the window; returns the pick count. */
    private int gather(double centre, int window, int[] minute, long[] localMin, boolean[] used, int[] best) {
        Arrays.fill(best, -1);
        double[] bestDist = new double[best.length];
        int picks = 0;
        for (int i = 0; i < minute.length; i++) {
            if (used[i]) {
                continue;
            }
            double dl = delta(minute[i], centre);
            if (Math.abs(dl) > window) {
                continue;
            }
            int d = routineDay(localMin[i], dl);
            if (d < 0 || d >= best.length) {
                continue;
            }
            if (best[d] < 0) {
                best[d] = i;
                bestDist[d] = Math.abs(dl);
                picks++;
            } else if (Math.abs(dl) < bestDist[d]) {
                best[d] = i;
                bestDist[d] = Math.abs(dl);
            }
        }
        return picks;
    }

    /** The local date on which the centre time falls next to this occurrence, as an index into {@code best}. */
    private int routineDay(long localMinute, double deltaMinutes) {
        long anchor = Math.round(localMinute - deltaMinutes);
        return (int) (Math.floorDiv(anchor, 1440L) - startDay + 1);
    }

    private static double circularMean(int[] best, int[] minute) {
        double s = 0;
        double c = 0;
        for (int b : best) {
            if (b >= 0) {
                double a = minute[b] * (2 * Math.PI / 1440);
                s += Math.sin(a);
                c += Math.cos(a);
            }
        }
        double mean = Math.atan2(s, c) * 1440 / (2 * Math.PI);
        return mean < 0 ? mean + 1440 : mean;
    }

    /** Splits a cluster's picks by weekday and returns the groups that qualify (marking their picks used). */
    private List<Found> groups(int entity, double centre, int[] best, int[] minute, long[] localMin, int[] idx,
                               boolean[] used) {
        int[] picks = new int[7];
        int[] observed = new int[7];
        double[] sum = new double[7];
        double[] sumSq = new double[7];
        for (int d = 0; d < best.length; d++) {
            long epochDay = startDay + d - 1;
            int dow = (int) Math.floorMod(epochDay + 3, 7L);
            if (hasData(entity, epochDay)) {
                observed[dow]++;
            }
            if (best[d] >= 0) {
                double dl = delta(minute[best[d]], centre);
                picks[dow]++;
                sum[dow] += dl;
                sumSq[dow] += dl * dl;
            }
        }
        List<Integer> active = new ArrayList<>();
        double within = 0;
        int withinN = 0;
        for (int w = 0; w < 7; w++) {
            if (observed[w] > 0 && picks[w] > 0 && picks[w] >= p.minDayOfWeekRate() * observed[w]) {
                active.add(w);
                double mean = sum[w] / picks[w];
                within += sumSq[w] - picks[w] * mean * mean;
                withinN += picks[w] - 1;
            }
        }
        List<Found> result = new ArrayList<>();
        if (active.isEmpty()) {
            return result;
        }
        double sigma = withinN > 0 ? Math.sqrt(Math.max(within, 0) / withinN) : 5;
        sigma = Math.max(sigma, 1);
        active.sort((a, b) -> Double.compare(sum[a] / picks[a], sum[b] / picks[b]));
        List<List<Integer>> split = new ArrayList<>();
        split(active, picks, sum, sigma, split);
        for (List<Integer> g : split) {
            int mask = 0;
            for (int w : g) {
                mask |= 1 << w;
            }
            Found f = evaluate(entity, mask, best, minute, localMin, idx, used);
            if (f != null) {
                result.add(f);
            }
        }
        return result;
    }

    /**
     * Splits weekdays sorted by mean time at the cut where the two sides' mean times differ most significantly,
     * if they differ by more than {@code splitGapMinutes} and three standard errors; then splits each side again.
     */
    private void split(List<Integer> dows, int[] picks, double[] sum, double sigma, List<List<Integer>> out) {
        int bestCut = -1;
        double bestT = 0;
        for (int cut = 1; cut < dows.size(); cut++) {
            double sl = 0;
            int nl = 0;
            double sr = 0;
            int nr = 0;
            for (int i = 0; i < dows.size(); i++) {
                int w = dows.get(i);
                if (i < cut) {
                    sl += sum[w];
                    nl += picks[w];
                } else {
                    sr += sum[w];
                    nr += picks[w];
                }
            }
            double gap = sr / nr - sl / nl;
            double t = gap / (sigma * Math.sqrt(1.0 / nl + 1.0 / nr));
            if (gap > p.splitGapMinutes() && t > 3 && t > bestT) {
                bestT = t;
                bestCut = cut;
            }
        }
        if (bestCut < 0) {
            out.add(dows);
            return;
        }
        split(new ArrayList<>(dows.subList(0, bestCut)), picks, sum, sigma, out);
        split(new ArrayList<>(dows.subList(bestCut, dows.size())), picks, sum, sigma, out);
    }

    /** log P(X ≥ k) for X ~ Binomial(n, q). */
    static double logBinomialTail(int k, int n, double q) {
        if (k <= 0) {
            return 0;
        }
        if (q <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q >= 1) {
            return 0;
        }
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[n - k + 1];
        for (int i = k; i <= n; i++) {
            double t = logChoose(n, i) + i * Math.log(q) + (n - i) * Math.log1p(-q);
            terms[i - k] = t;
            max = Math.max(max, t);
        }
        double s = 0;
        for (double t : terms) {
            s += Math.exp(t - max);
        }
        return max + Math.log(s);
    }

    private static double logChoose(int n, int k) {
        double r = 0;
        for (int i = 1; i <= k; i++) {
            r += Math.log(n - k + i) - Math.log(i);
        }
        return r;
    }

    private Found evaluate(int entity, int mask, int[] best, int[] minute, long[] localMin, int[] idx,
                           boolean[] used) {
        int[] sel = new int[best.length];
        int matched = 0;
        int observed = 0;
        long selDay0 = 0;
        for (int d = 0; d < best.length; d++) {
            long epochDay = startDay + d - 1;
            int dow = (int) Math.floorMod(epochDay + 3, 7L);
            if ((mask & (1 << dow)) == 0) {
                continue;
            }
            if (hasData(entity, epochDay)) {
                observed++;
            }
            if (best[d] >= 0) {
                if (matched == 0) {
                    selDay0 = epochDay;
                }
                sel[matched++] = best[d];
            }
        }
        sel = Arrays.copyOf(sel, matched);
        observed = Math.max(observed, matched);
        if (matched < p.minDaysMatched() || matched < p.minMatchRate() * observed) {
            return null;
        }
        double s = 0;
        double c = 0;
        for (int i : sel) {
            double a = minute[i] * (2 * Math.PI / 1440);
            s += Math.sin(a);
            c += Math.cos(a);
        }
        double centre = Math.atan2(s, c) * 1440 / (2 * Math.PI);
        centre = centre < 0 ? centre + 1440 : centre;
        double ss = 0;
        for (int i : sel) {
            double dl = delta(minute[i], centre);
            ss += dl * dl;
        }
        double spread = Math.sqrt(ss / matched);
        if (spread > p.maxSpreadMinutes()) {
            return null;
        }
        // days are labelled by the date on which the typical time falls: when the group's centre is on the other
        // side of midnight from the centre the days were gathered with (00:08 vs 23:55), its weekdays move by one
        int shift = (int) (Math.floorDiv(Math.round(localMin[sel[0]] - delta(minute[sel[0]], centre)), 1440L)
                - selDay0);
        if (shift != 0) {
            int rotated = 0;
            for (int w = 0; w < 7; w++) {
                if ((mask & (1 << w)) != 0) {
                    rotated |= 1 << Math.floorMod(w + shift, 7);
                }
            }
            mask = rotated;
            observed = 0;
            for (int d = 0; d < numDays; d++) {
                if ((mask & (1 << (int) Math.floorMod(startDay + d + 3, 7L))) != 0 && hasData(entity, startDay + d)) {
                    observed++;
                }
            }
            observed = Math.max(observed, matched);
            if (matched < p.minMatchRate() * observed) {
                return null;
            }
        }
        // lift: occurrences near the typical time on the group's weekdays versus the entity's rate by chance
        double near = Math.max(5, 2 * spread);
        int local = p.localBaselineMinutes();
        int onGroupDays = 0;
        int inNear = 0;
        int inLocal = 0;
        for (int i = 0; i < minute.length; i++) {
            double dl = delta(minute[i], centre);
            long epochDay = Math.floorDiv(Math.round(localMin[i] - dl), 1440L);
            int dow = (int) Math.floorMod(epochDay + 3, 7L);
            if ((mask & (1 << dow)) == 0) {
                continue;
            }
            onGroupDays++;
            if (Math.abs(dl) <= near) {
                inNear++;
            } else if (Math.abs(dl) <= local) {
                inLocal++;
            }
        }
        double expected = onGroupDays * (2 * near + 1) / 1440.0;
        double lift = expected > 0 ? inNear / expected : Double.POSITIVE_INFINITY;
        if (lift < p.minLift()) {
            return null;
        }
        // chance: would the entity's own rate of this state (over the whole day, or in the hours around the
        // typical time if higher) put an occurrence this near the time on this many days?
        double perMinute = onGroupDays / (double) observed / 1440.0;
        double localMinutes = 2.0 * local - 2 * near - 1;
        if (localMinutes > 0) {
            perMinute = Math.max(perMinute, inLocal / (double) observed / localMinutes);
        }
        double q = 1 - Math.exp(-perMinute * (2 * near + 1));
        // corrected for the search: any of about 1440 / (2 · near + 1) times and C(7, |days|) weekday sets
        double logChance = logBinomialTail(matched, observed, q) + logChoose(7, Integer.bitCount(mask))
                + Math.log(1440 / (2 * near + 1));
        if (logChance > Math.log(p.maxChance())) {
            return null;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i : sel) {
            used[i] = true;
            first = Math.min(first, evTime[idx[i]]);
            last = Math.max(last, evTime[idx[i]]);
        }
        int k = Math.min(10, matched);
        long[] samples = new long[k];
        for (int i = 0; i < k; i++) {
            samples[i] = evTime[idx[sel[matched - k + i]]];
        }
        Arrays.sort(samples);
        int typical = (int) Math.round(centre) % 1440;
        return new Found(typical, spread, matched, observed, mask, lift, logChance, first, last, samples);
    }

    private void emit(int key, int entity, List<Found> found, List<MinedPattern> out) {
        EntityInfo info = home.entity(entity);
        String state = states.state(keyState[key]);
        found.sort((a, b) -> Integer.compare(Math.floorMod(a.minute - 240, 1440), Math.floorMod(b.minute - 240,
                1440)));
        Map<Integer, Integer> ordinals = new LinkedHashMap<>();
        for (Found f : found) {
            int ordinal = ordinals.merge(f.dowMask, 1, Integer::sum) - 1;
            String maskName = maskName(f.dowMask);
            List<String> days = dayList(f.dowMask);
            String maskKey = maskName.equals("custom") ? "custom:" + String.join(",", days) : maskName;
            String id = StableIds.of("tod", MinedPattern.TIME_OF_DAY, info.entityId(), state, maskKey,
                    Integer.toString(ordinal));
            double rate = f.matched / (double) f.observed;
            double confidence = rate * (1 - 0.5 * Math.min(1, f.spread / p.maxSpreadMinutes()));
            String time = hhmm(f.minute);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("typical_time", time);
            details.put("typical_minute", f.minute);
            details.put("spread_minutes", round1(f.spread));
            details.put("days_matched", f.matched);
            details.put("days_observed", f.observed);
            details.put("match_rate", round3(rate));
            details.put("day_mask", maskName);
            details.put("days", days);
            details.put("lift", round1(Math.min(f.lift, 1e6)));
            details.put("chance_log10", round1(f.logChance / Math.log(10)));
            details.put("window_days", numDays);
            List<Long> samples = new ArrayList<>();
            for (long t : f.samples) {
                samples.add(t);
            }
            String explanation = String.format(Locale.ROOT,
                    "%s %s around %s %s: %d of %d %s in the last %d days (spread ±%d min)", info.name(), verb(state),
                    time, onDays(f.dowMask), f.matched, f.observed, ofDays(f.dowMask), numDays,
                    Math.round(f.spread));
            out.add(new MinedPattern(id, MinedPattern.TIME_OF_DAY, List.of(info.entityId()), state,
                    round3(confidence), f.matched, f.first, f.last, details, samples, explanation));
        }
    }

    static String maskName(int mask) {
        return switch (mask) {
            case 0x7f -> "all";
            case 0x1f -> "weekdays";
            case 0x60 -> "weekends";
            default -> "custom";
        };
    }

    static List<String> dayList(int mask) {
        List<String> days = new ArrayList<>();
        for (int w = 0; w < 7; w++) {
            if ((mask & (1 << w)) != 0) {
                days.add(DOW[w]);
            }
        }
        return days;
    }

    /** The days of a mask as {@link DayOfWeek}s. */
    public static List<DayOfWeek> daysOfWeek(List<String> days) {
        List<DayOfWeek> out = new ArrayList<>();
        for (String d : days) {
            out.add(DayOfWeek.of(Arrays.asList(DOW).indexOf(d) + 1));
        }
        return out;
    }

    private static String onDays(int mask) {
        return switch (maskName(mask)) {
            case "all" -> "every day";
            case "weekdays" -> "on weekdays";
            case "weekends" -> "at weekends";
            default -> "on " + customNames(mask);
        };
    }

    private static String ofDays(int mask) {
        return switch (maskName(mask)) {
            case "all" -> "days";
            case "weekdays" -> "weekdays";
            case "weekends" -> "weekend days";
            default -> customNames(mask);
        };
    }

    private static String customNames(int mask) {
        List<String> names = new ArrayList<>();
        for (int w = 0; w < 7; w++) {
            if ((mask & (1 << w)) != 0) {
                names.add(DOW_LONG[w]);
            }
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String verb(String state) {
        return switch (state) {
            case "on" -> "turns on";
            case "off" -> "turns off";
            case "open" -> "opens";
            case "closed" -> "closes";
            case "locked" -> "locks";
            case "unlocked" -> "unlocks";
            case "home" -> "comes home";
            case "not_home" -> "leaves home";
            default -> "changes to '" + state + "'";
        };
    }

    static String hhmm(int minute) {
        int mm = Math.floorMod(minute, 1440);
        return String.format(Locale.ROOT, "%02d:%02d", mm / 60, mm % 60);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
