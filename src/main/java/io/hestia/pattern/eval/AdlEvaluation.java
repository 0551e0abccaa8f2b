package io.hestia.pattern.eval;

import io.hestia.pattern.mining.MinedPattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sets the routines mined from a labelled daily-living log beside its labels. For each labelled activity: on how
 * many days it happened, its typical start (circular mean of each day's first start, so a bedtime around midnight
 * is one time), and the sensors that fire during it. A mined routine "matches" the activity when its entity is one of
 * the activity's sensors (fires in at least {@code minShare} of its intervals) and its typical time is within
 * {@code maxMinutes} of the activity's typical start. Regular activities are those labelled on at least half the
 * days; the headline figure is how many of them a routine matches.
 */
public final class AdlEvaluation {

    /** One activity row. */
    public record Row(String activity, int days, int totalDays, String typicalStart, double spreadMinutes,
                      List<String> sensors, String routine, String routineTime, Integer deltaMinutes,
                      boolean regular) {
        public boolean matched() {
            return routine != null;
        }
    }

    /** The house's result. */
    public record Result(String house, int totalDays, long events, int routines, List<Row> rows) {
        public int regular() {
            return (int) rows.stream().filter(Row::regular).count();
        }

        public int regularMatched() {
            return (int) rows.stream().filter(r -> r.regular() && r.matched()).count();
        }
    }

    private static final long DAY_TURN_MS = 4 * 3_600_000L;

    private AdlEvaluation() {
    }

    public static Result evaluate(AdlLogs.House house, List<MinedPattern> mined, int maxMinutes, double minShare) {
        List<MinedPattern> routines = mined.stream().filter(p -> MinedPattern.TIME_OF_DAY.equals(p.type())).toList();
        Map<String, List<AdlLogs.Activity>> byName = new TreeMap<>();
        Set<Long> allDays = new HashSet<>();
        for (AdlLogs.Activity a : house.activities()) {
            byName.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(a);
            allDays.add(Math.floorDiv(a.startMs(), 86_400_000L));
        }
        int totalDays = allDays.size();
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<AdlLogs.Activity>> e : byName.entrySet()) {
            // each activity day's first start; activity days turn at 04:00, so a bedtime at 00:20 belongs to the
            // evening before it
            Map<Long, Long> firstStart = new TreeMap<>();
            for (AdlLogs.Activity a : e.getValue()) {
                long day = Math.floorDiv(a.startMs() - DAY_TURN_MS, 86_400_000L);
                firstStart.merge(day, a.startMs(), Math::min);
            }
            List<Integer> startMinutes = new ArrayList<>();
            for (long t : firstStart.values()) {
                startMinutes.add((int) Math.floorMod(Math.floorDiv(t, 60_000L), 1440L));
            }
            double[] circ = circular(startMinutes);
            int typical = (int) Math.round(circ[0]);
            List<String> sensors = sensors(house, e.getValue(), minShare);
            MinedPattern best = null;
            int bestDelta = Integer.MAX_VALUE;
            for (MinedPattern p : routines) {
                if (!sensors.contains(p.entityIds().get(0))) {
                    continue;
                }
                Integer t = minuteOf(p);
                if (t == null) {
                    continue;
                }
                int delta = circularDistance(t, typical);
                if (delta <= maxMinutes && delta < bestDelta) {
                    best = p;
                    bestDelta = delta;
                }
            }
            boolean regular = firstStart.size() * 2 >= totalDays;
            rows.add(new Row(e.getKey(), firstStart.size(), totalDays, hhmm(typical), Math.round(circ[1] * 10) / 10.0,
                    sensors, best == null ? null : best.entityIds().get(0) + " → " + best.state(),
                    best == null ? null : String.valueOf(best.details().get("typical_time")),
                    best == null ? null : bestDelta, regular));
        }
        return new Result(house.name(), totalDays, house.changes().size(), routines.size(), rows);
    }

    /** Sensors that turn on during at least {@code minShare} of the activity's intervals, most frequent first. */
    private static List<String> sensors(AdlLogs.House house, List<AdlLogs.Activity> intervals, double minShare) {
        Map<String, Integer> hits = new HashMap<>();
        List<AdlLogs.Change> changes = house.changes();
        for (AdlLogs.Activity a : intervals) {
            Set<String> seen = new HashSet<>();
            int i = lowerBound(changes, a.startMs() - 60_000L);
            for (; i < changes.size() && changes.get(i).timeMs() <= a.endMs(); i++) {
                AdlLogs.Change c = changes.get(i);
                if ("on".equals(c.state())) {
                    seen.add(c.entityId());
                }
            }
            for (String s : seen) {
                hits.merge(s, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(hits.entrySet());
        sorted.sort((x, y) -> y.getValue() != x.getValue().intValue() ? y.getValue() - x.getValue()
                : x.getKey().compareTo(y.getKey()));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> h : sorted) {
            if (h.getValue() >= minShare * intervals.size()) {
                out.add(h.getKey());
            }
        }
        return out;
    }

    private static int lowerBound(List<AdlLogs.Change> changes, long t) {
        int lo = 0;
        int hi = changes.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (changes.get(mid).timeMs() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static Integer minuteOf(MinedPattern p) {
        Object t = p.details().get("typical_time");
        if (t == null) {
            return null;
        }
        String s = t.toString();
        if (!s.matches("\\d{2}:\\d{2}")) {
            return null;
        }
        return Integer.parseInt(s.substring(0, 2)) * 60 + Integer.parseInt(s.substring(3));
    }

    /** Circular mean (minute 0..1439) and circular standard deviation in minutes. */
    static double[] circular(Iterable<Integer> minutes) {
        double s = 0;
        double c = 0;
        int n = 0;
        for (int m : minutes) {
            double a = m * 2 * Math.PI / 1440;
            s += Math.sin(a);
            c += Math.cos(a);
            n++;
        }
        if (n == 0) {
            return new double[] {0, 0};
        }
        double mean = Math.atan2(s / n, c / n);
        double r = Math.min(1, Math.hypot(s / n, c / n));
        double sd = r <= 0 ? 720 : Math.sqrt(-2 * Math.log(r)) * 1440 / (2 * Math.PI);
        double minute = (mean < 0 ? mean + 2 * Math.PI : mean) * 1440 / (2 * Math.PI);
        return new double[] {minute % 1440, sd};
    }

    static int circularDistance(int a, int b) {
        int d = Math.abs(a - b) % 1440;
        return Math.min(d, 1440 - d);
    }

    private static String hhmm(int minute) {
        int m = Math.floorMod(minute, 1440);
        return String.format(Locale.ROOT, "%02d:%02d", m / 60, m % 60);
    }

    /** The house's table, as printed by the evaluation command. */
    public static String table(Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %d labelled days, %d sensor state changes, %d routines mined%n",
                r.house(), r.totalDays(), r.events(), r.routines()));
        b.append(String.format(Locale.ROOT, "  %-16s %-9s %-14s %-44s %-8s %s%n", "activity", "days", "labelled start",
                "matching routine (sensor -> state)", "mined", "delta"));
        for (Row row : r.rows()) {
            b.append(String.format(Locale.ROOT, "  %-16s %-9s %-14s %-44s %-8s %s%n", row.activity(),
                    row.days() + "/" + row.totalDays(), row.typicalStart() + " ±" + Math.round(row.spreadMinutes()),
                    row.routine() == null ? (row.regular() ? "none" : "- (irregular)") : row.routine(),
                    row.routineTime() == null ? "" : row.routineTime(),
                    row.deltaMinutes() == null ? "" : row.deltaMinutes() + " min"));
        }
        b.append(String.format(Locale.ROOT, "  regular activities (labelled on >= half the days) matched by a routine: "
                + "%d of %d%n", r.regularMatched(), r.regular()));
        return b.toString();
    }

    /** Row values by activity, for tests and reports. */
    public static Map<String, Row> byActivity(Result r) {
        Map<String, Row> out = new LinkedHashMap<>();
        for (Row row : r.rows()) {
            out.put(row.activity(), row);
        }
        return out;
    }
}
