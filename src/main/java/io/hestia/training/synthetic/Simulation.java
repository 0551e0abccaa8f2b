package io.hestia.training.synthetic;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.hestia.training.synthetic.Layouts.Role;
import io.hestia.training.synthetic.Model.Appliance;
import io.hestia.training.synthetic.Model.EntityInfo;
import io.hestia.training.synthetic.Model.Person;
import io.hestia.training.synthetic.Model.Purpose;
import io.hestia.training.synthetic.Model.Schedule;
import io.hestia.training.synthetic.PlantedSequence.Step;

/**
 * Produces the event history of a {@link Model}: household schedules, planted routines and sequences, background
 * noise, sensor streams and injected anomalies. All local times are computed with {@link ZonedDateTime} in the home's
 * zone, so routines keep their local time across DST changes.
 */
final class Simulation {

    static final long SECOND = 1000L;
    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;

    /** House meter report interval; the main volume knob for large homes. */
    static final long METER_INTERVAL_MS = 20 * SECOND;

    // routine parameters (minutes); tight enough that >= 80% of eligible days fall within +-15 min
    static final double WAKE_SIGMA = 5;
    static final double BED_SIGMA = 5;
    static final double WORK_SIGMA = 5;
    static final double EVENING_SIGMA = 6;

    private final Model m;
    private final ZoneId zone;
    private final SplittableRandom root;
    final EventBuffer buf;

    // ---- calendar of local days (one day before the window, to carry states over, up to the window's end)
    private final int days;
    private final LocalDate[] date;
    private final DayOfWeek[] dow;
    private final long[] midnight;   // local midnight of each date, epoch ms
    private final int[] wakePlan;    // minutes of day, household
    private final int[] bedPlan;     // minutes of day (evening of the date), household
    private final boolean[] eveningHome;
    private final long[] wake;       // actual household wake-up (ms)
    private final long[] bed;        // actual household bedtime (ms)
    private final long[] comfortFrom;   // scheduled comfort temperature, per day
    private final long[] comfortTo;
    private final long[] cookFrom;      // 18:00-19:00 cooking load
    private final long[] cookTo;
    private final long[] sunrise;
    private final long[] sunset;
    private final double[] seasonal;

    // ---- presence
    private Intervals allAway = new Intervals();
    private Intervals active;        // awake and someone home
    private Intervals asleep;        // asleep and someone home
    private final Map<EntityInfo, List<long[]>> forcedVisits = new HashMap<>();
    private final Map<EntityInfo, Ivs> binaryIvs = new LinkedHashMap<>();
    private final Map<EntityInfo, Intervals> onIntervals = new HashMap<>();
    private final Map<Integer, Intervals> areaLightOn = new HashMap<>();
    private final Map<Integer, Intervals> areaWindowOpen = new HashMap<>();

    // ---- climate
    private final double latitude;
    private final double[] dayTempOffset;
    private final double[] cloud;
    private final String climateMode;

    // ---- truth
    final List<PlantedRoutine> routines = new ArrayList<>();
    /** Scheduled as a fixed offset from a planted routine (see {@link GroundTruth#consequences()}). */
    final List<PlantedRoutine> consequences = new ArrayList<>();
    final List<PlantedSequence> sequences = new ArrayList<>();
    final List<PlantedAnomaly> anomalies = new ArrayList<>();

    // ---- anomaly choices
    private EntityInfo leftOnLight;
    private int leftOnDay = -1;
    private EntityInfo unusualEntity;
    private int unusualDay = -1;
    private long unusualStart;
    private long unusualEnd;

    /** Climate attributes by state (setpoint differs between comfort and setback). */
    final Map<EntityInfo, Map<Integer, Map<String, Object>>> stateAttributes = new HashMap<>();

    Simulation(Model m, ZoneId zone, Instant windowEnd, int windowDays, SplittableRandom root) {
        this.m = m;
        this.zone = zone;
        this.root = root;
        ZonedDateTime endZ = windowEnd.atZone(zone);
        long start = endZ.minusDays(windowDays).toInstant().toEpochMilli();
        long end = windowEnd.toEpochMilli();
        this.buf = new EventBuffer(start, end);

        LocalDate first = Instant.ofEpochMilli(start).atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = endZ.toLocalDate();
        this.days = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
        date = new LocalDate[days];
        dow = new DayOfWeek[days];
        midnight = new long[days + 1];
        for (int d = 0; d < days; d++) {
            date[d] = first.plusDays(d);
            dow[d] = date[d].getDayOfWeek();
            midnight[d] = date[d].atStartOfDay(zone).toInstant().toEpochMilli();
        }
        midnight[days] = last.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        wakePlan = new int[days];
        bedPlan = new int[days];
        eveningHome = new boolean[days];
        wake = new long[days];
        bed = new long[days];

        latitude = latitude(zone);
        SplittableRandom wr = root.split();
        dayTempOffset = new double[days + 1];
        cloud = new double[days + 1];
        double o = 0;
        for (int d = 0; d <= days; d++) {
            o = 0.6 * o + wr.nextGaussian() * 1.8;
            dayTempOffset[d] = o;
            cloud[d] = Math.min(1, Math.max(0, 0.5 + 0.35 * wr.nextGaussian()));
        }
        seasonal = new double[days];
        sunrise = new long[days];
        sunset = new long[days];
        for (int d = 0; d < days; d++) {
            seasonal[d] = seasonalMean(date[d]);
            double lat = Math.toRadians(latitude);
            double decl = Math.toRadians(23.44) * Math.sin(2 * Math.PI * (284 + date[d].getDayOfYear()) / 365.0);
            double cosH = Math.max(-1, Math.min(1, -Math.tan(lat) * Math.tan(decl)));
            double dayLen = 2 * Math.toDegrees(Math.acos(cosH)) / 15.0;
            long noonGuess = midnight[d] + 12 * HOUR;
            boolean dst = zone.getRules().isDaylightSavings(Instant.ofEpochMilli(noonGuess));
            double noon = 12.5 + (dst ? 1 : 0);
            sunrise[d] = midnight[d] + (long) ((noon - dayLen / 2) * HOUR);
            sunset[d] = midnight[d] + (long) ((noon + dayLen / 2) * HOUR);
        }
        comfortFrom = new long[days];
        comfortTo = new long[days];
        cookFrom = new long[days];
        cookTo = new long[days];
        climateMode = seasonal[days / 2] > 21 ? "cool" : "heat";
    }

    /** Local time on a date (minute may exceed a day), DST-correct. */
    long at(int d, int minuteOfDay) {
        LocalDate day = date[d].plusDays(Math.floorDiv(minuteOfDay, 1440));
        int mm = Math.floorMod(minuteOfDay, 1440);
        return ZonedDateTime.of(day, LocalTime.of(mm / 60, mm % 60), zone).toInstant().toEpochMilli();
    }

    /** Largest deviation of a routine event from its planned time: 2.5 sigma, at most 14 minutes. */
    static long maxDeviation(double sigmaMinutes) {
        return (long) (Math.min(2.5 * sigmaMinutes, 14.0) * MINUTE);
    }

    /** Keeps a routine event within {@link #maxDeviation} of its planned instant. */
    static long clamp(long t, long planned, double sigmaMinutes) {
        long dev = maxDeviation(sigmaMinutes);
        return Math.max(planned - dev, Math.min(planned + dev, t));
    }

    /**
     * Misses of a routine: one miss every {@code period} eligible days, from a random phase, so that the realised
     * miss rate matches the stated one and misses are spread out. The period is the nearest to 1/rate that does not
     * alias with the week (it never lands on the same weekday twice in a row), so no day-of-week group collects
     * several misses.
     */
    static final class Misses {
        private final int period;
        private final int phase;
        private int count;

        /**
         * @param rate  wanted miss rate
         * @param cycle eligible days per week (7 for daily routines, 5 for weekdays, ...)
         */
        Misses(double rate, int cycle, SplittableRandom r) {
            int base = (int) Math.max(2, Math.round(1 / rate));
            int chosen = base;
            for (int k = 0; k < 10; k++) {
                int candidate = base + (k % 2 == 0 ? k / 2 : -(k / 2 + 1));
                if (candidate < 2) {
                    continue;
                }
                int mod = cycle <= 1 ? 1 : candidate % cycle;
                boolean aliasing = cycle > 1 && (mod == 0 || (cycle >= 5 && (mod == 1 || mod == cycle - 1)));
                if (!aliasing) {
                    chosen = candidate;
                    break;
                }
            }
            period = chosen;
            phase = r.nextInt(period);
        }

        /** Call once per eligible day, in day order. */
        boolean miss() {
            return count++ % period == phase;
        }

        double rate() {
            return Math.round(10_000.0 / period) / 10_000.0;
        }
    }

    private int eligibleDowCount(java.util.function.Predicate<DayOfWeek> eligible) {
        int n = 0;
        for (DayOfWeek d : DayOfWeek.values()) {
            if (eligible.test(d)) {
                n++;
            }
        }
        return n;
    }

    private static String hhmm(int minute) {
        int mm = Math.floorMod(minute, 1440);
        return String.format("%02d:%02d", mm / 60, mm % 60);
    }

    private String localIso(long t) {
        return Instant.ofEpochMilli(t).atZone(zone).toOffsetDateTime().withNano(0).toString();
    }

    // =================================================================================================== run

    void run() {
        planDays(root.split());
        presence(root.split());
        chooseAnomalies(root.split());
        motion(root.split());
        lights(root.split());
        media(root.split());
        covers(root.split());
        climate(root.split());
        plugs(root.split());
        otherBinary(root.split());
        emitBinaries();
        sensors(root.split());
        services(root.split());
        meter(root.split());
        plantSequences();
    }

    // =================================================================================================== plans

    private static final int NO_TIME = Integer.MIN_VALUE;

    private int personWake(Person p, DayOfWeek d) {
        if (!p.works(d)) {
            return 510 + p.wakeOffset / 2;          // 08:30
        }
        return switch (p.schedule) {
            case NINE_TO_FIVE -> 405 + p.wakeOffset; // 06:45
            case SHIFT_EARLY -> 290 + p.wakeOffset / 3;   // 04:50
            case SHIFT_LATE -> 540 + p.wakeOffset;   // 09:00
            case REMOTE -> 450 + p.wakeOffset;       // 07:30
        };
    }

    private int personBed(Person p, DayOfWeek d) {
        DayOfWeek next = d.plus(1);
        if (!p.works(next)) {
            return 1435;                               // 23:55 before a day off
        }
        int b = switch (p.schedule) {
            case NINE_TO_FIVE -> 1370 + p.bedOffset;   // 22:50
            case SHIFT_EARLY -> 1290 + p.bedOffset;    // 21:30
            case SHIFT_LATE -> 1425;                   // 23:45
            case REMOTE -> 1395 + p.bedOffset;         // 23:15
        };
        return Math.min(1435, b);
    }

    private static int workStart(Person p) {
        return switch (p.schedule) {
            case NINE_TO_FIVE, REMOTE -> 540;
            case SHIFT_EARLY -> 360;
            case SHIFT_LATE -> 840;
        };
    }

    private static int workEnd(Person p) {
        return switch (p.schedule) {
            case NINE_TO_FIVE, REMOTE -> 1020;
            case SHIFT_EARLY -> 840;
            case SHIFT_LATE -> 1320;
        };
    }

    int wakePlanFor(DayOfWeek d) {
        int w = Integer.MAX_VALUE;
        for (Person p : m.persons) {
            w = Math.min(w, personWake(p, d));
        }
        return w;
    }

    int bedPlanFor(DayOfWeek d) {
        int b = 0;
        for (Person p : m.persons) {
            b = Math.max(b, personBed(p, d));
        }
        return Math.min(1435, b);
    }

    boolean eveningHomeOn(DayOfWeek d) {
        for (Person p : m.persons) {
            if (!(p.schedule == Schedule.SHIFT_LATE && p.works(d))) {
                return true;
            }
        }
        return false;
    }

    private void planDays(SplittableRandom r) {
        for (int d = 0; d < days; d++) {
            wakePlan[d] = wakePlanFor(dow[d]);
            bedPlan[d] = bedPlanFor(dow[d]);
            eveningHome[d] = eveningHomeOn(dow[d]);
            wake[d] = clamp(at(d, wakePlan[d]) + Rand.jitterMs(r, WAKE_SIGMA) + r.nextInt(60_000), at(d, wakePlan[d]),
                    WAKE_SIGMA);
            bed[d] = clamp(at(d, bedPlan[d]) + Rand.jitterMs(r, BED_SIGMA) + r.nextInt(60_000), at(d, bedPlan[d]),
                    BED_SIGMA);
            comfortFrom[d] = at(d, wakePlan[d] - 15);
            comfortTo[d] = at(d, bedPlan[d] - 30);
            cookFrom[d] = at(d, 1080);
            cookTo[d] = at(d, 1140);
        }
    }

    // =================================================================================================== presence

    private record Transition(long time, String state) {
    }

    private void presence(SplittableRandom r) {
        int n = m.persons.size();
        List<List<Transition>> transitions = new ArrayList<>();
        List<Intervals> away = new ArrayList<>();
        for (Person p : m.persons) {
            List<Transition> ts = new ArrayList<>();
            Intervals aw = new Intervals();
            Misses sick = new Misses(0.06, eligibleDowCount(p::leavesForWork), r);
            sickRate.put(p.index, sick.rate());
            for (int d = 0; d < days; d++) {
                boolean tripToWork = p.leavesForWork(dow[d]);
                boolean miss = tripToWork && sick.miss();
                if (tripToWork && !miss) {
                    int leavePlan = workStart(p) - 35 + p.workOffset;
                    int leaveWorkPlan = workEnd(p) + 5 + p.workOffset;
                    long leave = clamp(at(d, leavePlan) + Rand.jitterMs(r, WORK_SIGMA) + r.nextInt(60_000),
                            at(d, leavePlan), WORK_SIGMA);
                    long arrive = clamp(leave + 25 * MINUTE + Rand.jitterMs(r, 2), at(d, leavePlan + 25),
                            Math.hypot(WORK_SIGMA, 2));
                    long leaveWork = clamp(at(d, leaveWorkPlan) + Rand.jitterMs(r, WORK_SIGMA) + r.nextInt(60_000),
                            at(d, leaveWorkPlan), WORK_SIGMA);
                    long home = clamp(leaveWork + 30 * MINUTE + Rand.jitterMs(r, 3), at(d, leaveWorkPlan + 30),
                            Math.hypot(WORK_SIGMA, 3));
                    ts.add(new Transition(leave, "not_home"));
                    ts.add(new Transition(arrive, "Work"));
                    ts.add(new Transition(leaveWork, "not_home"));
                    ts.add(new Transition(home, "home"));
                    aw.append(leave, home);
                } else {
                    double pErrand = !p.works(dow[d]) ? 0.55 : p.schedule == Schedule.REMOTE ? 0.35
                            : miss ? 0.2 : p.schedule == Schedule.SHIFT_EARLY ? 0 : 0.1;
                    if (Rand.chance(r, pErrand)) {
                        long s = at(d, 600) + (long) (r.nextDouble() * 390 * MINUTE);   // 10:00-16:30
                        long e = s + (long) Rand.uniform(r, 40, 150) * MINUTE + r.nextInt(60_000);
                        if (p.schedule == Schedule.SHIFT_LATE && p.works(dow[d])) {
                            e = Math.min(e, at(d, workStart(p) - 60));
                        }
                        if (e > s + 10 * MINUTE) {
                            ts.add(new Transition(s, "not_home"));
                            ts.add(new Transition(e, "home"));
                            aw.append(s, e);
                        }
                    }
                }
            }
            transitions.add(ts);
            away.add(aw);
        }
        allAway = away.get(0);
        for (int i = 1; i < n; i++) {
            allAway = allAway.intersect(away.get(i));
        }
        Set<Long> lastLeaves = new HashSet<>();
        Set<Long> firstArrivals = new HashSet<>();
        for (int i = 0; i < allAway.size(); i++) {
            lastLeaves.add(allAway.start(i));
            firstArrivals.add(allAway.end(i));
        }

        Intervals awake = new Intervals(days);
        Intervals sleep = new Intervals(days);
        for (int d = 0; d < days; d++) {
            awake.append(wake[d], bed[d]);
            long nextWake = d + 1 < days ? wake[d + 1] : wake[d] + 24 * HOUR;
            sleep.append(bed[d], nextWake);
        }
        active = awake.subtract(allAway);
        asleep = sleep.subtract(allAway);

        // tracker, person, occupancy, calendar; door, lock and entry motion around departures and arrivals
        EntityInfo door = m.first(Purpose.FRONT_DOOR);
        EntityInfo lock = m.first(Purpose.FRONT_LOCK);
        EntityInfo entryMotion = entryMotion(door);
        for (Person p : m.persons) {
            List<Transition> ts = transitions.get(p.index);
            String prev = "home";
            for (Transition t : ts) {
                int trackerRaw = buf.add(t.time, p.tracker.index, t.state, EventBuffer.DEVICE);
                buf.add(t.time + 50 + r.nextInt(1500), p.person.index, t.state, EventBuffer.automation(trackerRaw));
                if (lastLeaves.contains(t.time) && m.occupancy != null) {
                    buf.add(t.time + 1000 + r.nextInt(2000), m.occupancy.index, "away",
                            EventBuffer.automation(trackerRaw));
                }
                if (firstArrivals.contains(t.time) && m.occupancy != null) {
                    buf.add(t.time + 1000 + r.nextInt(2000), m.occupancy.index, "home",
                            EventBuffer.automation(trackerRaw));
                }
                boolean leaving = "home".equals(prev) && !"home".equals(t.state);
                boolean arriving = "home".equals(t.state) && !"home".equals(prev);
                if (leaving) {
                    departure(r, p, t.time, lastLeaves.contains(t.time), door, lock, entryMotion);
                } else if (arriving) {
                    arrival(r, p, t.time, firstArrivals.contains(t.time), door, lock, entryMotion);
                }
                prev = t.state;
            }
            for (int d = 0; d < days; d++) {
                if (p.works(dow[d])) {
                    buf.add(at(d, workStart(p)) + r.nextInt(900), p.calendar.index, "on", EventBuffer.DEVICE);
                    buf.add(at(d, workEnd(p)) + r.nextInt(900), p.calendar.index, "off", EventBuffer.DEVICE);
                }
            }
        }
        plantPresenceRoutines();
    }

    private EntityInfo entryMotion(EntityInfo door) {
        List<EntityInfo> motions = m.byPurpose(Purpose.MOTION);
        if (door != null) {
            for (EntityInfo mo : motions) {
                if (mo.area == door.area) {
                    return mo;
                }
            }
        }
        for (EntityInfo mo : motions) {
            if (mo.area.role == Role.HALLWAY || mo.area.role == Role.ENTRANCE) {
                return mo;
            }
        }
        return null;
    }

    private void visit(EntityInfo motion, long start, long duration) {
        if (motion != null) {
            forcedVisits.computeIfAbsent(motion, k -> new ArrayList<>()).add(new long[] {start, duration});
        }
    }

    private void departure(SplittableRandom r, Person p, long t, boolean last, EntityInfo door, EntityInfo lock,
                           EntityInfo entryMotion) {
        long open = t - Rand.uniformMs(r, 120, 300);
        visit(entryMotion, open - Rand.uniformMs(r, 10, 40), Rand.uniformMs(r, 8, 30));
        if (door != null) {
            buf.add(open, door.index, "on", EventBuffer.DEVICE);
            long close = open + Rand.uniformMs(r, 5, 20);
            int closeRaw = buf.add(close, door.index, "off", EventBuffer.DEVICE);
            if (last && lock != null) {
                buf.add(close + Rand.uniformMs(r, 10, 60), lock.index, "locked", EventBuffer.automation(closeRaw));
            }
        } else if (last && lock != null) {
            buf.add(open + Rand.uniformMs(r, 10, 60), lock.index, "locked", EventBuffer.user(p.index));
        }
    }

    private void arrival(SplittableRandom r, Person p, long t, boolean first, EntityInfo door, EntityInfo lock,
                         EntityInfo entryMotion) {
        long open = t + Rand.uniformMs(r, 30, 120);
        if (first && lock != null) {
            buf.add(open, lock.index, "unlocked", EventBuffer.user(p.index));
            open += Rand.uniformMs(r, 5, 30);
        }
        if (door != null) {
            buf.add(open, door.index, "on", EventBuffer.DEVICE);
            buf.add(open + Rand.uniformMs(r, 5, 20), door.index, "off", EventBuffer.DEVICE);
        }
        visit(entryMotion, open + Rand.uniformMs(r, 2, 10), Rand.uniformMs(r, 10, 60));
    }

    private final Map<Integer, Double> sickRate = new HashMap<>();

    private void plantPresenceRoutines() {
        for (Person p : m.persons) {
            if (p.schedule == Schedule.REMOTE) {
                continue;
            }
            int[] leave = new int[7];
            int[] arrive = new int[7];
            int[] leaveWork = new int[7];
            int[] home = new int[7];
            for (DayOfWeek d : DayOfWeek.values()) {
                int i = d.ordinal();
                if (p.leavesForWork(d)) {
                    leave[i] = workStart(p) - 35 + p.workOffset;
                    arrive[i] = leave[i] + 25;
                    leaveWork[i] = workEnd(p) + 5 + p.workOffset;
                    home[i] = leaveWork[i] + 30;
                } else {
                    leave[i] = arrive[i] = leaveWork[i] = home[i] = NO_TIME;
                }
            }
            double s1 = WORK_SIGMA;
            double s2 = Math.hypot(WORK_SIGMA, 2);
            double s3 = Math.hypot(WORK_SIGMA, 3);
            for (EntityInfo e : List.of(p.tracker, p.person)) {
                String who = e == p.person ? p.displayName : p.displayName + "'s phone";
                double miss = sickRate.get(p.index);
                routine(e, "not_home", leave, s1, miss, who + " leaves for work");
                routine(e, "Work", arrive, s2, miss, who + " arrives at work");
                routine(e, "not_home", leaveWork, s1, miss, who + " leaves work");
                routine(e, "home", home, s3, miss, who + " comes home from work");
            }
        }
        for (Person p : m.persons) {
            int[] on = new int[7];
            int[] off = new int[7];
            for (DayOfWeek d : DayOfWeek.values()) {
                on[d.ordinal()] = p.works(d) ? workStart(p) : NO_TIME;
                off[d.ordinal()] = p.works(d) ? workEnd(p) : NO_TIME;
            }
            routine(p.calendar, "on", on, 0.25, 0, p.displayName + "'s work calendar event starts");
            routine(p.calendar, "off", off, 0.25, 0, p.displayName + "'s work calendar event ends");
        }
    }

    // =================================================================================================== anomalies

    private void chooseAnomalies(SplittableRandom r) {
        // days fully inside the window, excluding the first and last
        List<Integer> inner = new ArrayList<>();
        for (int d = 1; d < days - 1; d++) {
            if (midnight[d] >= buf.windowStart && midnight[d + 1] + 12 * HOUR <= buf.windowEnd) {
                inner.add(d);
            }
        }
        if (inner.size() < 2) {
            return;
        }
        // left on overnight: an evening light on a day people are home in the evening
        EntityInfo light = m.first(Purpose.EVENING_LIGHT);
        if (light == null) {
            light = m.first(Purpose.DINNER_LIGHT);
        }
        if (light != null) {
            List<Integer> ok = new ArrayList<>();
            for (int d : inner) {
                if (eveningHome[d]) {
                    ok.add(d);
                }
            }
            if (!ok.isEmpty()) {
                leftOnLight = light;
                leftOnDay = ok.get(r.nextInt(ok.size()));
            }
        }
        // activity at ~03:00 at an entity that is never active between 02:00 and 04:00
        List<EntityInfo> candidates = new ArrayList<>();
        for (EntityInfo e : m.byPurpose(Purpose.PLUG_SWITCH)) {
            if (e.device.appliance == Appliance.COFFEE_MAKER) {
                candidates.add(e);
            }
        }
        EntityInfo dinner = m.first(Purpose.DINNER_LIGHT);
        if (dinner != null && dinner != leftOnLight) {
            candidates.add(dinner);
        }
        if (m.first(Purpose.FRONT_DOOR) != null) {
            candidates.add(m.first(Purpose.FRONT_DOOR));
        }
        if (!candidates.isEmpty()) {
            unusualEntity = candidates.get(0);
            int d;
            do {
                d = inner.get(r.nextInt(inner.size()));
            } while (d == leftOnDay && inner.size() > 1);
            unusualDay = d;
            unusualStart = at(d, 180) + r.nextInt(10 * 60_000);
            unusualEnd = unusualStart + ("binary_sensor".equals(unusualEntity.domain())
                    ? Rand.uniformMs(r, 20, 90) : Rand.uniformMs(r, 4 * 60, 12 * 60));
            anomalies.add(new PlantedAnomaly(PlantedAnomaly.Kind.UNUSUAL_TIME_ACTIVITY, unusualEntity.entityId,
                    localIso(unusualStart), localIso(unusualEnd), unusualEntity.name
                    + " active at about 03:00; it is never active between 02:00 and 04:00 otherwise"));
        }
        // a sensor silent for a whole local day
        EntityInfo silent = null;
        for (Purpose p : List.of(Purpose.ROOM_TEMPERATURE, Purpose.ROOM_HUMIDITY, Purpose.CO2, Purpose.ILLUMINANCE,
                Purpose.OUTDOOR_HUMIDITY)) {
            List<EntityInfo> es = m.byPurpose(p);
            if (!es.isEmpty()) {
                silent = es.get(r.nextInt(es.size()));
                break;
            }
        }
        if (silent != null) {
            int d;
            int guard = 0;
            do {
                d = inner.get(r.nextInt(inner.size()));
            } while ((d == leftOnDay || d == unusualDay) && inner.size() > 2 && guard++ < 100);
            buf.silence(silent.index, midnight[d], midnight[d + 1]);
            anomalies.add(new PlantedAnomaly(PlantedAnomaly.Kind.SENSOR_SILENT, silent.entityId,
                    localIso(midnight[d]), localIso(midnight[d + 1]),
                    silent.name + " reports nothing for a whole day (normally every few minutes)"));
        }
    }

    // =================================================================================================== motion

    private double dayRate(Role role) {
        return switch (role) {
            case HALLWAY, KITCHEN -> 4;
            case LANDING, LIVING -> 3;
            case ENTRANCE -> 2.5;
            case BATHROOM, DINING, KIDS -> 1.5;
            case OFFICE -> hasRemote() ? 2 : 0.5;
            case BEDROOM -> 1;
            case OUTDOOR -> 0.8;
            case LAUNDRY, MEDIA -> 0.5;
            case GARAGE, BASEMENT -> 0.4;
            case GYM, GUEST -> 0.3;
            case STORAGE -> 0.2;
        };
    }

    private static double nightRate(Role role) {
        return switch (role) {
            case HALLWAY, LANDING, BATHROOM -> 0.12;
            case BEDROOM, KIDS -> 0.3;
            case KITCHEN -> 0.03;
            default -> 0;
        };
    }

    private boolean hasRemote() {
        for (Person p : m.persons) {
            if (p.schedule == Schedule.REMOTE) {
                return true;
            }
        }
        return false;
    }

    /** Length of a stay in a room: log-normal {median s, sigma, min s, max s} by role. */
    private static double[] visitLength(Role role) {
        return switch (role) {
            case HALLWAY, ENTRANCE, LANDING, GARAGE, STORAGE -> new double[] {20, 0.7, 5, 180};
            case BATHROOM -> new double[] {240, 0.6, 60, 1200};
            case LIVING, OFFICE, KITCHEN, DINING, MEDIA, GYM -> new double[] {360, 0.9, 30, 5400};
            default -> new double[] {150, 0.8, 20, 1800};
        };
    }

    private static long visitDuration(SplittableRandom r, Role role) {
        double[] l = visitLength(role);
        double s = Rand.logNormal(r, l[0], l[1], l[2], l[3]);
        return (long) (s * 1000);
    }

    private void motion(SplittableRandom r) {
        for (EntityInfo mo : m.byPurpose(Purpose.MOTION)) {
            Role role = mo.area.role;
            long clear = (30 + 30L * r.nextInt(3)) * SECOND;
            motionClear.put(mo, clear);
            List<long[]> visits = new ArrayList<>();
            for (int d = 0; d < days; d++) {
                Intervals act = active.clip(wake[d], bed[d]);
                poissonVisits(r, act, dayRate(role), role, visits);
                long nextWake = d + 1 < days ? wake[d + 1] : wake[d] + 24 * HOUR;
                poissonVisits(r, asleep.clip(bed[d], nextWake), nightRate(role), role, visits);
                // routine-linked visits: getting up, going to bed
                if (role == Role.BATHROOM) {
                    visits.add(new long[] {wake[d] + Rand.uniformMs(r, 60, 300), visitDuration(r, role)});
                } else if (role == Role.HALLWAY || role == Role.LANDING) {
                    visits.add(new long[] {wake[d] + Rand.uniformMs(r, 0, 180), visitDuration(r, role)});
                    visits.add(new long[] {bed[d] - Rand.uniformMs(r, 0, 180), visitDuration(r, role)});
                } else if (role == Role.KITCHEN) {
                    visits.add(new long[] {wake[d] + Rand.uniformMs(r, 300, 900), visitDuration(r, role)});
                } else if (role.sleeping() && mo.area == firstArea(Role.BEDROOM)) {
                    visits.add(new long[] {wake[d] - Rand.uniformMs(r, 0, 60), visitDuration(r, role)});
                    visits.add(new long[] {bed[d] + Rand.uniformMs(r, 60, 240), visitDuration(r, role)});
                }
                if (unusualEntity != null && d == unusualDay && unusualEntity.area == mo.area) {
                    visits.add(new long[] {unusualStart - Rand.uniformMs(r, 5, 30), unusualEnd - unusualStart});
                }
            }
            visits.addAll(forcedVisits.getOrDefault(mo, List.of()));
            visits.sort((a, b) -> Long.compare(a[0], b[0]));
            Ivs light = mo.partner == null ? null : ivs(mo.partner);
            int i = 0;
            while (i < visits.size()) {
                long s = visits.get(i)[0];
                long e = s + visits.get(i)[1] + clear;
                i++;
                while (i < visits.size() && visits.get(i)[0] <= e) {
                    e = Math.max(e, visits.get(i)[0] + visits.get(i)[1] + clear);
                    i++;
                }
                int onRaw = buf.add(s, mo.index, "on", EventBuffer.DEVICE);
                int offRaw = buf.add(e, mo.index, "off", EventBuffer.DEVICE);
                if (light != null) {
                    long lag = (long) (Rand.logNormal(r, 2.5, 0.5, 1.0, 9.5) * 1000) + r.nextInt(400);
                    long hold = Rand.uniformMs(r, 120, 300);
                    light.add(s + lag, e + hold, EventBuffer.automation(onRaw), EventBuffer.automation(offRaw));
                }
            }
        }
        plantMotionVisits();
    }

    private final Map<EntityInfo, Long> motionClear = new HashMap<>();

    /**
     * Truth for the routine-linked visits that {@link #motion} adds every day (draws nothing, so the events do not
     * depend on it): bathroom 1-5 min after the household wake-up; hallway and landing 0-3 min after the wake-up
     * and 0-3 min before bedtime; kitchen 5-15 min after the wake-up; the first bedroom 0-1 min before the wake-up
     * and 1-4 min after bedtime. Each is planted as the sensor's {@code on} (the visit's start) and its {@code off}
     * (start + median stay for the room + the sensor's clear time). Motion lights follow through their planted
     * sequences and are not listed here.
     */
    private void plantMotionVisits() {
        for (EntityInfo mo : m.byPurpose(Purpose.MOTION)) {
            Role role = mo.area.role;
            String room = mo.area.name;
            if (role == Role.BATHROOM) {
                plantVisit(mo, true, 60, 300, room + "motion: bathroom visit uniformly 1-5 min after the household wakes up");
            } else if (role == Role.HALLWAY || role == Role.LANDING) {
                plantVisit(mo, true, 0, 180, room + " motion: walking through uniformly 0-3 min after the household wakes up");
                plantVisit(mo, false, -180, 0, room + " motion: walking through uniformly 0-3 min before bedtime");
            } else if (role == Role.KITCHEN) {
                plantVisit(mo, true, 300, 900, room + " motion: kitchen visit uniformly 5-15 min after the household wakes up");
            } else if (role.sleeping() && mo.area == firstArea(Role.BEDROOM)) {
                plantVisit(mo, true, -60, 0, room + " motion: getting up, uniformly 0-1 min before the household wake-up");
                plantVisit(mo, false, 60, 240, room + " motion: going to bed, uniformly 1-4 min after bedtime");
            }
        }
    }

    /**
     * Plants a visit at the household wake-up (or bedtime) plus a uniform delay of [loSec, hiSec]: {@code on} at the
     * planned time plus the delay's midpoint, {@code off} after the room's median stay and the clear time; jitters
     * combine the wake-up (bedtime) sigma with the delay's and the stay's standard deviations.
     */
    private void plantVisit(EntityInfo mo, boolean atWake, double loSec, double hiSec, String desc) {
        double[] l = visitLength(mo.area.role);
        double clearSec = motionClear.get(mo) / 1000.0;
        double sigma = atWake ? WAKE_SIGMA : BED_SIGMA;
        double onJitter = Math.hypot(sigma, (hiSec - loSec) / 60.0 / Math.sqrt(12));
        double stayMean = l[0] * Math.exp(l[1] * l[1] / 2);
        double staySd = stayMean * Math.sqrt(Math.exp(l[1] * l[1]) - 1) / 60.0;
        double offJitter = Math.hypot(onJitter, staySd);
        int[] on = new int[7];
        int[] off = new int[7];
        for (DayOfWeek dw : DayOfWeek.values()) {
            double planSec = 60.0 * (atWake ? wakePlanFor(dw) : bedPlanFor(dw)) + (loSec + hiSec) / 2;
            on[dw.ordinal()] = (int) Math.round(planSec / 60.0);
            off[dw.ordinal()] = (int) Math.round((planSec + l[0] + clearSec) / 60.0);
        }
        consequence(mo, "on", on, onJitter, 0, desc);
        consequence(mo, "off", off, offJitter, 0, desc + "; off after a random log-normal stay (median " + Math.round(l[0])
                + " s) and the sensor's " + Math.round(clearSec) + " s clear time");
    }

    private Model.AreaInfo firstArea(Role role) {
        List<Model.AreaInfo> as = m.areasWith(role);
        return as.isEmpty() ? null : as.get(0);
    }

    private void poissonVisits(SplittableRandom r, Intervals where, double perHour, Role role, List<long[]> out) {
        long len = where.totalLength();
        if (len <= 0 || perHour <= 0) {
            return;
        }
        int n = Rand.poisson(r, perHour * len / (double) HOUR);
        for (int k = 0; k < n; k++) {
            out.add(new long[] {where.timeAtOffset((long) (r.nextDouble() * len)), visitDuration(r, role)});
        }
    }

    // =================================================================================================== binary helpers

    /** Raw on-intervals of a binary entity with the context of their edges. */
    static final class Ivs {
        long[] s = new long[64];
        long[] e = new long[64];
        int[] on = new int[64];
        int[] off = new int[64];
        int n;

        void add(long start, long end, int onCtx, int offCtx) {
            if (end <= start) {
                return;
            }
            if (n == s.length) {
                s = Arrays.copyOf(s, n * 2);
                e = Arrays.copyOf(e, n * 2);
                on = Arrays.copyOf(on, n * 2);
                off = Arrays.copyOf(off, n * 2);
            }
            s[n] = start;
            e[n] = end;
            on[n] = onCtx;
            off[n] = offCtx;
            n++;
        }
    }

    private Ivs ivs(EntityInfo e) {
        return binaryIvs.computeIfAbsent(e, k -> new Ivs());
    }

    /** Merges each entity's intervals and emits on/off edges; remembers merged intervals. */
    private void emitBinaries() {
        for (Map.Entry<EntityInfo, Ivs> en : binaryIvs.entrySet()) {
            EntityInfo e = en.getKey();
            Ivs v = en.getValue();
            Integer[] idx = new Integer[v.n];
            for (int i = 0; i < v.n; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (a, b) -> Long.compare(v.s[a], v.s[b]));
            Intervals merged = new Intervals(v.n);
            String onState = onState(e);
            String offState = offState(e);
            int k = 0;
            while (k < v.n) {
                int first = idx[k];
                long s = v.s[first];
                long end = v.e[first];
                int offCtx = v.off[first];
                k++;
                while (k < v.n && v.s[idx[k]] <= end) {
                    if (v.e[idx[k]] > end) {
                        end = v.e[idx[k]];
                        offCtx = v.off[idx[k]];
                    }
                    k++;
                }
                merged.append(s, end);
                buf.add(s, e.index, onState, v.on[first]);
                buf.add(end, e.index, offState, offCtx);
            }
            onIntervals.put(e, merged);
            if ("light".equals(e.domain()) && e.area != null) {
                areaLightOn.merge(e.area.index, merged, Intervals::union);
            }
            if (e.purpose == Purpose.WINDOW && e.area != null) {
                areaWindowOpen.merge(e.area.index, merged, Intervals::union);
            }
        }
    }

    private static String onState(EntityInfo e) {
        return switch (e.domain()) {
            case "lock" -> "unlocked";
            default -> "on";
        };
    }

    private static String offState(EntityInfo e) {
        return switch (e.domain()) {
            case "lock" -> "locked";
            default -> "off";
        };
    }

    /** Noise intervals within each day's active time, ending by bedtime. */
    private void noise(SplittableRandom r, EntityInfo e, double perHour, double medianMinutes, boolean userMostly,
                       long bedtimeGrace) {
        Ivs v = ivs(e);
        for (int d = 0; d < days; d++) {
            Intervals act = active.clip(wake[d], bed[d]);
            long len = act.totalLength();
            int n = Rand.poisson(r, perHour * len / (double) HOUR);
            for (int k = 0; k < n; k++) {
                long s = act.timeAtOffset((long) (r.nextDouble() * len));
                long dur = (long) (Rand.logNormal(r, medianMinutes, 0.8, 2, 180) * MINUTE) + r.nextInt(60_000);
                long end = Math.min(s + dur, bed[d] + bedtimeGrace + r.nextInt(120_000));
                int ctx = Rand.chance(r, userMostly ? 0.6 : 0.2) ? EventBuffer.user(r.nextInt(m.persons.size()))
                        : EventBuffer.DEVICE;
                int offCtx = Rand.chance(r, userMostly ? 0.6 : 0.2) ? EventBuffer.user(r.nextInt(m.persons.size()))
                        : EventBuffer.DEVICE;
                v.add(s, end, ctx, offCtx);
            }
        }
    }

    // =================================================================================================== lights

    private void lights(SplittableRandom r) {
        int u0 = EventBuffer.user(0);
        EntityInfo wakeLight = m.first(Purpose.WAKE_LIGHT);
        EntityInfo evening = m.first(Purpose.EVENING_LIGHT);
        EntityInfo dinner = m.first(Purpose.DINNER_LIGHT);
        int eveningDays = eligibleDowCount(this::eveningHomeOn);
        Misses wakeMiss = new Misses(0.05, 7, r);
        Misses bedMiss = new Misses(0.05, 7, r);
        Misses eveningMiss = new Misses(0.05, eveningDays, r);
        Misses dinnerMiss = new Misses(0.05, eveningDays, r);
        for (int d = 0; d < days; d++) {
            if (wakeLight != null) {
                if (!wakeMiss.miss()) {
                    long on = clamp(wake[d] + Rand.jitterMs(r, 1), at(d, wakePlan[d]), Math.hypot(WAKE_SIGMA, 1));
                    long off = clamp(on + 20 * MINUTE + Rand.jitterMs(r, 3), at(d, wakePlan[d] + 20),
                            Math.hypot(WAKE_SIGMA, 3));
                    ivs(wakeLight).add(on, off, u0, u0);
                }
                if (!bedMiss.miss()) {
                    long on = clamp(bed[d] + Rand.uniformMs(r, 60, 180), at(d, bedPlan[d] + 2), BED_SIGMA);
                    long off = clamp(bed[d] + 15 * MINUTE + Rand.jitterMs(r, 3), at(d, bedPlan[d] + 15),
                            Math.hypot(BED_SIGMA, 3));
                    ivs(wakeLight).add(on, off, u0, u0);
                }
            }
            for (EntityInfo e : new EntityInfo[] {evening, dinner}) {
                if (e == null || !eveningHome[d]) {
                    continue;
                }
                boolean forced = e == leftOnLight && d == leftOnDay;
                boolean missed = (e == evening ? eveningMiss : dinnerMiss).miss();
                if (!forced && missed) {
                    continue;
                }
                int plan = e == evening ? 1125 : 1110;   // 18:45 / 18:30
                long on = clamp(at(d, plan) + Rand.jitterMs(r, EVENING_SIGMA) + r.nextInt(60_000), at(d, plan),
                        EVENING_SIGMA);
                long off = clamp(bed[d] + (e == evening ? Rand.uniformMs(r, 0, 20) : Rand.uniformMs(r, 20, 60)),
                        at(d, bedPlan[d]), BED_SIGMA);
                if (forced) {
                    long nextWake = d + 1 < days ? wake[d + 1] : wake[d] + 24 * HOUR;
                    long realOff = nextWake + 30 * MINUTE + Rand.jitterMs(r, 5);
                    anomalies.add(0, new PlantedAnomaly(PlantedAnomaly.Kind.LEFT_ON_OVERNIGHT, e.entityId,
                            localIso(off), localIso(realOff), e.name
                            + " not turned off at bedtime; stays on all night until the next morning"));
                    off = realOff;
                }
                ivs(e).add(on, off, u0, u0);
            }
        }
        for (EntityInfo e : m.entities) {
            if (!"light".equals(e.domain())) {
                continue;
            }
            switch (e.purpose) {
                case WAKE_LIGHT, EVENING_LIGHT, DINNER_LIGHT -> {
                    // only their routines: noise merging into a routine interval would hide its edges
                }
                case MANUAL_LIGHT -> {
                    double rate = e.area.role.transit() ? 0.2 : e.area.role == Role.OUTDOOR ? 0.05 : 0.12;
                    long grace = e.area.role.sleeping() ? 15 * MINUTE : 0;
                    noise(r, e, rate, 25, true, grace);
                }
                case SCHEDULED_LIGHT -> {
                    for (int d = 0; d < days; d++) {
                        ivs(e).add(at(d, 1080) + Rand.uniformMs(r, 0.2, 2), at(d, 1380) + Rand.uniformMs(r, 0.2, 2),
                                EventBuffer.SCHEDULE, EventBuffer.SCHEDULE);
                    }
                }
                default -> {
                }
            }
            if (e == unusualEntity) {
                ivs(e).add(unusualStart, unusualEnd, EventBuffer.DEVICE, EventBuffer.DEVICE);
            }
        }

        // truth
        int[] wakeBy = new int[7];
        int[] wakeOffBy = new int[7];
        int[] bedOnBy = new int[7];
        int[] bedOffBy = new int[7];
        int[] evOn = new int[7];
        int[] dinOn = new int[7];
        int[] evOff = new int[7];
        for (DayOfWeek dw : DayOfWeek.values()) {
            int i = dw.ordinal();
            wakeBy[i] = wakePlanFor(dw);
            wakeOffBy[i] = wakePlanFor(dw) + 20;
            bedOnBy[i] = bedPlanFor(dw) + 2;
            bedOffBy[i] = bedPlanFor(dw) + 15;
            boolean home = eveningHomeOn(dw);
            evOn[i] = home ? 1125 : NO_TIME;
            dinOn[i] = home ? 1110 : NO_TIME;
            evOff[i] = home ? bedPlanFor(dw) : NO_TIME;
        }
        if (wakeLight != null) {
            routine(wakeLight, "on", wakeBy, Math.hypot(WAKE_SIGMA, 1), wakeMiss.rate(), "bedroom light on at wake-up");
            routine(wakeLight, "off", wakeOffBy, Math.hypot(WAKE_SIGMA, 3), wakeMiss.rate(),
                    "bedroom light off about 20 min after wake-up");
            routine(wakeLight, "on", bedOnBy, BED_SIGMA, bedMiss.rate(), "bedroom light on at bedtime");
            routine(wakeLight, "off", bedOffBy, Math.hypot(BED_SIGMA, 3), bedMiss.rate(),
                    "bedroom light off about 15 min after bedtime");
        }
        if (evening != null) {
            routine(evening, "on", evOn, EVENING_SIGMA, eveningMiss.rate(), "living room light on in the evening");
            routine(evening, "off", evOff, BED_SIGMA, eveningMiss.rate(), "living room light off at bedtime (all-off)");
        }
        if (dinner != null) {
            routine(dinner, "on", dinOn, EVENING_SIGMA, dinnerMiss.rate(), "kitchen light on for dinner");
            routine(dinner, "off", evOff, BED_SIGMA, dinnerMiss.rate(), "kitchen light off at bedtime (all-off)");
        }
        for (EntityInfo e : m.byPurpose(Purpose.SCHEDULED_LIGHT)) {
            int[] on = new int[7];
            int[] off = new int[7];
            Arrays.fill(on, 1080);
            Arrays.fill(off, 1380);
            routine(e, "on", on, 0.05, 0, "outdoor light switched on by a time automation");
            routine(e, "off", off, 0.05, 0, "outdoor light switched off by a time automation");
        }
    }

    // =================================================================================================== media

    private double tvMissRate;

    private void media(SplittableRandom r) {
        EntityInfo tv = m.first(Purpose.MAIN_TV);
        List<long[]> sessions = new ArrayList<>();
        for (EntityInfo e : m.entities) {
            if (!"media_player".equals(e.domain())) {
                continue;
            }
            boolean speaker = "speaker".equals(e.deviceClass);
            String rest = speaker ? "idle" : "off";
            sessions.clear();
            Misses tvMiss = new Misses(0.08, eligibleDowCount(this::eveningHomeOn), r);
            if (e == tv) {
                tvMissRate = tvMiss.rate();
            }
            for (int d = 0; d < days; d++) {
                if (e == tv && eveningHome[d] && !tvMiss.miss()) {
                    long on = clamp(at(d, 1200) + Rand.jitterMs(r, EVENING_SIGMA) + r.nextInt(60_000), at(d, 1200),
                            EVENING_SIGMA);
                    long off = clamp(bed[d] - 10 * MINUTE + Rand.jitterMs(r, 2), at(d, bedPlan[d] - 10),
                            Math.hypot(BED_SIGMA, 2));
                    sessions.add(new long[] {on, off});
                }
                double rate = e == tv ? 0.03 : speaker ? 0.08 : 0.05;
                // the main TV's other use ends before its evening routine
                long noiseEnd = e == tv ? Math.min(bed[d], at(d, 1140)) : bed[d] - 15 * MINUTE;
                Intervals act = active.clip(wake[d], noiseEnd);
                long len = act.totalLength();
                int n = Rand.poisson(r, rate * len / (double) HOUR);
                for (int k = 0; k < n; k++) {
                    long s = act.timeAtOffset((long) (r.nextDouble() * len));
                    long dur = (long) (Rand.logNormal(r, 45, 0.7, 5, 180) * MINUTE);
                    sessions.add(new long[] {s, Math.min(s + dur, e == tv ? noiseEnd : bed[d] - 11 * MINUTE)});
                }
            }
            sessions.sort((a, b) -> Long.compare(a[0], b[0]));
            int i = 0;
            while (i < sessions.size()) {
                long s = sessions.get(i)[0];
                long end = sessions.get(i)[1];
                i++;
                while (i < sessions.size() && sessions.get(i)[0] <= end + MINUTE) {
                    end = Math.max(end, sessions.get(i)[1]);
                    i++;
                }
                if (end <= s) {
                    continue;
                }
                buf.add(s, e.index, "playing", EventBuffer.DEVICE);
                int pauses = Rand.poisson(r, (end - s) / (double) HOUR * 0.6);
                long[] ps = new long[pauses];
                for (int k = 0; k < pauses; k++) {
                    ps[k] = s + 2 * MINUTE + (long) (r.nextDouble() * Math.max(0, end - s - 15 * MINUTE));
                }
                Arrays.sort(ps);
                long lastResume = s;
                for (long p : ps) {
                    if (p <= lastResume + MINUTE) {
                        continue;
                    }
                    long resume = p + Rand.uniformMs(r, 60, 480);
                    if (resume >= end - MINUTE) {
                        break;
                    }
                    buf.add(p, e.index, "paused", EventBuffer.DEVICE);
                    buf.add(resume, e.index, "playing", EventBuffer.DEVICE);
                    lastResume = resume;
                }
                buf.add(end, e.index, rest, EventBuffer.DEVICE);
            }
            if (speaker) {
                e.initialState = "idle";
            }
        }
        if (tv != null) {
            int[] on = new int[7];
            int[] off = new int[7];
            for (DayOfWeek dw : DayOfWeek.values()) {
                boolean home = eveningHomeOn(dw);
                on[dw.ordinal()] = home ? 1200 : NO_TIME;
                off[dw.ordinal()] = home ? bedPlanFor(dw) - 10 : NO_TIME;
            }
            routine(tv, "playing", on, EVENING_SIGMA, tvMissRate, "evening TV");
            routine(tv, "off", off, Math.hypot(BED_SIGMA, 2), tvMissRate, "TV off about 10 min before bedtime");
        }
    }

    // =================================================================================================== covers

    private void covers(SplittableRandom r) {
        for (EntityInfo c : m.byPurpose(Purpose.COVER)) {
            boolean sleeping = c.area.role.sleeping();
            int[] openBy = new int[7];
            int[] closeBy = new int[7];
            for (DayOfWeek dw : DayOfWeek.values()) {
                openBy[dw.ordinal()] = wakePlanFor(dw) + (sleeping ? 10 : 30);
                closeBy[dw.ordinal()] = sleeping ? 1290 : 1260;   // 21:30 / 21:00
            }
            String last = "closed";
            for (int d = 0; d < days; d++) {
                long o = at(d, openBy[dow[d].ordinal()]) + Rand.uniformMs(r, 0.2, 2);
                long travel = Rand.uniformMs(r, 12, 25);
                buf.add(o - travel, c.index, "opening", EventBuffer.SCHEDULE);
                buf.add(o, c.index, "open", EventBuffer.SCHEDULE);
                long cl = at(d, closeBy[dow[d].ordinal()]) + Rand.uniformMs(r, 0.2, 2);
                buf.add(cl, c.index, "closing", EventBuffer.SCHEDULE);
                buf.add(cl + travel, c.index, "closed", EventBuffer.SCHEDULE);
                last = "closed";
            }
            c.initialState = last;
            routine(c, "open", openBy, 0.3, 0, c.name + " opened by a time automation in the morning");
            routine(c, "closed", closeBy, 0.3, 0, c.name + " closed by a time automation in the evening");
        }
    }

    // =================================================================================================== climate

    private void climate(SplittableRandom r) {
        int k = 0;
        for (EntityInfo c : m.byPurpose(Purpose.CLIMATE)) {
            int shift = 5 * k++;
            double comfort = "cool".equals(climateMode) ? 24.0 : 21.0;
            Map<String, Object> onAttrs = new LinkedHashMap<>(c.attributes);
            onAttrs.put("temperature", comfort);
            Map<String, Object> offAttrs = new LinkedHashMap<>(c.attributes);
            offAttrs.put("temperature", 17.0);
            Map<Integer, Map<String, Object>> byState = new HashMap<>();
            byState.put(buf.state(climateMode), Map.copyOf(onAttrs));
            byState.put(buf.state("off"), Map.copyOf(offAttrs));
            stateAttributes.put(c, byState);
            int[] onBy = new int[7];
            int[] offBy = new int[7];
            for (DayOfWeek dw : DayOfWeek.values()) {
                onBy[dw.ordinal()] = wakePlanFor(dw) - 15 + shift;
                offBy[dw.ordinal()] = bedPlanFor(dw) - 30;
            }
            for (int d = 0; d < days; d++) {
                int on = buf.add(at(d, onBy[dow[d].ordinal()]) + Rand.uniformMs(r, 0.2, 3), c.index, climateMode,
                        EventBuffer.SCHEDULE);
                buf.attach(on, byState.get(buf.state(climateMode)));
                int off = buf.add(at(d, offBy[dow[d].ordinal()]) + Rand.uniformMs(r, 0.2, 3), c.index, "off",
                        EventBuffer.SCHEDULE);
                buf.attach(off, byState.get(buf.state("off")));
            }
            routine(c, climateMode, onBy, 0.05, 0, c.name + " schedule: " + climateMode + " to " + comfort
                    + " °C before wake-up");
            routine(c, "off", offBy, 0.05, 0, c.name + " schedule: off (setback 17 °C) before bedtime");
        }
    }

    /** Whether comfort heating/cooling is scheduled at time t (on date d). */
    private boolean comfortOn(int d, long t) {
        return t >= comfortFrom[d] && t < comfortTo[d];
    }

    // =================================================================================================== plugs

    private void plugs(SplittableRandom r) {
        for (EntityInfo sw : m.byPurpose(Purpose.PLUG_SWITCH)) {
            Appliance app = sw.device.appliance;
            Ivs v = ivs(sw);
            switch (app) {
                case COFFEE_MAKER -> {
                    Misses coffeeMiss = new Misses(0.07, 7, r);
                    for (int d = 0; d < days; d++) {
                        if (!coffeeMiss.miss()) {
                            long on = clamp(wake[d] + 10 * MINUTE + Rand.jitterMs(r, 2), at(d, wakePlan[d] + 10),
                                    Math.hypot(WAKE_SIGMA, 2));
                            long off = clamp(on + 35 * MINUTE + Rand.jitterMs(r, 1), at(d, wakePlan[d] + 45),
                                    Math.hypot(WAKE_SIGMA, 2.3));
                            v.add(on, off, EventBuffer.DEVICE,
                                    EventBuffer.DEVICE);
                        }
                        if (Rand.chance(r, 0.2)) {
                            Intervals aft = active.clip(at(d, 840), at(d, 960));
                            if (aft.totalLength() > 0) {
                                long s = aft.timeAtOffset((long) (r.nextDouble() * aft.totalLength()));
                                v.add(s, s + Rand.uniformMs(r, 900, 1800), EventBuffer.DEVICE, EventBuffer.DEVICE);
                            }
                        }
                    }
                    int[] on = new int[7];
                    int[] off = new int[7];
                    for (DayOfWeek dw : DayOfWeek.values()) {
                        on[dw.ordinal()] = wakePlanFor(dw) + 10;
                        off[dw.ordinal()] = wakePlanFor(dw) + 45;
                    }
                    routine(sw, "on", on, Math.hypot(WAKE_SIGMA, 2), coffeeMiss.rate(), "coffee maker on after wake-up");
                    routine(sw, "off", off, Math.hypot(WAKE_SIGMA, 2.3), coffeeMiss.rate(),
                            "coffee maker auto-off after 35 minutes");
                }
                case KETTLE -> {
                    for (int d = 0; d < days; d++) {
                        Intervals act = active.clip(wake[d], bed[d]);
                        long len = act.totalLength();
                        int n = Rand.poisson(r, 3.0 * len / (16.0 * HOUR));
                        for (int k = 0; k < n; k++) {
                            long s = act.timeAtOffset((long) (r.nextDouble() * len));
                            v.add(s, s + Rand.uniformMs(r, 150, 240), EventBuffer.DEVICE, EventBuffer.DEVICE);
                        }
                    }
                }
                case DESK -> {
                    boolean remote = hasRemote();
                    if (remote) {
                        // truth: the remote-work session below, every Monday-Friday (not the workers' own days)
                        int[] on = new int[7];
                        int[] off = new int[7];
                        for (DayOfWeek dw : DayOfWeek.values()) {
                            boolean workday = dw.getValue() <= 5;
                            on[dw.ordinal()] = workday ? 510 + 38 : NO_TIME;     // 08:30 + U(0, 75 min)
                            off[dw.ordinal()] = workday ? 1020 + 45 : NO_TIME;   // 17:00 + U(0, 90 min)
                        }
                        routine(sw, "on", on, 75 / Math.sqrt(12), 0, "desk plug on at the start of remote work:"
                                + " uniformly 08:30-09:45 on Monday-Friday (not normal; up to 38 min from 09:08)");
                        routine(sw, "off", off, 90 / Math.sqrt(12), 0, "desk plug off at the end of remote work:"
                                + " uniformly 17:00-18:30 on Monday-Friday (not normal; up to 45 min from 17:45)");
                    }
                    for (int d = 0; d < days; d++) {
                        boolean workday = dow[d].getValue() <= 5;
                        if (remote && workday) {
                            long s = at(d, 510) + (long) (r.nextDouble() * 75 * MINUTE);
                            long e = at(d, 1020) + (long) (r.nextDouble() * 90 * MINUTE);
                            v.add(s, e, EventBuffer.DEVICE, EventBuffer.DEVICE);
                        } else if (Rand.chance(r, 0.4)) {
                            Intervals ev = active.clip(at(d, 1140), at(d, 1320));
                            if (ev.totalLength() > 0) {
                                long s = ev.timeAtOffset((long) (r.nextDouble() * ev.totalLength()));
                                v.add(s, Math.min(bed[d], s + Rand.uniformMs(r, 3600, 7200)), EventBuffer.DEVICE,
                                        EventBuffer.DEVICE);
                            }
                        }
                    }
                }
                case HEATER -> {
                    double p = "heat".equals(climateMode) ? 0.5 : 0.05;
                    if (p >= 0.5) {
                        // truth: the morning use below, on a random half of the days (in cooling mode, on 5% of
                        // the days, it is occasional use and not listed); the evening use is at random times
                        int[] on = new int[7];
                        int[] off = new int[7];
                        for (DayOfWeek dw : DayOfWeek.values()) {
                            on[dw.ordinal()] = wakePlanFor(dw) + 10;    // wake-up + U(0, 20 min)
                            off[dw.ordinal()] = wakePlanFor(dw) + 55;   // ... + U(30, 60 min)
                        }
                        double onJitter = Math.hypot(WAKE_SIGMA, 20 / Math.sqrt(12));
                        consequence(sw, "on", on, onJitter, 1 - p, "heater switched on by hand uniformly 0-20 min after"
                                + " the household wakes up, on a random half of the days (independent draws, not"
                                + " spread evenly)");
                        consequence(sw, "off", off, Math.hypot(onJitter, 30 / Math.sqrt(12)), 1 - p, "heater off after"
                                + " running 30-60 min (uniform) in the morning, on the days it was switched on");
                    }
                    for (int d = 0; d < days; d++) {
                        if (Rand.chance(r, p)) {
                            long s = wake[d] + Rand.uniformMs(r, 0, 1200);
                            v.add(s, s + Rand.uniformMs(r, 1800, 3600), EventBuffer.user(0), EventBuffer.DEVICE);
                        }
                        if (Rand.chance(r, p * 0.6)) {
                            Intervals ev = active.clip(at(d, 1140), bed[d]);
                            if (ev.totalLength() > 0) {
                                long s = ev.timeAtOffset((long) (r.nextDouble() * ev.totalLength()));
                                v.add(s, Math.min(bed[d], s + Rand.uniformMs(r, 1800, 5400)), EventBuffer.user(0),
                                        EventBuffer.user(0));
                            }
                        }
                    }
                }
                case AQUARIUM -> {
                    for (int d = 0; d < days; d++) {
                        v.add(at(d, 540) + Rand.uniformMs(r, 0.2, 2), at(d, 1260) + Rand.uniformMs(r, 0.2, 2),
                                EventBuffer.SCHEDULE, EventBuffer.SCHEDULE);
                    }
                    int[] on = new int[7];
                    int[] off = new int[7];
                    Arrays.fill(on, 540);
                    Arrays.fill(off, 1260);
                    routine(sw, "on", on, 0.05, 0, "aquarium light and pump on by a time automation");
                    routine(sw, "off", off, 0.05, 0, "aquarium off by a time automation");
                }
                default -> {
                    // FRIDGE, NAS, DEHUMIDIFIER, WASHING_MACHINE, DISHWASHER: the plug stays on
                    sw.initialState = "on";
                    binaryIvs.remove(sw);
                }
            }
            if (sw == unusualEntity) {
                v.add(unusualStart, unusualEnd, EventBuffer.DEVICE, EventBuffer.DEVICE);
            }
        }
    }

    // =================================================================================================== other binaries

    private void otherBinary(SplittableRandom r) {
        for (EntityInfo e : m.entities) {
            switch (e.purpose) {
                case FAN -> noise(r, e, "cool".equals(climateMode) ? 0.15 : 0.03, 60, true, 0);
                case WINDOW -> {
                    boolean warm = !"heat".equals(climateMode);
                    Ivs v = ivs(e);
                    for (int d = 0; d < days; d++) {
                        Intervals act = active.clip(wake[d], bed[d]);
                        long len = act.totalLength();
                        int n = Rand.poisson(r, warm ? 2.0 : 1.0);
                        for (int k = 0; k < n && len > 0; k++) {
                            long s = act.timeAtOffset((long) (r.nextDouble() * len));
                            long dur = warm ? Rand.uniformMs(r, 1800, 10_800) : Rand.uniformMs(r, 300, 900);
                            v.add(s, Math.min(s + dur, bed[d]), EventBuffer.DEVICE, EventBuffer.DEVICE);
                        }
                    }
                }
                case OTHER_DOOR -> {
                    Ivs v = ivs(e);
                    boolean garage = "garage_door".equals(e.deviceClass);
                    EntityInfo lock = null;
                    for (EntityInfo l : m.byPurpose(Purpose.OTHER_LOCK)) {
                        if (l.area == e.area) {
                            lock = l;
                        }
                    }
                    for (int d = 0; d < days; d++) {
                        Intervals act = active.clip(wake[d], bed[d]);
                        long len = act.totalLength();
                        int n = Rand.poisson(r, 0.25 * len / (double) HOUR);
                        for (int k = 0; k < n; k++) {
                            long s = act.timeAtOffset((long) (r.nextDouble() * len));
                            long dur = garage ? Rand.uniformMs(r, 60, 400) : Rand.uniformMs(r, 5, 60);
                            v.add(s, s + dur, EventBuffer.DEVICE, EventBuffer.DEVICE);
                            if (lock != null) {
                                ivs(lock).add(s - Rand.uniformMs(r, 3, 15), s + dur + Rand.uniformMs(r, 5, 30),
                                        EventBuffer.DEVICE, EventBuffer.DEVICE);
                            }
                        }
                    }
                }
                default -> {
                }
            }
            if (e == unusualEntity && e.purpose == Purpose.FRONT_DOOR) {
                buf.add(unusualStart, e.index, "on", EventBuffer.DEVICE);
                buf.add(unusualEnd, e.index, "off", EventBuffer.DEVICE);
            }
        }
    }

    // =================================================================================================== sensors

    /** Emits a numeric stream: rounding, minimum change, unavailable blips. */
    final class Numeric {
        final EntityInfo e;
        final int decimals;
        final long minDelta;
        final double scale;
        long last = Long.MIN_VALUE;
        boolean force = true;
        final Intervals blips;
        final Intervals.Cursor cursor;
        boolean inBlip;

        Numeric(EntityInfo e, int decimals, double minDelta, SplittableRandom r, double blipPerDay) {
            this.e = e;
            this.decimals = decimals;
            this.scale = Math.pow(10, decimals);
            this.minDelta = Math.max(1, Math.round(minDelta * scale));
            Intervals b = new Intervals();
            if (blipPerDay > 0) {
                for (int d = 0; d < days; d++) {
                    if (Rand.chance(r, blipPerDay)) {
                        long s = midnight[d] + (long) (r.nextDouble() * 24 * HOUR);
                        b.append(s, s + Rand.uniformMs(r, 60, 900));
                    }
                }
            }
            blips = b;
            cursor = b.cursor();
        }

        void sample(long t, double value) {
            if (cursor.contains(t)) {
                if (!inBlip) {
                    buf.add(t, e.index, "unavailable", EventBuffer.DEVICE);
                    inBlip = true;
                }
                return;
            }
            if (inBlip) {
                inBlip = false;
                force = true;
            }
            long scaled = Math.round(value * scale);
            if (force || Math.abs(scaled - last) >= minDelta) {
                buf.add(t, e.index, buf.numeric(scaled, decimals), EventBuffer.DEVICE);
                last = scaled;
                force = false;
            }
        }

        double lastValue() {
            return last == Long.MIN_VALUE ? Double.NaN : last / scale;
        }
    }

    private int dayOf(long t) {
        int lo = 0;
        int hi = days - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (midnight[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private double seasonalMean(LocalDate d) {
        double lat = Math.abs(latitude);
        double annual = 29 - 0.4 * lat;
        double amp = 0.2 * lat;
        double phase = 2 * Math.PI * (d.getDayOfYear() - 15) / 365.25;
        double sign = latitude >= 0 ? 1 : -1;
        return annual - sign * amp * Math.cos(phase);
    }

    /** Outdoor temperature model without noise: seasonal mean + day offset + daily sinusoid peaking at 14:30. */
    private double outdoorBase(long t) {
        int d = dayOf(t);
        double hour = (t - midnight[d]) / (double) HOUR;
        double amp = 2 + 5 * (1 - cloud[d]);
        return seasonal[d] + dayTempOffset[d] + amp * Math.cos(2 * Math.PI * (hour - 14.5) / 24);
    }

    /** Daylight 0..1 (sun elevation proxy) at time t. */
    private double daylight(long t) {
        int d = dayOf(t);
        if (t <= sunrise[d] || t >= sunset[d]) {
            return 0;
        }
        return Math.sin(Math.PI * (t - sunrise[d]) / (double) (sunset[d] - sunrise[d]));
    }

    private void sensors(SplittableRandom r) {
        long start = buf.windowStart;
        long end = buf.windowEnd;
        long from = Math.max(midnight[0], start - 2 * HOUR);
        for (EntityInfo e : m.entities) {
            SplittableRandom rr = r.split();
            switch (e.purpose) {
                case ROOM_TEMPERATURE -> roomTemperature(rr, e, from, end);
                case ROOM_HUMIDITY -> roomHumidity(rr, e, from, end);
                case ILLUMINANCE -> illuminance(rr, e, from, end);
                case CO2 -> co2(rr, e, from, end);
                case BATTERY -> battery(rr, e, from, end);
                case PLUG_POWER -> plugPower(rr, e, from, end);
                case SIGNAL -> signal(rr, e, from, end);
                default -> {
                }
            }
        }
    }

    /** Radio diagnostics: mains-powered devices report every 3-12 min, battery devices every 15-60 min. */
    private void signal(SplittableRandom r, EntityInfo e, long from, long end) {
        Numeric out = new Numeric(e, 0, 1, r, 0.01);
        double mean = Double.parseDouble(e.initialState);
        boolean battery = false;
        for (EntityInfo x : e.device.entities) {
            battery |= x.purpose == Purpose.BATTERY;
        }
        double sigma = Math.abs(mean) > 40 && mean > 0 ? 12 : 3;
        double noise = 0;
        long t = from + r.nextInt(600_000);
        while (t < end) {
            noise = 0.7 * noise + sigma * 0.7 * r.nextGaussian();
            out.sample(t, mean + noise);
            t += battery ? Rand.uniformMs(r, 900, 3600) : Rand.uniformMs(r, 180, 720);
        }
        e.initialState = fmt(out, 0);
    }

    private double roleWindowFactor(Role role) {
        return switch (role) {
            case LIVING, DINING, KITCHEN, OFFICE, KIDS -> 0.035;
            case BEDROOM, GUEST, GYM, MEDIA -> 0.025;
            case OUTDOOR -> 1.0;
            case BATHROOM, LANDING, ENTRANCE -> 0.012;
            default -> 0.006;
        };
    }

    private void roomTemperature(SplittableRandom r, EntityInfo e, long from, long end) {
        Numeric out = new Numeric(e, 1, 0.1, r, 0.015);
        Role role = e.area.role;
        boolean outdoor = role == Role.OUTDOOR;
        double areaOffset = Rand.uniform(r, -0.8, 0.8) + (role.sleeping() ? -1.0 : 0);
        boolean cooling = "cool".equals(climateMode);
        double temp = cooling ? 25 : 19;
        double noise = 0;
        long t = from + r.nextInt(600_000);
        long prev = t;
        while (t < end) {
            int d = dayOf(t);
            double target;
            if (outdoor) {
                target = outdoorBase(t);
            } else if (comfortOn(d, t)) {
                target = (cooling ? 24 : 21) + areaOffset;
            } else {
                target = cooling ? Math.min(28, outdoorBase(t) - 2) : Math.max(16.5, Math.min(19, outdoorBase(t) + 8));
            }
            if (role == Role.BATHROOM && t > wake[d] && t < wake[d] + 30 * MINUTE) {
                target += 2;
            }
            target += 1.2 * daylight(t) * (outdoor ? 0 : roleWindowFactor(role) * 20);
            double dt = (t - prev) / (double) MINUTE;
            temp += (target - temp) * (1 - Math.exp(-dt / 90.0));
            noise = 0.8 * noise + 0.06 * r.nextGaussian();
            out.sample(t, temp + noise);
            prev = t;
            t += 5 * MINUTE + (long) (r.nextDouble() * 10 * MINUTE);
        }
        e.initialState = fmt(out, 1);
    }

    private void roomHumidity(SplittableRandom r, EntityInfo e, long from, long end) {
        Numeric out = new Numeric(e, 0, 1, r, 0.015);
        Role role = e.area.role;
        double base = Rand.uniform(r, 38, 52);
        double h = base;
        double noise = 0;
        long[] shower = new long[days];
        for (int d = 0; d < days; d++) {
            shower[d] = wake[d] + Rand.uniformMs(r, 300, 1500);
        }
        long t = from + r.nextInt(600_000);
        long prev = t;
        while (t < end) {
            int d = dayOf(t);
            double target = base + 4 * Math.sin(2 * Math.PI * (t - midnight[d]) / (double) (24 * HOUR));
            if (role == Role.BATHROOM && t >= shower[d] && t < shower[d] + 15 * MINUTE) {
                target = 85;
            }
            if (role == Role.KITCHEN && eveningHome[d] && t >= cookFrom[d] + 30 * MINUTE && t < cookTo[d] + 30 * MINUTE) {
                target += 10;
            }
            double dt = (t - prev) / (double) MINUTE;
            double tau = target > h ? 8 : 30;
            h += (target - h) * (1 - Math.exp(-dt / tau));
            noise = 0.7 * noise + 0.5 * r.nextGaussian();
            out.sample(t, Math.max(15, Math.min(99, h + noise)));
            prev = t;
            t += 5 * MINUTE + (long) (r.nextDouble() * 10 * MINUTE);
        }
        e.initialState = fmt(out, 0);
    }

    private void illuminance(SplittableRandom r, EntityInfo e, long from, long end) {
        Numeric out = new Numeric(e, 0, 1, r, 0.01);
        double factor = roleWindowFactor(e.area.role);
        Intervals lights = areaLightOn.getOrDefault(e.area.index, new Intervals());
        Intervals.Cursor lc = lights.cursor();
        double lightLux = Rand.uniform(r, 150, 350);
        long t = from + r.nextInt(300_000);
        long lastEmitT = 0;
        while (t < end) {
            int d = dayOf(t);
            double outdoorLux = 20000 * daylight(t) * (0.25 + 0.75 * (1 - cloud[d]));
            double v = factor * outdoorLux + (lc.contains(t) ? lightLux : 0);
            v *= 1 + 0.05 * r.nextGaussian();
            long before = out.last;
            double rel = Math.abs(v - out.lastValue()) / Math.max(1, out.lastValue());
            if (Double.isNaN(out.lastValue()) || rel >= 0.1 || t - lastEmitT > HOUR) {
                out.sample(t, Math.max(0, v));
                if (out.last != before) {
                    lastEmitT = t;
                }
            }
            t += 3 * MINUTE + (long) (r.nextDouble() * 5 * MINUTE);
        }
        e.initialState = fmt(out, 0);
    }

    private void co2(SplittableRandom r, EntityInfo e, long from, long end) {
        Numeric out = new Numeric(e, 0, 10, r, 0.01);
        Role role = e.area.role;
        Intervals windows = areaWindowOpen.getOrDefault(e.area.index, new Intervals());
        Intervals.Cursor wc = windows.cursor();
        Intervals.Cursor ac = active.cursor();
        Intervals.Cursor sc = asleep.cursor();
        double c = 500;
        long t = from + r.nextInt(300_000);
        long prev = t;
        while (t < end) {
            boolean awakeHome = ac.contains(t);
            boolean sleeping = sc.contains(t);
            double target = 430;
            if (sleeping && role.sleeping()) {
                target = 1150;
            } else if (awakeHome && (role == Role.LIVING || role == Role.OFFICE || role == Role.KITCHEN
                    || role == Role.KIDS)) {
                target = 800;
            } else if (awakeHome) {
                target = 600;
            }
            if (wc.contains(t)) {
                target = 450;
            }
            double dt = (t - prev) / (double) MINUTE;
            c += (target - c) * (1 - Math.exp(-dt / 45.0));
            out.sample(t, c + 8 * r.nextGaussian());
            prev = t;
            t += 5 * MINUTE + r.nextInt(30_000);
        }
        e.initialState = fmt(out, 0);
    }

    private void battery(SplittableRandom r, EntityInfo e, long from, long end) {
        int level = Integer.parseInt(e.initialState);
        double meanDays = Rand.uniform(r, 1.5, 4);
        long t = from + (long) (r.nextDouble() * meanDays * 24 * HOUR);
        buf.add(from + r.nextInt(3_600_000), e.index, Integer.toString(level), EventBuffer.DEVICE);
        while (t < end) {
            level = level <= 5 || Rand.chance(r, 0.003) ? 100 : level - 1;
            buf.add(t, e.index, Integer.toString(level), EventBuffer.DEVICE);
            t += (long) (-Math.log(1 - r.nextDouble()) * meanDays * 24 * HOUR) + MINUTE;
        }
        e.initialState = Integer.toString(level);
    }

    /** Power model of a plug's appliance, sampled while the plug is on. */
    private final class PowerModel {
        final Appliance app;
        final SplittableRandom r;
        long phaseEnd;
        boolean running;
        double level;
        long cycleStart = Long.MIN_VALUE;
        long cycleEnd = Long.MIN_VALUE;
        int nextDay = -1;
        boolean inProgramme;

        PowerModel(Appliance app, SplittableRandom r) {
            this.app = app;
            this.r = r;
            this.level = switch (app) {
                case NAS -> 40;
                case DESK -> 90;
                default -> 0;
            };
        }

        /** Watts at t, given the plug turned on at onSince. */
        double power(long t, long onSince) {
            long since = t - onSince;
            switch (app) {
                case COFFEE_MAKER -> {
                    if (since < 5 * MINUTE) {
                        return 1100 + 30 * r.nextGaussian();
                    }
                    return cycle(t, 60, 150, 30, 90, 80) + (running ? 4 * r.nextGaussian() : 0);
                }
                case KETTLE -> {
                    return 2000 + 40 * r.nextGaussian();
                }
                case FRIDGE -> {
                    double p = cycle(t, 900, 1500, 1200, 2400, 95);
                    return running ? p + 3 * r.nextGaussian() : 1.0;
                }
                case DEHUMIDIFIER -> {
                    double p = cycle(t, 1800, 3600, 3600, 7200, 200);
                    return running ? p + 8 * r.nextGaussian() : 1.5;
                }
                case NAS -> {
                    level += 0.3 * (40 - level) + 2.5 * r.nextGaussian();
                    return Math.max(20, level);
                }
                case DESK -> {
                    level += 0.2 * (110 - level) + 15 * r.nextGaussian();
                    return Math.max(40, level);
                }
                case HEATER -> {
                    double p = cycle(t, 240, 420, 120, 240, 1500);
                    return running ? p + 20 * r.nextGaussian() : 0.5;
                }
                case AQUARIUM -> {
                    return 18 + 0.4 * r.nextGaussian();
                }
                case WASHING_MACHINE, DISHWASHER -> {
                    return programme(t);
                }
                default -> {
                    return 0;
                }
            }
        }

        /** On/off duty cycle: on for [onMin,onMax] s at watts, off for [offMin,offMax] s. */
        private double cycle(long t, double onMin, double onMax, double offMin, double offMax, double watts) {
            while (t >= phaseEnd) {
                running = !running;
                long base = Math.max(phaseEnd, t - 10 * MINUTE);
                phaseEnd = base + (running ? Rand.uniformMs(r, onMin, onMax) : Rand.uniformMs(r, offMin, offMax));
            }
            return running ? watts : 0;
        }

        /** Washing machine / dishwasher programmes on some days, idle otherwise. */
        private double programme(long t) {
            if (t >= cycleEnd) {
                if (nextDay < 0) {
                    nextDay = dayOf(t);
                }
                cycleStart = Long.MAX_VALUE;
                cycleEnd = Long.MAX_VALUE;
                boolean wash = app == Appliance.WASHING_MACHINE;
                while (nextDay < days) {
                    int d = nextDay++;
                    if (Rand.chance(r, wash ? 0.35 : 0.6)) {
                        long s = wash ? at(d, 540) + (long) (r.nextDouble() * 600 * MINUTE)
                                : at(d, 1170) + (long) (r.nextDouble() * 150 * MINUTE);
                        if (s > t) {
                            cycleStart = s;
                            cycleEnd = s + (wash ? Rand.uniformMs(r, 3600, 7200) : Rand.uniformMs(r, 5400, 9000));
                            break;
                        }
                    }
                }
            }
            inProgramme = t >= cycleStart && t < cycleEnd;
            if (!inProgramme) {
                return app == Appliance.WASHING_MACHINE ? 0.5 : 0.4;
            }
            double x = (t - cycleStart) / (double) (cycleEnd - cycleStart);
            if (x < 0.08) {
                return 12 + r.nextGaussian();
            }
            if (x < 0.3) {
                return 1950 + 40 * r.nextGaussian();
            }
            if (x < 0.8) {
                return 120 + 90 * Math.abs(r.nextGaussian());
            }
            return app == Appliance.WASHING_MACHINE ? 380 + 60 * r.nextGaussian() : 8 + r.nextGaussian();
        }

        long interval() {
            return switch (app) {
                case COFFEE_MAKER, KETTLE, HEATER -> 10 * SECOND;
                case WASHING_MACHINE, DISHWASHER -> inProgramme ? 15 * SECOND : 60 * SECOND;
                case FRIDGE, DEHUMIDIFIER -> 30 * SECOND;
                case DESK -> 30 * SECOND;
                default -> 60 * SECOND;
            };
        }
    }

    private void plugPower(SplittableRandom r, EntityInfo power, long from, long end) {
        EntityInfo sw = power.source;
        EntityInfo energy = null;
        for (EntityInfo e : power.device.entities) {
            if (e.purpose == Purpose.PLUG_ENERGY) {
                energy = e;
            }
        }
        Appliance app = sw.device.appliance;
        Intervals on = onIntervals.get(sw);
        if (on == null) {
            on = Intervals.of(from, end);   // always-on plug
        }
        Numeric pOut = new Numeric(power, 1, 1.0, r, 0.01);
        double kwh = Rand.uniform(r, 20, 900);
        long lastCents = (long) Math.floor(kwh * 100);
        PowerModel model = new PowerModel(app, r);
        pOut.sample(from, 0.0);
        if (energy != null) {
            buf.add(from, energy.index, buf.numeric(lastCents, 2), EventBuffer.DEVICE);
        }
        for (int i = 0; i < on.size(); i++) {
            long s = Math.max(on.start(i), from);
            long e = Math.min(on.end(i), end);
            if (e <= s) {
                continue;
            }
            long t = s + Rand.uniformMs(r, 0.5, 2);
            long prev = t;
            double prevW = 0;
            while (t < e) {
                double w = Math.max(0, model.power(t, on.start(i)));
                kwh += (prevW + w) / 2 * (t - prev) / (double) HOUR / 1000.0;
                pOut.sample(t, w);
                long cents = (long) Math.floor(kwh * 100);
                if (energy != null && cents > lastCents) {
                    buf.add(t, energy.index, buf.numeric(cents, 2), EventBuffer.DEVICE);
                    lastCents = cents;
                }
                prev = t;
                prevW = w;
                t += model.interval() + r.nextInt(2000);
            }
            pOut.sample(e + Rand.uniformMs(r, 0.5, 2), 0.0);
        }
        power.initialState = fmt(pOut, 1);
        if (energy != null) {
            energy.initialState = EventBuffer.format(lastCents, 2);
        }
    }

    private static String fmt(Numeric n, int decimals) {
        return n.last == Long.MIN_VALUE ? n.e.initialState : EventBuffer.format(n.last, decimals);
    }

    // =================================================================================================== services

    private void services(SplittableRandom r) {
        long from = Math.max(midnight[0], buf.windowStart - 2 * HOUR);
        long end = buf.windowEnd;
        EntityInfo temp = m.first(Purpose.OUTDOOR_TEMPERATURE);
        EntityInfo hum = m.first(Purpose.OUTDOOR_HUMIDITY);
        if (temp != null) {
            Numeric tOut = new Numeric(temp, 1, 0.1, r, 0);
            Numeric hOut = hum == null ? null : new Numeric(hum, 0, 1, r, 0);
            double noise = 0;
            long t = from - Math.floorMod(from, 10 * MINUTE) + 10 * MINUTE + r.nextInt(30_000);
            while (t < end) {
                noise = 0.95 * noise + 0.25 * r.nextGaussian();
                double v = outdoorBase(t) + noise;
                tOut.sample(t, v);
                if (hOut != null) {
                    int d = dayOf(t);
                    double rh = 72 - 3.0 * (v - seasonal[d] - dayTempOffset[d]) + 15 * (cloud[d] - 0.5)
                            + 2 * r.nextGaussian();
                    hOut.sample(t + 200, Math.max(20, Math.min(100, rh)));
                }
                t += 10 * MINUTE;
            }
            temp.initialState = fmt(tOut, 1);
            if (hum != null) {
                hum.initialState = fmt(hOut, 0);
            }
        }
        EntityInfo price = m.first(Purpose.PRICE);
        if (price != null) {
            String unit = String.valueOf(price.attributes.get("unit_of_measurement"));
            double base = unit.startsWith("USD") ? 0.15 : unit.startsWith("AUD") ? 0.30 : unit.startsWith("GBP")
                    ? 0.24 : 0.25;
            ZonedDateTime h = Instant.ofEpochMilli(from).atZone(zone).withMinute(0).withSecond(0).withNano(0);
            String last = null;
            while (h.toInstant().toEpochMilli() < end) {
                int hour = h.getHour();
                boolean weekend = h.getDayOfWeek().getValue() >= 6;
                double tou = hour >= 23 || hour < 7 ? 0.6 : !weekend && hour >= 17 && hour < 21 ? 1.75 : 1.0;
                double v = base * tou * (1 + Rand.uniform(r, -0.1, 0.1));
                long scaled = Math.round(v * 10_000);
                buf.add(h.toInstant().toEpochMilli() + r.nextInt(5000), price.index, buf.numeric(scaled, 4),
                        EventBuffer.DEVICE);
                last = EventBuffer.format(scaled, 4);
                h = h.plusHours(1);
            }
            if (last != null) {
                price.initialState = last;
            }
        }
    }

    private void meter(SplittableRandom r) {
        EntityInfo power = m.first(Purpose.METER_POWER);
        if (power == null) {
            return;
        }
        EntityInfo energy = m.first(Purpose.METER_ENERGY);
        long from = Math.max(midnight[0], buf.windowStart - 10 * MINUTE);
        long end = buf.windowEnd;
        Numeric pOut = new Numeric(power, 0, 3, r, 0.005);
        List<EntityInfo> phaseEntities = m.byPurpose(Purpose.METER_PHASE);
        Numeric[] phases = new Numeric[phaseEntities.size()];
        double[] share = new double[phases.length];
        for (int i = 0; i < phases.length; i++) {
            phases[i] = new Numeric(phaseEntities.get(i), 0, 3, r, 0);
            share[i] = 1.0 / phases.length;
        }
        Intervals.Cursor ac = active.cursor();
        Intervals.Cursor sc = asleep.cursor();
        double kwh = Rand.uniform(r, 3000, 30000);
        long lastCents = (long) Math.floor(kwh * 100);
        double noise = 0;
        double spike = 0;
        double base = Rand.uniform(r, 100, 220);
        long t = from + r.nextInt(10_000);
        long prev = t;
        double prevW = base;
        while (t < end) {
            int d = dayOf(t);
            double w = base;
            if (ac.contains(t)) {
                w += 220;
            } else if (sc.contains(t)) {
                w += 50;
            }
            if (eveningHome[d] && t >= cookFrom[d] && t < cookTo[d]) {
                w += 1400;
            }
            if (spike > 1) {
                spike *= 0.9;
            } else if (Rand.chance(r, 0.002)) {
                spike = Rand.uniform(r, 500, 2500);
            }
            noise = 0.85 * noise + 12 * r.nextGaussian();
            w = Math.max(40, w + noise + spike);
            pOut.sample(t, w);
            if (phases.length > 0) {
                double sum = 0;
                for (int i = 0; i < phases.length; i++) {
                    share[i] = Math.max(0.05, share[i] + 0.01 * r.nextGaussian() + 0.02 * (1.0 / phases.length
                            - share[i]));
                    sum += share[i];
                }
                for (int i = 0; i < phases.length; i++) {
                    phases[i].sample(t + 100 * (i + 1), w * share[i] / sum + 4 * r.nextGaussian());
                }
            }
            kwh += (prevW + w) / 2 * (t - prev) / (double) HOUR / 1000.0;
            long cents = (long) Math.floor(kwh * 100);
            if (energy != null && cents > lastCents) {
                buf.add(t, energy.index, buf.numeric(cents, 2), EventBuffer.DEVICE);
                lastCents = cents;
            }
            prev = t;
            prevW = w;
            t += METER_INTERVAL_MS + r.nextInt(1000);
        }
        power.initialState = fmt(pOut, 0);
        if (energy != null) {
            energy.initialState = EventBuffer.format(lastCents, 2);
        }
        for (Numeric ph : phases) {
            ph.e.initialState = fmt(ph, 0);
        }
    }

    // =================================================================================================== truth

    /**
     * Records a routine: {@code minuteByDow[dayOfWeek.ordinal()]} is its planned local minute on that day
     * (NO_TIME if not planted); days with the same minute form one {@link PlantedRoutine}.
     */
    private void routine(EntityInfo e, String state, int[] minuteByDow, double jitter, double miss, String desc) {
        record(routines, e, state, minuteByDow, jitter, miss, desc);
    }

    /** As {@link #routine}, for what is scheduled relative to a planted routine. */
    private void consequence(EntityInfo e, String state, int[] minuteByDow, double jitter, double miss, String desc) {
        record(consequences, e, state, minuteByDow, jitter, miss, desc);
    }

    private static void record(List<PlantedRoutine> into, EntityInfo e, String state, int[] minuteByDow, double jitter,
                               double miss, String desc) {
        TreeMap<Integer, EnumSet<DayOfWeek>> groups = new TreeMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            int mm = minuteByDow[d.ordinal()];
            if (mm == NO_TIME) {
                continue;
            }
            // a time past midnight belongs to the next calendar day
            DayOfWeek day = mm >= 1440 ? d.plus(1) : d;
            groups.computeIfAbsent(Math.floorMod(mm, 1440), k -> EnumSet.noneOf(DayOfWeek.class)).add(day);
        }
        for (Map.Entry<Integer, EnumSet<DayOfWeek>> g : groups.entrySet()) {
            into.add(new PlantedRoutine(e.entityId, state, hhmm(g.getKey()), DayMask.of(g.getValue()),
                    DayMask.sorted(g.getValue()), Math.round(jitter * 100) / 100.0, miss, desc));
        }
    }

    private void plantSequences() {
        for (EntityInfo light : m.byPurpose(Purpose.MOTION_LIGHT)) {
            EntityInfo mo = light.partner;
            sequences.add(PlantedSequence.of(List.of(new Step(mo.entityId, "on", 0, 0, 0),
                            new Step(light.entityId, "on", 2.5, 1, 10)), "only when the light is off",
                    "motion turns on " + light.name + " within seconds (automation)"));
            sequences.add(PlantedSequence.of(List.of(new Step(mo.entityId, "off", 0, 0, 0),
                            new Step(light.entityId, "off", 210, 120, 300)), "unless motion resumes",
                    light.name + " turns off 2-5 min after motion clears (automation)"));
        }
        EntityInfo door = m.first(Purpose.FRONT_DOOR);
        EntityInfo lock = m.first(Purpose.FRONT_LOCK);
        if (door != null && lock != null) {
            sequences.add(PlantedSequence.of(List.of(new Step(door.entityId, "off", 0, 0, 0),
                            new Step(lock.entityId, "locked", 35, 10, 60)), "when the last person leaves",
                    "front door closed, then auto-lock (automation)"));
        }
        EntityInfo entry = entryMotion(door);
        for (Person p : m.persons) {
            sequences.add(PlantedSequence.of(List.of(new Step(p.tracker.entityId, "home", 0, 0, 0),
                            new Step(p.person.entityId, "home", 0.8, 0.05, 1.6)), "also for not_home and Work",
                    p.displayName + "'s person entity follows the phone's tracker"));
            List<Step> chain = new ArrayList<>();
            chain.add(new Step(p.tracker.entityId, "home", 0, 0, 0));
            if (lock != null) {
                chain.add(new Step(lock.entityId, "unlocked", 75, 30, 120));
            }
            if (door != null) {
                chain.add(lock != null ? new Step(door.entityId, "on", 17.5, 5, 30)
                        : new Step(door.entityId, "on", 75, 30, 120));
            }
            if (entry != null && door != null) {
                chain.add(new Step(entry.entityId, "on", 6, 2, 10));
                if (entry.partner != null) {
                    chain.add(new Step(entry.partner.entityId, "on", 2.5, 1, 10));
                }
            }
            if (chain.size() >= 2) {
                sequences.add(PlantedSequence.of(chain, lock != null
                                ? "lock step only when the home was empty" : null,
                        p.displayName + " arrives home: phone, lock, front door, entrance"));
            }
        }
        EntityInfo wakeLight = m.first(Purpose.WAKE_LIGHT);
        EntityInfo coffee = null;
        for (EntityInfo sw : m.byPurpose(Purpose.PLUG_SWITCH)) {
            if (sw.device.appliance == Appliance.COFFEE_MAKER) {
                coffee = sw;
            }
        }
        if (wakeLight != null && coffee != null) {
            sequences.add(PlantedSequence.of(List.of(new Step(wakeLight.entityId, "on", 0, 0, 0),
                            new Step(coffee.entityId, "on", 600, 300, 900)), "mornings",
                    "wake-up: bedroom light, then coffee maker about 10 min later"));
        }
        List<Step> bedtime = new ArrayList<>();
        EntityInfo tv = m.first(Purpose.MAIN_TV);
        EntityInfo evening = m.first(Purpose.EVENING_LIGHT);
        EntityInfo dinner = m.first(Purpose.DINNER_LIGHT);
        if (tv != null) {
            bedtime.add(new Step(tv.entityId, "off", 0, 0, 0));
        }
        if (evening != null) {
            bedtime.add(bedtime.isEmpty() ? new Step(evening.entityId, "off", 0, 0, 0)
                    : new Step(evening.entityId, "off", 600, 300, 900));
        }
        if (dinner != null) {
            bedtime.add(bedtime.isEmpty() ? new Step(dinner.entityId, "off", 0, 0, 0)
                    : evening != null ? new Step(dinner.entityId, "off", 30, 0, 60)
                    : new Step(dinner.entityId, "off", 600, 300, 900));
        }
        if (wakeLight != null && !bedtime.isEmpty()) {
            bedtime.add(new Step(wakeLight.entityId, "on", 90, 0, 180));
        }
        if (bedtime.size() >= 2) {
            sequences.add(PlantedSequence.of(bedtime, "evenings when someone is home",
                    "bedtime: TV off, living and kitchen lights off within a minute, bedroom light on"));
        }
    }

    // =================================================================================================== results

    Map<String, Object> climateStateAttributes(EntityInfo e, String state) {
        Map<Integer, Map<String, Object>> by = stateAttributes.get(e);
        return by == null ? null : by.get(buf.state(state));
    }

    /** The home's latitude: a representative city of its time zone (also where {@link Sun} puts the home). */
    static double latitude(ZoneId zone) {
        String id = zone.getId();
        if (id.startsWith("Australia/") || id.equals("Pacific/Auckland") || id.startsWith("America/Argentina")
                || id.equals("America/Sao_Paulo") || id.equals("Africa/Johannesburg") || id.equals("America/Santiago")) {
            return -35;
        }
        return switch (id) {
            case "Europe/Madrid", "Europe/Lisbon", "Europe/Rome", "Europe/Athens", "Europe/Istanbul" -> 40;
            case "Europe/Oslo", "Europe/Stockholm", "Europe/Helsinki" -> 60;
            case "America/Los_Angeles" -> 34;
            case "America/Phoenix" -> 33;
            case "America/Anchorage" -> 61;
            case "Asia/Tokyo" -> 36;
            case "Asia/Singapore" -> 1;
            case "Asia/Kolkata" -> 22;
            default -> id.startsWith("Europe/") ? 50 : id.startsWith("America/") ? 41 : 48;
        };
    }
}
