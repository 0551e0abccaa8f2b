package io.hestia.pattern.mining;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Unusual episodes per entity, judged against the entity's own history in the window with robust statistics.
 *
 * <ul>
 *   <li>{@code daily_count}: a local day's event count far from the entity's median day: robust
 *       {@code z = (count − median) / max(1.4826 · MAD, √median, 1)} with {@code |z| ≥ dailyCountZ}, both against
 *       all days and against the days of the same kind (weekdays or weekend days, when there are at least four),
 *       the smaller |z| counting. Judged only for
 *       entities with at least {@code minDays} full days and a median of at least {@code minMedianDailyCount}; the
 *       window's first and last (partial) local days are not judged.</li>
 *   <li>{@code unusual_gap}: a gap between consecutive events longer than {@code gapFactor} times the entity's
 *       time-weighted 90th-percentile gap (90% of the covered time lies in gaps at most that long; a plain count
 *       quantile would be dominated by the bursts of a power sensor) and at least {@code minGapMinutes}; entities
 *       with at least {@code minEvents} events. {@code robust_z} is given on the log of the gap.</li>
 *   <li>{@code silent}: the special case of a gap (or a silence running to the window end) of at least
 *       {@code silentMinMinutes} at a reporting entity (at least half of its events numeric readings) whose
 *       time-weighted median gap is at most {@code silentMaxTypicalGapMinutes} ("normally reports every few
 *       minutes"), and longer than
 *       {@code gapFactor} times its time-weighted 90th-percentile gap.
 *       Reported instead of {@code unusual_gap} for the same episode, and it suppresses {@code daily_count} for the
 *       days it covers.</li>
 *   <li>{@code unusual_hour}: real state changes (not readings) at a local time of day with no change on any other
 *       day within {@code unusualHourMinutes} minutes (on the 1,440-minute circle); entities with changes on at least
 *       {@code minActiveDays} days and enough changes that an even spread would put at least
 *       {@code unusualHourMinExpected} of them in such a stretch. Such changes of one day less than that apart form
 *       one episode.</li>
 *   <li>{@code stuck_on}: a light, switch, fan, input_boolean or media_player on (any state but off, standby, idle,
 *       unavailable, unknown) for longer than {@code stuckFactor} times its 90th-percentile on-duration, at least
 *       {@code minStuckMinutes}, and with a robust z of the log duration (median and MAD of the entity's log
 *       on-durations) of at least {@code stuckZ}; entities with at least {@code minOnCycles} completed on-periods.
 *       A period still
 *       open at the window end counts to the window end.</li>
 * </ul>
 *
 * <p>Entities of the {@code sun} domain ({@code sun.sun}) are never judged: sunrise and sunset are no household's
 * doing.
 *
 * <p>Severity, for every kind, is {@code 0.5 + 0.5 · (1 − 1/r)} where {@code r ≥ 1} is how far past its threshold
 * the episode is (|z| / threshold, gap / threshold gap, log-duration z / stuckZ, active days /
 * minActiveDays): 0.5 at the threshold, towards 1 far beyond it. At most {@code maxPerEntityKind} episodes per
 * entity and kind are kept (the most severe). Ids: {@code StableIds.of("anom", kind, entity, local start day)}.
 *
 * <p>State: per entity, growable int arrays of event times (seconds from the window start) and state ids with a
 * changed bit, and per-day counts; no per-event objects. Not thread-safe.
 */
public final class AnomalyDetector implements EventSink {

    /**
     * Tuning.
     *
     * @param minDays                   full local days of data before daily counts are judged (7)
     * @param minMedianDailyCount       ... and a median day of at least this many events (4)
     * @param dailyCountZ               robust z from which a day's count is unusual (6)
     * @param minEvents                 events before gaps are judged (50)
     * @param gapFactor                 a gap is unusual beyond this multiple of the time-weighted 90th-percentile
     *                                  gap (3)
     * @param minGapMinutes             ... and at least this long (180)
     * @param silentMaxTypicalGapMinutes "reports every few minutes": half of its time lies in gaps at most this
     *                                  long (30)
     * @param silentMinMinutes          a silence is at least this long (360)
     * @param minActiveDays             days with state changes before unusual hours are judged (10)
     * @param unusualHourMinutes        a change is at an unusual time when no other day has a change within this
     *                                  many minutes of its time of day (90)
     * @param unusualHourMinExpected    ... and the entity has so many changes that, spread evenly over the day, at
     *                                  least this many would fall within that distance (6), so sparse entities
     *                                  (a guest-room window) are not judged
     * @param stuckFactor               an on-period is stuck beyond this multiple of the 90th-percentile one (1.5)
     * @param stuckZ                    ... with a robust z of its log duration against the entity's on-periods of
     *                                  at least this (4)
     * @param minStuckMinutes           ... and at least this long (180)
     * @param minOnCycles               completed on-periods before stuck-on is judged (7)
     * @param maxPerEntityKind          episodes kept per entity and kind, most severe first (3)
     */
    public record Params(int minDays, double minMedianDailyCount, double dailyCountZ, int minEvents, double gapFactor,
                         double minGapMinutes, double silentMaxTypicalGapMinutes, double silentMinMinutes,
                         int minActiveDays, int unusualHourMinutes, double unusualHourMinExpected,
                         double stuckFactor, double stuckZ, double minStuckMinutes, int minOnCycles,
                         int maxPerEntityKind) {
        public static Params defaults() {
            return new Params(7, 4, 6, 50, 3, 180, 30, 360, 10, 90, 6, 1.5, 4, 180, 7, 3);
        }
    }

    public static final String DAILY_COUNT = "daily_count";
    public static final String UNUSUAL_GAP = "unusual_gap";
    public static final String UNUSUAL_HOUR = "unusual_hour";
    public static final String STUCK_ON = "stuck_on";
    public static final String SILENT = "silent";

    private static final Set<String> ON_OFF_DOMAINS = Set.of("light", "switch", "fan", "media_player",
            "input_boolean");
    private static final Set<String> OFF_STATES = Set.of("off", "standby", "idle", "unavailable", "unknown");

    /**
     * Domains whose changes no household makes, never judged: {@code sun} (sunrise and sunset; where a polar night
     * or day begins, days without either would otherwise be an unusual gap).
     */
    static final Set<String> NOT_BEHAVIOUR = Set.of("sun");

    private final HomeModel home;
    private final StateVocabulary states;
    private final Params p;
    private final long windowStartMs;
    private final long windowEndMs;
    private final LocalClock clock;
    private final long startDay;
    private final int numDays;

    private int[][] times = new int[64][];      // seconds since the window start
    private int[][] codes = new int[64][];      // state << 1 | changed
    private int[][] dayCounts = new int[64][];
    private int[] size = new int[64];

    public AnomalyDetector(HomeModel home, StateVocabulary states, Params params, long windowStartMs,
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
        if (entity >= size.length) {
            int len = Math.max(entity + 1, size.length * 2);
            times = Arrays.copyOf(times, len);
            codes = Arrays.copyOf(codes, len);
            dayCounts = Arrays.copyOf(dayCounts, len);
            size = Arrays.copyOf(size, len);
        }
        int[] t = times[entity];
        int c = size[entity];
        if (t == null) {
            times[entity] = t = new int[16];
            codes[entity] = new int[16];
            dayCounts[entity] = new int[numDays];
        } else if (c == t.length) {
            times[entity] = t = Arrays.copyOf(t, c * 2);
            codes[entity] = Arrays.copyOf(codes[entity], c * 2);
        }
        t[c] = (int) ((timeMs - windowStartMs) / 1000);
        codes[entity][c] = state << 1 | (state != previousState ? 1 : 0);
        size[entity] = c + 1;
        int day = (int) (clock.epochDay(timeMs) - startDay);
        if (day >= 0 && day < numDays) {
            dayCounts[entity][day]++;
        }
    }

    /** The anomalies found; call once after the pass. */
    public List<MinedAnomaly> results() {
        List<MinedAnomaly> out = new ArrayList<>();
        for (int e = 0; e < size.length; e++) {
            if (size[e] == 0 || NOT_BEHAVIOUR.contains(home.entity(e).domain())) {
                continue;
            }
            List<MinedAnomaly> mine = new ArrayList<>();
            boolean[] silentDay = new boolean[numDays];
            gaps(e, mine, silentDay);
            dailyCounts(e, mine, silentDay);
            unusualHours(e, mine);
            stuckOn(e, mine);
            // one row per id (kind, entity, start day): keep the most severe
            Map<String, MinedAnomaly> byId = new LinkedHashMap<>();
            for (MinedAnomaly a : mine) {
                byId.merge(a.id(), a, (x, y) -> y.severity() > x.severity() ? y : x);
            }
            out.addAll(byId.values());
        }
        return out;
    }

    private long ms(int sec) {
        return windowStartMs + sec * 1000L;
    }

    // ------------------------------------------------------------------------------------------------ gaps

    private void gaps(int e, List<MinedAnomaly> out, boolean[] silentDay) {
        int m = size[e];
        if (m < p.minEvents()) {
            return;
        }
        int[] t = times[e];
        int[] g = new int[m - 1];
        for (int i = 1; i < m; i++) {
            g[i - 1] = t[i] - t[i - 1];
        }
        int[] sorted = g.clone();
        Arrays.sort(sorted);
        double median = Math.max(1, sorted[sorted.length / 2]);
        // time-weighted quantiles: the gap length below which half / 90% of the covered time lies, so an appliance's
        // power sensor that reports every second while running and nothing for days otherwise is not "frequent";
        // a single day-long silence is ~3% of a month and barely moves them
        double typical = Math.max(1, timeQuantile(sorted, 0.5));
        double p90 = Math.max(1, timeQuantile(sorted, 0.9));
        int readings = 0;
        for (int i = 0; i < m; i++) {
            if (states.numeric(codes[e][i] >> 1)) {
                readings++;
            }
        }
        // silent is about reporting sensors: mostly numeric readings, reported about every few minutes
        boolean frequent = typical <= p.silentMaxTypicalGapMinutes() * 60 && readings * 2 >= m;
        double logMedian = Math.log(median);
        double logMad = Math.max(0.05, 1.4826 * medianLogDeviation(sorted, sorted.length, median));
        double gapThreshold = Math.max(p.gapFactor() * p90, p.minGapMinutes() * 60);
        double silentThreshold = Math.max(p.gapFactor() * p90, p.silentMinMinutes() * 60);
        List<MinedAnomaly> gapList = new ArrayList<>();
        List<MinedAnomaly> silentList = new ArrayList<>();
        int end = (int) ((windowEndMs - windowStartMs) / 1000);
        for (int i = 0; i <= m - 1; i++) {
            boolean open = i == m - 1;
            int from = t[i];
            int to = open ? end : t[i + 1];
            int gap = to - from;
            boolean silent = frequent && gap >= silentThreshold;
            if (!silent && (open || gap < gapThreshold)) {
                continue;
            }
            double z = (Math.log(Math.max(1, gap)) - logMedian) / logMad;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("observed_minutes", Math.round(gap / 60.0));
            details.put("expected_minutes", Math.round(median / 60.0 * 10) / 10.0);
            details.put("typical_gap_minutes", Math.round(typical / 60.0 * 10) / 10.0);
            details.put("p90_gap_minutes", Math.round(p90 / 60.0 * 10) / 10.0);
            details.put("threshold_minutes", Math.round((silent ? silentThreshold : gapThreshold) / 60.0));
            details.put("robust_z", round2(z));
            details.put("ongoing", open);
            List<Long> samples = open ? List.of(ms(from)) : List.of(ms(from), ms(to));
            String name = home.entity(e).name();
            if (silent) {
                double sev = severity(gap / silentThreshold);
                for (long d = clock.epochDay(ms(from)); d <= clock.epochDay(ms(to) - 1); d++) {
                    int di = (int) (d - startDay);
                    if (di >= 0 && di < numDays) {
                        silentDay[di] = true;
                    }
                }
                silentList.add(anomaly(SILENT, e, sev, ms(from), ms(to), details, samples, String.format(
                        Locale.ROOT, "%s, which normally reports about every %s, reported nothing for %s%s", name,
                        duration(typical), duration(gap), open ? " (still silent at the end of the window)" : "")));
            } else {
                gapList.add(anomaly(UNUSUAL_GAP, e, severity(gap / gapThreshold), ms(from), ms(to), details,
                        samples, String.format(Locale.ROOT,
                                "%s had no events for %s; 90%% of its time lies in gaps of at most %s", name,
                                duration(gap), duration(p90))));
            }
        }
        out.addAll(top(silentList));
        out.addAll(top(gapList));
    }

    // ------------------------------------------------------------------------------------------------ counts

    private void dailyCounts(int e, List<MinedAnomaly> out, boolean[] silentDay) {
        int[] counts = dayCounts[e];
        // full days: from the day after the entity's first event day to the day before the window's last day
        int firstDay = (int) (clock.epochDay(ms(times[e][0])) - startDay) + 1;
        int lastDay = numDays - 2;
        int days = lastDay - firstDay + 1;
        if (days < p.minDays()) {
            return;
        }
        int[] sorted = Arrays.copyOfRange(counts, firstDay, lastDay + 1);
        Arrays.sort(sorted);
        double median = sorted[days / 2];
        if (median < p.minMedianDailyCount()) {
            return;
        }
        double[] dev = new double[days];
        for (int i = 0; i < days; i++) {
            dev[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(dev);
        double scale = Math.max(Math.max(1.4826 * dev[days / 2], Math.sqrt(median)), 1);
        // the same figures over the days of the same kind (weekdays or weekend days), so a weekly rhythm (a desk
        // plug idle at weekends) is not an anomaly: a day must be unusual against both
        double[][] kind = new double[2][];
        for (int w = 0; w < 2; w++) {
            int[] same = new int[days];
            int n = 0;
            for (int d = firstDay; d <= lastDay; d++) {
                if (weekend(startDay + d) == (w == 1)) {
                    same[n++] = counts[d];
                }
            }
            if (n >= 4) {
                same = Arrays.copyOf(same, n);
                Arrays.sort(same);
                double med = same[n / 2];
                double[] dv = new double[n];
                for (int i = 0; i < n; i++) {
                    dv[i] = Math.abs(same[i] - med);
                }
                Arrays.sort(dv);
                kind[w] = new double[] {med, Math.max(Math.max(1.4826 * dv[n / 2], Math.sqrt(med)), 1)};
            }
        }
        List<MinedAnomaly> list = new ArrayList<>();
        for (int d = firstDay; d <= lastDay; d++) {
            double z = (counts[d] - median) / scale;
            double expected = median;
            String baseline = "all days";
            double[] k = kind[weekend(startDay + d) ? 1 : 0];
            if (k != null) {
                double zk = (counts[d] - k[0]) / k[1];
                if (Math.abs(zk) < Math.abs(z)) {
                    z = zk;
                    expected = k[0];
                    baseline = weekend(startDay + d) ? "weekend days" : "weekdays";
                }
            }
            if (Math.abs(z) < p.dailyCountZ() || silentDay[d]) {
                continue;
            }
            long dayStart = dayStartMs(startDay + d);
            long dayEnd = dayStartMs(startDay + d + 1);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("observed", counts[d]);
            details.put("expected", expected);
            details.put("baseline", baseline);
            details.put("robust_z", round2(z));
            details.put("days_judged", days);
            list.add(anomaly(DAILY_COUNT, e, severity(Math.abs(z) / p.dailyCountZ()), dayStart, dayEnd, details,
                    samplesIn(e, dayStart, dayEnd), String.format(Locale.ROOT,
                            "%s had %d events on %s; usual %s have about %s (robust z %.1f)",
                            home.entity(e).name(), counts[d], LocalDate.ofEpochDay(startDay + d), baseline,
                            fmt(expected), z)));
        }
        out.addAll(top(list));
    }

    private static boolean weekend(long epochDay) {
        return Math.floorMod(epochDay + 3, 7L) >= 5;
    }

    private long dayStartMs(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(home.zone()).toInstant().toEpochMilli();
    }

    private List<Long> samplesIn(int e, long fromMs, long toMs) {
        List<Long> s = new ArrayList<>();
        int[] t = times[e];
        long before = -1;
        long after = -1;
        for (int i = 0; i < size[e] && s.size() < 10; i++) {
            long ms = ms(t[i]);
            if (ms >= fromMs && ms < toMs) {
                s.add(ms);
            } else if (ms < fromMs) {
                before = ms;
            } else if (after < 0) {
                after = ms;
            }
        }
        if (s.isEmpty()) { // nothing happened: the last event before and the first after bound the quiet stretch
            if (before >= 0) {
                s.add(before);
            }
            if (after >= 0) {
                s.add(after);
            }
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------------ hours

    private boolean realChange(int code) {
        int s = code >> 1;
        return (code & 1) != 0 && !states.numeric(s) && !states.missing(s);
    }

    private void unusualHours(int e, List<MinedAnomaly> out) {
        if (RoutineDetector.NOISY_DOMAINS.contains(home.entity(e).domain())) {
            return;
        }
        int m = size[e];
        int[] t = times[e];
        int[] c = codes[e];
        // minute of day and local day of each real change
        int[] minute = new int[m];
        int[] day = new int[m];
        int k = 0;
        int[] which = new int[m];
        for (int i = 0; i < m; i++) {
            if (!realChange(c[i])) {
                continue;
            }
            long ms = ms(t[i]);
            minute[k] = clock.minuteOfDay(ms);
            day[k] = (int) (clock.epochDay(ms) - startDay);
            which[k++] = i;
        }
        // days active at each minute of the day (each day counted once per minute)
        int[] daysAt = new int[1440];
        int[] stamp = new int[1440];
        Arrays.fill(stamp, Integer.MIN_VALUE);
        int activeDays = 0;
        int lastDay = Integer.MIN_VALUE;
        for (int i = 0; i < k; i++) {
            if (day[i] != lastDay) {
                activeDays++;
                lastDay = day[i];
            }
            if (stamp[minute[i]] != day[i]) {
                stamp[minute[i]] = day[i];
                daysAt[minute[i]]++;
            }
        }
        if (activeDays < p.minActiveDays()) {
            return;
        }
        int radius = p.unusualHourMinutes();
        // an empty stretch of 2 · radius minutes only means something if the entity's other changes, spread evenly
        // over the day, would put several there
        if (k * (2.0 * radius + 1) / 1440 < p.unusualHourMinExpected()) {
            return;
        }
        List<MinedAnomaly> list = new ArrayList<>();
        int[] own = new int[1440];
        int i = 0;
        while (i < k) {
            int j = i;
            while (j < k && day[j] == day[i]) {
                j++;
            }
            // day [i, j): mark this day's own minutes (cleared again below)
            for (int x = i; x < j; x++) {
                own[minute[x]] = 1;
            }
            int epStart = -1;
            int epEnd = -1;
            for (int x = i; x <= j; x++) {
                boolean unusual = false;
                if (x < j) {
                    unusual = true;
                    for (int o = -radius; o <= radius && unusual; o++) {
                        int y = Math.floorMod(minute[x] + o, 1440);
                        unusual = daysAt[y] - own[y] <= 0;
                    }
                }
                boolean continues = unusual && epStart >= 0
                        && t[which[x]] - t[which[epEnd]] <= radius * 60;
                if (epStart >= 0 && !continues) {
                    list.add(hourEpisode(e, which, epStart, epEnd, day[i], activeDays, daysAt));
                    epStart = -1;
                }
                if (unusual) {
                    if (epStart < 0) {
                        epStart = x;
                    }
                    epEnd = x;
                }
            }
            for (int x = i; x < j; x++) {
                own[minute[x]] = 0;
            }
            i = j;
        }
        out.addAll(top(list));
    }

    private MinedAnomaly hourEpisode(int e, int[] which, int from, int to, int d, int activeDays, int[] daysAt) {
        int[] t = times[e];
        List<Long> samples = new ArrayList<>();
        for (int x = from; x <= to && samples.size() < 10; x++) {
            samples.add(ms(t[which[x]]));
        }
        long first = ms(t[which[from]]);
        long last = ms(t[which[to]]);
        List<String> usual = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            for (int mm = h * 60; mm < h * 60 + 60; mm++) {
                if (daysAt[mm] > 0) {
                    usual.add(String.format(Locale.ROOT, "%02d", h));
                    break;
                }
            }
        }
        int m1 = clock.minuteOfDay(first);
        int m2 = clock.minuteOfDay(last);
        String span = RoutineDetector.hhmm(m1) + (m1 == m2 ? "" : "-" + RoutineDetector.hhmm(m2));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("observed_time", span);
        details.put("observed", to - from + 1);
        details.put("expected", 0);
        details.put("usual_hours", usual);
        details.put("active_days", activeDays);
        details.put("radius_minutes", p.unusualHourMinutes());
        String explanation = String.format(Locale.ROOT,
                "%s changed state at %s on %s; on its other %d active days it never changes within %d minutes of "
                        + "that time", home.entity(e).name(), span, LocalDate.ofEpochDay(startDay + d),
                activeDays - 1, p.unusualHourMinutes());
        return anomaly(UNUSUAL_HOUR, e, severity(activeDays / (double) p.minActiveDays()), first, last + 1, details,
                samples, explanation);
    }

    // ------------------------------------------------------------------------------------------------ stuck on

    private void stuckOn(int e, List<MinedAnomaly> out) {
        if (!ON_OFF_DOMAINS.contains(home.entity(e).domain())) {
            return;
        }
        int m = size[e];
        int[] t = times[e];
        int[] c = codes[e];
        int[] dur = new int[m];
        int[] onAt = new int[m];
        int periods = 0;
        int since = -1;
        for (int i = 0; i < m; i++) {
            int s = c[i] >> 1;
            if (states.numeric(s)) {
                continue;
            }
            boolean on = !OFF_STATES.contains(states.state(s));
            if (on && since < 0) {
                since = t[i];
            } else if (!on && since >= 0 && !states.missing(s)) {
                onAt[periods] = since;
                dur[periods++] = t[i] - since;
                since = -1;
            } else if (states.missing(s)) {
                since = -1;
            }
        }
        if (periods < p.minOnCycles()) {
            return;
        }
        int[] sorted = Arrays.copyOf(dur, periods);
        Arrays.sort(sorted);
        double p90 = sorted[Math.min(periods - 1, (int) Math.floor(0.9 * periods))];
        double median = Math.max(1, sorted[periods / 2]);
        double logScale = Math.max(0.05, 1.4826 * medianLogDeviation(sorted, periods, median));
        double threshold = Math.max(p.stuckFactor() * p90, p.minStuckMinutes() * 60);
        List<MinedAnomaly> list = new ArrayList<>();
        int end = (int) ((windowEndMs - windowStartMs) / 1000);
        for (int i = 0; i <= periods; i++) {
            boolean open = i == periods;
            if (open && since < 0) {
                break;
            }
            int from = open ? since : onAt[i];
            int d = open ? end - since : dur[i];
            double z = Math.log(Math.max(1, d) / median) / logScale;
            if (d < threshold || z < p.stuckZ()) {
                continue;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("observed_minutes", Math.round(d / 60.0));
            details.put("robust_z", round2(z));
            details.put("expected_minutes", Math.round(median / 60.0));
            details.put("p90_minutes", Math.round(p90 / 60.0));
            details.put("threshold_minutes", Math.round(threshold / 60.0));
            details.put("on_periods", periods);
            details.put("ongoing", open);
            list.add(anomaly(STUCK_ON, e, severity(z / p.stuckZ()), ms(from), ms(from + d), details,
                    open ? List.of(ms(from)) : List.of(ms(from), ms(from + d)), String.format(Locale.ROOT,
                            "%s stayed on for %s from %s; it is usually on for about %s (90%% of the time at most %s)",
                            home.entity(e).name(), duration(d), LocalDate.ofEpochDay(clock.epochDay(ms(from))),
                            duration(median), duration(p90))));
        }
        out.addAll(top(list));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private MinedAnomaly anomaly(String kind, int e, double severity, long start, long end,
                                 Map<String, Object> details, List<Long> samples, String explanation) {
        String entityId = home.entity(e).entityId();
        String day = LocalDate.ofEpochDay(clock.epochDay(start)).toString();
        return new MinedAnomaly(StableIds.of("anom", kind, entityId, day), kind, entityId, round2(severity), start,
                end, details, samples, explanation);
    }

    private List<MinedAnomaly> top(List<MinedAnomaly> list) {
        if (list.size() <= p.maxPerEntityKind()) {
            return list;
        }
        List<MinedAnomaly> sorted = new ArrayList<>(list);
        sorted.sort((a, b) -> Double.compare(b.severity(), a.severity()));
        List<MinedAnomaly> kept = new ArrayList<>(sorted.subList(0, p.maxPerEntityKind()));
        kept.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
        return kept;
    }

    /** The gap length g such that gaps of at most g cover at least share {@code q} of the summed gap time. */
    static double timeQuantile(int[] sortedGaps, double q) {
        long total = 0;
        for (int g : sortedGaps) {
            total += g;
        }
        long run = 0;
        for (int g : sortedGaps) {
            run += g;
            if (run >= q * total) {
                return g;
            }
        }
        return sortedGaps.length == 0 ? 0 : sortedGaps[sortedGaps.length - 1];
    }

    /**
     * The median of {@code |ln(max(1, x)) − ln(median)|} over sorted values, in linear time: the deviations grow
     * outwards from the median, so the two sides are merged like sorted lists.
     */
    static double medianLogDeviation(int[] sorted, int n, double median) {
        double lm = Math.log(median);
        int hi = 0;
        while (hi < n && Math.log(Math.max(1, sorted[hi])) < lm) {
            hi++;
        }
        int lo = hi - 1;
        double dev = 0;
        for (int k = 0; k <= n / 2; k++) {
            double dl = lo >= 0 ? lm - Math.log(Math.max(1, sorted[lo])) : Double.POSITIVE_INFINITY;
            double dh = hi < n ? Math.log(Math.max(1, sorted[hi])) - lm : Double.POSITIVE_INFINITY;
            if (dl <= dh) {
                dev = dl;
                lo--;
            } else {
                dev = dh;
                hi++;
            }
        }
        return dev;
    }

    /** 0.5 at the threshold (r = 1), towards 1 as r grows. */
    static double severity(double r) {
        return Math.min(1, 0.5 + 0.5 * (1 - 1 / Math.max(1, r)));
    }

    private static String duration(double seconds) {
        if (seconds < 90) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60) + " min";
        }
        return fmt(Math.round(seconds / 360.0) / 10.0) + " h";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
