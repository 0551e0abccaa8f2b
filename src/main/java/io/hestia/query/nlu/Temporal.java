package io.hestia.query.nlu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Time in a request, read before the clauses: clock times ("at 7am", "at 19:30"), the sun ("at sunset", "30 minutes
 * before sunrise", "after dusk"), ranges ("between 10pm and 6am", "after 22:00"), days ("on weekdays", "every Monday
 * and Friday"), darkness ("at night", "when it is dark") and durations on actions ("for 10 minutes", "after 5
 * minutes"). The words it reads are marked used so the clauses do not read them again.
 */
final class Temporal {

    record Duration(double seconds, boolean after) {
    }

    private record Sun(String event, String relation, Double offsetSeconds) {
    }

    private final Analysis a;
    private final boolean[] used;
    private final int n;
    private final List<Integer> atTimes = new ArrayList<>();
    /** Token of each clock time, and the days said right after it ("at 7am on weekdays and at 9am on weekends"). */
    private final List<Integer> atTimeTokens = new ArrayList<>();
    private final List<Set<String>> atTimeDays = new ArrayList<>();
    private final List<Sun> suns = new ArrayList<>();
    private final List<String[]> ranges = new ArrayList<>();
    private final Set<String> weekdays = new LinkedHashSet<>();
    private final Set<String> excludedDays = new LinkedHashSet<>();
    private final List<Duration> durations = new ArrayList<>();
    private Boolean dark;

    Temporal(Analysis a, boolean[] used) {
        this.a = a;
        this.used = used;
        this.n = a.toks.size();
    }

    boolean hasTrigger() {
        return !atTimes.isEmpty() || !suns.isEmpty() || dark != null;
    }

    List<Duration> actionDurations() {
        return durations;
    }

    private boolean w(int i, String... words) {
        return i >= 0 && i < n && !used[i] && a.toks.get(i).isAny(words);
    }

    private void use(int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(n, to); i++) {
            used[i] = true;
        }
    }

    void extract() {
        for (int i = 0; i < n; i++) {
            if (used[i]) {
                continue;
            }
            Tok t = a.toks.get(i);
            String sun = sunEvent(i);
            if (sun != null) {
                readSun(i, sun);
                continue;
            }
            if (t.isTime() || isBareHour(i)) {
                readClock(i);
                continue;
            }
            if (t.isAny("night", "tonight") && (w(i - 1, "at") || w(i - 2, "at") || w(i - 1, "during"))) {
                dark = true;
                use(i - 2 < 0 || !w(i - 2, "at") ? i - 1 : i - 2, i + 1);
                continue;
            }
            if (t.isAny("dark") && i > 0) {
                dark = true;
                int from = i;
                while (from > 0 && a.toks.get(from - 1).isAny("is", "it", "gets", "get", "getting", "when", "its")) {
                    from--;
                }
                use(from, i + 1);
                if (from > 0 && a.toks.get(from).is("when")) {
                    used[from] = true;
                }
                continue;
            }
            if (t.isAny("day", "daytime", "daylight") && (w(i - 1, "during") || w(i - 2, "during"))) {
                dark = false;
                use(i - 2, i + 1);
                continue;
            }
            if (readDays(i)) {
                continue;
            }
            readDuration(i);
        }
    }

    private String sunEvent(int i) {
        Tok t = a.toks.get(i);
        if (t.isAny("sunset", "dusk", "sundown", "nightfall")) {
            return "sunset";
        }
        if (t.isAny("sunrise", "dawn", "sunup", "daybreak")) {
            return "sunrise";
        }
        if (t.is("sun") && i + 1 < n && a.toks.get(i + 1).isAny("sets", "set", "goes")) {
            return "sunset";
        }
        if (t.is("sun") && i + 1 < n && a.toks.get(i + 1).isAny("rises", "rise", "comes")) {
            return "sunrise";
        }
        return null;
    }

    private void readSun(int i, String event) {
        int end = i + 1;
        if (a.toks.get(i).is("sun")) {
            end = i + 2;
            if (end < n && a.toks.get(end).isAny("down", "up")) {
                end++;
            }
        }
        int from = i;
        String relation = "at";
        Double offset = null;
        if (w(i - 1, "the")) {
            from = i - 1;
        }
        if (w(from - 1, "at", "by", "around")) {
            from--;
        } else if (w(from - 1, "after", "past")) {
            relation = "after";
            from--;
            // secondsBefore reads "half an hour" too; seconds() would stop at "an hour"
            Double s = secondsBefore(from - 1);
            if (s != null) {
                relation = "at";
                offset = s;
                from = durationStart(from);
            }
        } else if (w(from - 1, "before", "until")) {
            relation = "before";
            from--;
            Double s = secondsBefore(from - 1);
            if (s != null) {
                relation = "at";
                offset = -s;
                from = durationStart(from);
            }
        } else if (w(from - 1, "when", "as")) {
            from--;
        }
        // "at sunset plus 15 minutes", "sunrise minus an hour"
        if (offset == null && end + 2 < n + 1 && end < n && a.toks.get(end).isAny("plus", "minus")) {
            Double s = seconds(a, end + 1, n);
            if (s != null) {
                offset = a.toks.get(end).is("minus") ? -s : s;
                relation = "at";
                end += 3;
            }
        }
        use(from, end);
        suns.add(new Sun(event, relation, offset));
    }

    /** Seconds of a duration ending at token {@code end} inclusive ("30 minutes", "an hour", "half an hour"). */
    private Double secondsBefore(int end) {
        if (end < 0 || end >= n) {
            return null;
        }
        Integer unit = unit(a.toks.get(end));
        if (unit == null) {
            return null;
        }
        if (end >= 1 && a.toks.get(end - 1).isNumber()) {
            return a.toks.get(end - 1).number() * unit;
        }
        if (end >= 1 && a.toks.get(end - 1).isAny("an", "a", "one")) {
            boolean half = end >= 2 && a.toks.get(end - 2).is("half");
            return half ? unit / 2.0 : (double) unit;
        }
        return null;
    }

    private int durationStart(int relationAt) {
        int j = relationAt - 1; // the unit
        j--;
        if (j >= 1 && a.toks.get(j).isAny("an", "a") && a.toks.get(j - 1).is("half")) {
            j--;
        }
        return Math.max(0, j);
    }

    private static Integer unit(Tok t) {
        String s = t.stem();
        return Words.UNIT_SECONDS.get(s.endsWith("s") ? s.substring(0, s.length() - 1) : s);
    }

    /** Seconds of "N unit" starting at token {@code i}, or null. */
    static Double seconds(Analysis a, int i, int to) {
        if (i < 0 || i + 1 >= Math.min(to, a.toks.size())) {
            return null;
        }
        Tok first = a.toks.get(i);
        Integer unit = unit(a.toks.get(i + 1));
        if (unit == null) {
            return null;
        }
        if (first.isNumber()) {
            return first.number() * unit;
        }
        if (first.isAny("an", "a", "one")) {
            return (double) unit;
        }
        return null;
    }

    private boolean isBareHour(int i) {
        Tok t = a.toks.get(i);
        if (!t.isNumber() || t.number() % 1 != 0 || t.number() < 1 || t.number() > 12) {
            return false;
        }
        if (!w(i - 1, "at")) {
            return false;
        }
        String next = i + 1 < n ? a.toks.get(i + 1).word() : "";
        return !next.startsWith("percent") && !next.startsWith("degree") && unit(i + 1 < n ? a.toks.get(i + 1)
                : t) == null;
    }

    private int clockMinutes(int i) {
        Tok t = a.toks.get(i);
        if (t.isTime()) {
            return t.minutes();
        }
        int hour = t.number().intValue();
        boolean evening = false;
        for (int j = i + 1; j < Math.min(n, i + 4); j++) {
            if (a.toks.get(j).isAny("evening", "tonight", "night", "afternoon")) {
                evening = true;
                if (a.toks.get(j - 1).isAny("the", "in", "at")) {
                    use(j - 2 >= i + 1 && a.toks.get(j - 2).is("in") ? j - 2 : j - 1, j + 1);
                } else {
                    use(j, j + 1);
                }
            } else if (a.toks.get(j).is("morning")) {
                use(a.toks.get(j - 1).isAny("the") && j - 2 > i ? j - 2 : j, j + 1);
            }
        }
        if (evening && hour < 12) {
            hour += 12;
        }
        return hour % 24 * 60;
    }

    private void readClock(int i) {
        int minutes = clockMinutes(i);
        if (w(i - 1, "between", "from") || (w(i + 1, "and", "to", "until") && i + 2 < n
                && (a.toks.get(i + 2).isTime() || a.toks.get(i + 2).isNumber()))) {
            int endTok = i + 2;
            if (endTok < n && (a.toks.get(endTok).isTime() || a.toks.get(endTok).isNumber())) {
                int end = a.toks.get(endTok).isTime() ? a.toks.get(endTok).minutes()
                        : a.toks.get(endTok).number().intValue() % 24 * 60;
                ranges.add(new String[] {clock(minutes), clock(end)});
                use(w(i - 1, "between", "from") ? i - 1 : i, endTok + 1);
                return;
            }
        }
        if (w(i - 1, "after", "from", "past")) {
            ranges.add(new String[] {clock(minutes), null});
            use(i - 1, i + 1);
            return;
        }
        if (w(i - 1, "before", "until", "till")) {
            ranges.add(new String[] {null, clock(minutes)});
            use(i - 1, i + 1);
            return;
        }
        atTimes.add(minutes);
        atTimeTokens.add(i);
        atTimeDays.add(new LinkedHashSet<>());
        int from = i;
        if (w(i - 1, "at", "by", "around")) {
            from = i - 1;
        }
        if (from >= 2 && a.toks.get(from - 1).isAny("day", "morning", "evening", "night", "weekday", "weekdays")
                && a.toks.get(from - 2).isAny("every", "each")) {
            from -= 2;
        }
        use(from, i + 1);
        if (w(i + 1, "every", "each") && i + 2 < n && a.toks.get(i + 2).isAny("day", "morning", "evening")) {
            use(i + 1, i + 3);
        }
        if (w(i + 1, "daily")) {
            use(i + 1, i + 2);
        }
    }

    /** True when a day word belongs to an "except ..." / "but not ..." list. */
    private boolean excepted(int i) {
        for (int j = i - 1; j >= 0 && j >= i - 8; j--) {
            Tok t = a.toks.get(j);
            if (t.isAny("except", "excluding", "not")) {
                use(j, j + 1);
                return true;
            }
            String st = t.stem();
            if (!(t.isAny("on", "and", "or", ",", "every", "for") || st.equals("weekday") || st.equals("weekend")
                    || st.equals("workday") || Words.DAYS.containsKey(st))) {
                return false;
            }
        }
        return false;
    }

    private static String clock(int minutes) {
        return String.format(Locale.ROOT, "%02d:%02d:00", minutes / 60, minutes % 60);
    }

    private boolean readDays(int i) {
        Tok t = a.toks.get(i);
        String s = t.stem();
        if (s.equals("weekday") || s.equals("workday")) {
            weekdays.addAll(List.of("mon", "tue", "wed", "thu", "fri"));
        } else if (s.equals("weekend")) {
            weekdays.addAll(List.of("sat", "sun"));
        } else if (Words.DAYS.containsKey(s) && (s.length() > 3 || w(i - 1, "on", "every"))) {
            weekdays.add(Words.DAYS.get(s));
        } else {
            return false;
        }
        if (excepted(i)) {
            // "except on Sundays": the day is left out, not the only day
            List<String> said = s.equals("weekday") || s.equals("workday")
                    ? List.of("mon", "tue", "wed", "thu", "fri")
                    : s.equals("weekend") ? List.of("sat", "sun") : List.of(Words.DAYS.get(s));
            weekdays.removeAll(said);
            excludedDays.addAll(said);
        }
        if (!atTimeTokens.isEmpty() && i - atTimeTokens.get(atTimeTokens.size() - 1) <= 4) {
            Set<String> own = atTimeDays.get(atTimeDays.size() - 1);
            if (s.equals("weekday") || s.equals("workday")) {
                own.addAll(List.of("mon", "tue", "wed", "thu", "fri"));
            } else if (s.equals("weekend")) {
                own.addAll(List.of("sat", "sun"));
            } else {
                own.add(Words.DAYS.get(s));
            }
        }
        int from = i;
        if (w(i - 1, "on", "every", "during", "only", "and", ",")) {
            from = i - 1;
            if (w(from - 1, "only", "but")) {
                from--;
            }
        }
        use(from, i + 1);
        return true;
    }

    private void readDuration(int i) {
        Tok t = a.toks.get(i);
        if (!t.isAny("for", "after", "in")) {
            return;
        }
        Double s = seconds(a, i + 1, n);
        if (s == null) {
            return;
        }
        // "after 10 minutes without motion" and "no motion for 10 minutes" belong to the motion trigger
        for (int j = Math.max(0, i - 3); j < Math.min(n, i + 6); j++) {
            if (a.toks.get(j).isAny("without", "no", "nobody", "not")) {
                return;
            }
            if (j < i && a.toks.get(j).isAny("when", "if", "whenever") && !a.toks.get(i).is("after")) {
                return;
            }
        }
        for (int j = i - 1; j >= 0; j--) {
            if (a.toks.get(j).isAny("when", "whenever", "if", "once")) {
                return; // inside an event clause: the trigger's "for"
            }
            if (a.toks.get(j).isAny(",", "then")) {
                break;
            }
        }
        durations.add(new Duration(s, !t.is("for")));
        use(i, i + 3);
    }

    /** Adds what was read: clock and sun triggers, time, sun and day conditions. */
    void emit(List<Map<String, Object>> triggers, List<Map<String, Object>> conditions, boolean eventTrigger) {
        // each time keeps its own days when they differ (HA's time trigger takes a weekday filter)
        boolean ownDays = atTimes.size() > 1 && atTimeDays.stream().filter(d -> !d.isEmpty()).distinct().count() > 1;
        for (int k = 0; k < atTimes.size(); k++) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("trigger", "time");
            t.put("at", clock(atTimes.get(k)));
            if (ownDays && !atTimeDays.get(k).isEmpty()) {
                t.put("weekday", new ArrayList<>(atTimeDays.get(k)));
            }
            triggers.add(t);
        }
        for (Sun s : suns) {
            if (s.relation.equals("at") && !eventTrigger) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("trigger", "sun");
                t.put("event", s.event);
                if (s.offsetSeconds != null && s.offsetSeconds != 0) {
                    t.put("offset", (s.offsetSeconds < 0 ? "-" : "") + SentenceParser.hms(Math.abs(s.offsetSeconds)));
                }
                triggers.add(t);
            } else if (s.relation.equals("after") && s.event.equals("sunset") && s.offsetSeconds == null) {
                // HA's "condition: sun, after: sunset" ends at midnight; "after sunset" means until it is light again
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("condition", "state");
                c.put("entity_id", "sun.sun");
                c.put("state", "below_horizon");
                conditions.add(c);
            } else {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("condition", "sun");
                String relation = s.relation.equals("at") ? "after" : s.relation;
                c.put(relation, s.event);
                if (s.offsetSeconds != null && s.offsetSeconds != 0) {
                    c.put(relation + "_offset", (s.offsetSeconds < 0 ? "-" : "")
                            + SentenceParser.hms(Math.abs(s.offsetSeconds)));
                }
                conditions.add(c);
            }
        }
        if (dark != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("condition", "state");
            c.put("entity_id", "sun.sun");
            c.put("state", dark ? "below_horizon" : "above_horizon");
            conditions.add(c);
        }
        for (String[] r : ranges) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("condition", "time");
            if (r[0] != null) {
                c.put("after", r[0]);
            }
            if (r[1] != null) {
                c.put("before", r[1]);
            }
            conditions.add(c);
        }
        if (weekdays.isEmpty() && !excludedDays.isEmpty()) {
            for (String d : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
                if (!excludedDays.contains(d)) {
                    weekdays.add(d);
                }
            }
        }
        if (!weekdays.isEmpty() && !ownDays) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("condition", "time");
            c.put("weekday", new ArrayList<>(weekdays));
            conditions.add(c);
        }
    }
}
