package io.hestia.pattern.eval;

import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.hestia.pattern.mining.AnomalyDetector;
import io.hestia.pattern.mining.EventFeed;
import io.hestia.pattern.mining.HomeModel;
import io.hestia.pattern.mining.MinedAnomaly;
import io.hestia.pattern.mining.MinedPattern;
import io.hestia.pattern.mining.RoutineDetector;
import io.hestia.pattern.mining.StateVocabulary;
import io.hestia.training.synthetic.GroundTruth;
import io.hestia.training.synthetic.PlantedAnomaly;
import io.hestia.training.synthetic.PlantedRoutine;
import io.hestia.training.synthetic.PlantedSequence;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;

/**
 * Scores {@link RoutineDetector} and {@link AnomalyDetector} against a synthetic home's planted ground truth.
 *
 * <p><b>Routine match.</b> A mined {@code time_of_day} pattern matches a planted routine when it has the same entity
 * and state, its typical time is within {@link #MAX_TIME_ERROR_MINUTES} minutes of the planted time on the
 * 1,440-minute circle, and its day set is compatible: with M the mined days and P the planted days,
 * {@code |M ∩ P| ≥ 0.75 |P|} and {@code |M ∩ P| ≥ 0.75 |M|} (so weekdays vs. Monday–Thursday is compatible,
 * weekdays vs. every day is not).
 * <ul>
 *   <li><b>recall</b>: share of planted routines matched by at least one mined pattern;</li>
 *   <li><b>precision (strict)</b>: share of mined patterns that match an entry the ground truth lists: a planted
 *       routine, or a listed consequence ({@code GroundTruth.consequences()}: what the generator schedules as a
 *       fixed offset from a planted routine, such as a bathroom visit 1-5 minutes after the wake-up; listed with its
 *       own time and days, matched by the same rule, but not counted for recall);</li>
 *   <li><b>precision with derived</b>: as strict, but a mined pattern that matches no planted routine also counts as
 *       correct when it is a regularity caused by a <em>found</em> planted routine R (one some mined pattern
 *       matched), with a day set compatible with R's (same rule as above) and either
 *       <ol>
 *         <li>(same entity) the same entity as R in another state, within 15 minutes of R's planted time (e.g. a
 *             cover's {@code opening} just before its planted {@code open}, a media player's {@code on} before its
 *             planted {@code playing}); or</li>
 *         <li>(planted sequence) the entity and state of a later step of a planted sequence in which R's entity
 *             and state is an earlier step, with the typical time within 15 minutes plus the summed maximum lags
 *             of the steps in between after R's planted time (e.g. the person entity following the phone's tracker,
 *             the coffee maker after the wake-up light, the lock and door after arriving home); or</li>
 *         <li>(presence side effect) R is a person's or phone tracker's routine (leaving or coming home) and the
 *             mined entity is one of the home's entry entities, i.e. a non-tracker, non-person step of a planted
 *             arrival sequence (front lock, front door, entrance motion and light), any state, within 15 minutes
 *             of R's time either way: {@code GroundTruth} documents the front door opening around a planted
 *             departure as a consequence it does not list; or</li>
 *         <li>(home empties) R is a person's {@code not_home} ({@code home}) routine and the mined pattern is the
 *             front lock turning {@code locked} ({@code unlocked}) within 15 minutes of R's time either way, on
 *             days compatible not with R's days but with the days on which every other person is away at R's time
 *             according to their planted routines (see {@code homeEmptyDays}): the generator locks only when the
 *             last person leaves and unlocks only when the first one comes back, so the lock's day set is the
 *             intersection of the household's absences, not one person's days.</li>
 *       </ol>
 *       Nothing else counts: mined patterns the ground truth does not explain stay wrong even when they look
 *       plausible (e.g. a kettle that happened to be used at a similar time on many evenings).</li>
 *   <li><b>time error</b>: for each matched planted routine, the smallest circular distance between the planted
 *       time and a matching mined typical time; mean and max over matched routines.</li>
 * </ul>
 *
 * <p><b>Anomaly recall</b>: a planted anomaly is found when a mined anomaly (any kind) concerns the same entity and
 * its [start, end) overlaps the planted [start, end). Mined anomalies are counted but not scored for precision (the
 * generator's normal noise has no "not anomalous" labels).
 */
public final class SyntheticEvaluation {

    public static final int MAX_TIME_ERROR_MINUTES = 15;

    private SyntheticEvaluation() {
    }

    /**
     * One home's scores.
     *
     * @param seed                 spec seed
     * @param type                 home type id
     * @param devices              device count
     * @param events               events fed
     * @param planted              planted routines
     * @param found                planted routines matched
     * @param mined                mined time-of-day patterns
     * @param minedCorrect         mined patterns matching a planted routine or a listed consequence
     * @param minedDerived         further mined patterns explained by a found planted routine (see class javadoc)
     * @param meanTimeErrorMinutes mean time error over matched routines
     * @param maxTimeErrorMinutes  max time error over matched routines
     * @param anomaliesPlanted     planted anomalies
     * @param anomaliesFound       planted anomalies found
     * @param anomaliesMined       mined anomalies (all kinds)
     * @param missed               planted routines not found, readable
     * @param unexplained          mined patterns neither matched nor derived, readable
     * @param missedAnomalies      planted anomalies not found, readable
     * @param millis               time to feed the detectors and collect the results
     * @param matchedSpreads       spreads (minutes) of the mined patterns that match a planted routine
     * @param anomalyKinds         mined anomalies per kind
     */
    public record Result(long seed, String type, int devices, long events, int planted, int found, int mined,
                         int minedCorrect, int minedDerived, double meanTimeErrorMinutes, double maxTimeErrorMinutes,
                         int anomaliesPlanted, int anomaliesFound, int anomaliesMined, List<String> missed,
                         List<String> unexplained, List<String> missedAnomalies, long millis,
                         List<Double> matchedSpreads, java.util.Map<String, Integer> anomalyKinds) {

        public double recall() {
            return planted == 0 ? 1 : found / (double) planted;
        }

        public double precision() {
            return mined == 0 ? 1 : minedCorrect / (double) mined;
        }

        public double precisionWithDerived() {
            return mined == 0 ? 1 : (minedCorrect + minedDerived) / (double) mined;
        }

        public double anomalyRecall() {
            return anomaliesPlanted == 0 ? 1 : anomaliesFound / (double) anomaliesPlanted;
        }
    }

    /** Evaluates with default parameters. */
    public static Result run(SyntheticSpec spec) {
        return run(spec, RoutineDetector.Params.defaults(), AnomalyDetector.Params.defaults());
    }

    public static Result run(SyntheticSpec spec, RoutineDetector.Params routineParams,
                             AnomalyDetector.Params anomalyParams) {
        SyntheticHome sh = SyntheticHomeGenerator.generate(spec);
        long end = spec.end().toEpochMilli();
        long start = end - spec.days() * 86_400_000L;
        HomeModel model = EventFeed.model(sh.home());
        StateVocabulary vocab = new StateVocabulary();
        long t0 = System.nanoTime();
        RoutineDetector routines = new RoutineDetector(model, vocab, routineParams, start, end);
        AnomalyDetector anomalies = new AnomalyDetector(model, vocab, anomalyParams, start, end);
        EventFeed.feed(sh.home(), model, vocab, List.of(routines, anomalies));
        List<MinedPattern> patterns = routines.results();
        List<MinedAnomaly> mined = anomalies.results();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return score(spec, sh, patterns, mined, millis);
    }

    static Result score(SyntheticSpec spec, SyntheticHome sh, List<MinedPattern> patterns, List<MinedAnomaly> mined,
                        long millis) {
        GroundTruth truth = sh.truth();
        List<PlantedRoutine> planted = truth.routines();
        boolean[] plantedFound = new boolean[planted.size()];
        boolean[] minedMatched = new boolean[patterns.size()];
        double errSum = 0;
        double errMax = 0;
        int found = 0;
        List<String> missed = new ArrayList<>();
        for (int r = 0; r < planted.size(); r++) {
            PlantedRoutine pr = planted.get(r);
            double best = Double.MAX_VALUE;
            for (int m = 0; m < patterns.size(); m++) {
                MinedPattern mp = patterns.get(m);
                if (matches(mp, pr)) {
                    minedMatched[m] = true;
                    best = Math.min(best, Math.abs(delta(minute(mp), pr.minuteOfDay())));
                }
            }
            if (best != Double.MAX_VALUE) {
                plantedFound[r] = true;
                found++;
                errSum += best;
                errMax = Math.max(errMax, best);
            } else {
                missed.add(pr.entityId() + " " + pr.state() + " " + pr.localTime() + " " + pr.days() + " ("
                        + pr.description() + ")");
            }
        }
        int correct = 0;
        int derived = 0;
        List<Double> matchedSpreads = new ArrayList<>();
        for (int m = 0; m < patterns.size(); m++) {
            if (!minedMatched[m]) {
                for (PlantedRoutine c : truth.consequences()) {
                    if (matches(patterns.get(m), c)) {
                        minedMatched[m] = true;
                        break;
                    }
                }
            }
        }
        for (int m = 0; m < patterns.size(); m++) {
            if (minedMatched[m]) {
                matchedSpreads.add(((Number) patterns.get(m).details().get("spread_minutes")).doubleValue());
            }
        }
        List<String> unexplained = new ArrayList<>();
        for (int m = 0; m < patterns.size(); m++) {
            MinedPattern mp = patterns.get(m);
            if (minedMatched[m]) {
                correct++;
            } else if (derived(mp, planted, plantedFound, truth.sequences())) {
                derived++;
            } else {
                unexplained.add(mp.entityIds().get(0) + " " + mp.state() + " " + mp.details().get("typical_time")
                        + " " + mp.details().get("days") + " spread " + mp.details().get("spread_minutes")
                        + " chance 1e" + mp.details().get("chance_log10") + " " + mp.details().get("days_matched")
                        + "/" + mp.details().get("days_observed"));
            }
        }
        int anomaliesFound = 0;
        List<String> missedAnomalies = new ArrayList<>();
        for (PlantedAnomaly pa : truth.anomalies()) {
            long ps = OffsetDateTime.parse(pa.start()).toInstant().toEpochMilli();
            long pe = OffsetDateTime.parse(pa.end()).toInstant().toEpochMilli();
            boolean hit = false;
            for (MinedAnomaly a : mined) {
                if (a.entityId().equals(pa.entityId()) && a.startMs() < pe && a.endMs() > ps) {
                    hit = true;
                    break;
                }
            }
            if (hit) {
                anomaliesFound++;
            } else {
                missedAnomalies.add(pa.kind() + " " + pa.entityId() + " " + pa.start());
            }
        }
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        for (MinedAnomaly a : mined) {
            kinds.merge(a.kind(), 1, Integer::sum);
        }
        int devices = sh.home().devices().size();
        return new Result(spec.seed(), spec.type() == null ? "drawn" : spec.type().id(), devices,
                sh.home().events().size(), planted.size(), found, patterns.size(), correct, derived,
                found == 0 ? 0 : errSum / found, errMax, truth.anomalies().size(), anomaliesFound, mined.size(),
                missed, unexplained, missedAnomalies, millis, matchedSpreads, kinds);
    }

    static boolean matches(MinedPattern mp, PlantedRoutine pr) {
        return mp.entityIds().get(0).equals(pr.entityId()) && pr.state().equals(mp.state())
                && Math.abs(delta(minute(mp), pr.minuteOfDay())) <= MAX_TIME_ERROR_MINUTES
                && compatible(days(mp), EnumSet.copyOf(pr.days()));
    }

    private static boolean derived(MinedPattern mp, List<PlantedRoutine> planted, boolean[] found,
                                   List<PlantedSequence> sequences) {
        String entity = mp.entityIds().get(0);
        Set<DayOfWeek> days = days(mp);
        for (int r = 0; r < planted.size(); r++) {
            PlantedRoutine pr = planted.get(r);
            if (!found[r]) {
                continue;
            }
            double lag = delta(minute(mp), pr.minuteOfDay());
            if (homeEmptyLock(mp, pr, lag, planted, sequences)) {
                return true;
            }
            if (!compatible(days, EnumSet.copyOf(pr.days()))) {
                continue;
            }
            if (pr.entityId().equals(entity) && Math.abs(lag) <= MAX_TIME_ERROR_MINUTES) {
                return true;
            }
            if (presence(pr.entityId()) && Math.abs(lag) <= MAX_TIME_ERROR_MINUTES
                    && entryEntities(sequences).contains(entity)) {
                return true;
            }
            for (PlantedSequence s : sequences) {
                List<PlantedSequence.Step> steps = s.steps();
                for (int i = 0; i < steps.size(); i++) {
                    if (!steps.get(i).entityId().equals(pr.entityId()) || !steps.get(i).state().equals(pr.state())) {
                        continue;
                    }
                    double maxLag = 0;
                    for (int j = i + 1; j < steps.size(); j++) {
                        maxLag += steps.get(j).maxLagSeconds() / 60.0;
                        if (steps.get(j).entityId().equals(entity) && steps.get(j).state().equals(mp.state())
                                && lag >= -MAX_TIME_ERROR_MINUTES && lag <= MAX_TIME_ERROR_MINUTES + maxLag) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * Rule 4 (home empties or is first re-entered): R is a person's {@code not_home} (or {@code home}) routine, the
     * mined pattern is the front lock, i.e. a {@code lock.} entity among {@link #entryEntities}, turning
     * {@code locked} (or {@code unlocked}) within 15 minutes of R's time either way, and its days are compatible
     * with {@link #homeEmptyDays}: the generator locks only when the last person leaves and unlocks only when the
     * first one arrives (Simulation.departure/arrival, planted as the auto-lock sequence "when the last person
     * leaves" and the arrival chain's "lock step only when the home was empty").
     */
    private static boolean homeEmptyLock(MinedPattern mp, PlantedRoutine pr, double lag, List<PlantedRoutine> planted,
                                         List<PlantedSequence> sequences) {
        String entity = mp.entityIds().get(0);
        boolean leaving = "not_home".equals(pr.state()) && "locked".equals(mp.state());
        boolean arriving = "home".equals(pr.state()) && "unlocked".equals(mp.state());
        if (!pr.entityId().startsWith("person.") || !(leaving || arriving) || !entity.startsWith("lock.")
                || Math.abs(lag) > MAX_TIME_ERROR_MINUTES || !entryEntities(sequences).contains(entity)) {
            return false;
        }
        Set<DayOfWeek> empty = homeEmptyDays(pr, planted);
        return !empty.isEmpty() && compatible(days(mp), empty);
    }

    /**
     * The days of a person's planted routine R on which every other person is away at R's planted time according
     * to the planted routines: the other person's latest planted {@code person.} routine on that day at or before
     * R's minute exists and is not {@code home}. A person without planted presence routines (remote work, errands
     * only) is never away by this rule, so the home is never planted as empty.
     */
    static Set<DayOfWeek> homeEmptyDays(PlantedRoutine r, List<PlantedRoutine> planted) {
        Set<String> others = new java.util.TreeSet<>();
        for (PlantedRoutine p : planted) {
            if (p.entityId().startsWith("person.") && !p.entityId().equals(r.entityId())) {
                others.add(p.entityId());
            }
        }
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek day : r.days()) {
            boolean allAway = true;
            for (String other : others) {
                PlantedRoutine latest = null;
                for (PlantedRoutine p : planted) {
                    if (p.entityId().equals(other) && p.plantedOn(day) && p.minuteOfDay() <= r.minuteOfDay()
                            && (latest == null || p.minuteOfDay() > latest.minuteOfDay())) {
                        latest = p;
                    }
                }
                allAway &= latest != null && !"home".equals(latest.state());
            }
            if (allAway) {
                out.add(day);
            }
        }
        return out;
    }

    private static boolean presence(String entityId) {
        return entityId.startsWith("device_tracker.") || entityId.startsWith("person.");
    }

    /** Entities other than trackers and persons in planted sequences that contain a tracker step (arrivals). */
    static Set<String> entryEntities(List<PlantedSequence> sequences) {
        Set<String> out = new java.util.HashSet<>();
        for (PlantedSequence s : sequences) {
            boolean arrival = s.steps().stream().anyMatch(st -> st.entityId().startsWith("device_tracker."));
            if (arrival) {
                for (PlantedSequence.Step st : s.steps()) {
                    if (!presence(st.entityId())) {
                        out.add(st.entityId());
                    }
                }
            }
        }
        return out;
    }

    static boolean compatible(Set<DayOfWeek> mined, Set<DayOfWeek> planted) {
        int common = 0;
        for (DayOfWeek d : mined) {
            if (planted.contains(d)) {
                common++;
            }
        }
        return common >= 0.75 * planted.size() && common >= 0.75 * mined.size();
    }

    @SuppressWarnings("unchecked")
    static Set<DayOfWeek> days(MinedPattern mp) {
        List<DayOfWeek> list = RoutineDetector.daysOfWeek((List<String>) mp.details().get("days"));
        return list.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(list);
    }

    static int minute(MinedPattern mp) {
        return ((Number) mp.details().get("typical_minute")).intValue();
    }

    static double delta(int a, int b) {
        int d = Math.floorMod(a - b, 1440);
        return d >= 720 ? d - 1440 : d;
    }

    /** A fixed-width table, one row per home, and a total row. */
    public static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-5s %-14s %4s %8s | %9s %7s %9s %9s %6s %6s | %9s %5s%n", "seed",
                "type", "dev", "events", "recall", "mined", "prec", "prec+der", "err", "max", "anomaly", "mined"));
        int planted = 0;
        int found = 0;
        int mined = 0;
        int correct = 0;
        int derived = 0;
        int ap = 0;
        int af = 0;
        double errSum = 0;
        double errMax = 0;
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "%-5d %-14s %4d %8d | %3d/%-3d %3.0f%% %5d %3.0f%% %8.0f%% %6.1f %6.1f"
                            + " | %2d/%-2d %3.0f%% %5d%n", r.seed(), r.type(), r.devices(), r.events(), r.found(),
                    r.planted(), 100 * r.recall(), r.mined(), 100 * r.precision(), 100 * r.precisionWithDerived(),
                    r.meanTimeErrorMinutes(), r.maxTimeErrorMinutes(), r.anomaliesFound(), r.anomaliesPlanted(),
                    100 * r.anomalyRecall(), r.anomaliesMined()));
            planted += r.planted();
            found += r.found();
            mined += r.mined();
            correct += r.minedCorrect();
            derived += r.minedDerived();
            ap += r.anomaliesPlanted();
            af += r.anomaliesFound();
            errSum += r.meanTimeErrorMinutes() * r.found();
            errMax = Math.max(errMax, r.maxTimeErrorMinutes());
        }
        sb.append(String.format(Locale.ROOT, "%-5s %-14s %4s %8s | %3d/%-3d %3.0f%% %5d %3.0f%% %8.0f%% %6.1f %6.1f"
                        + " | %2d/%-2d %3.0f%%%n", "all", "", "", "", found, planted,
                planted == 0 ? 100.0 : 100.0 * found / planted, mined,
                mined == 0 ? 100.0 : 100.0 * correct / mined, mined == 0 ? 100.0 : 100.0 * (correct + derived) / mined,
                found == 0 ? 0 : errSum / found, errMax, af, ap, ap == 0 ? 100.0 : 100.0 * af / ap));
        return sb.toString();
    }
}
