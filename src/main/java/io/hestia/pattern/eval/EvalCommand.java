package io.hestia.pattern.eval;

import io.hestia.pattern.mining.AnomalyDetector;
import io.hestia.pattern.mining.CoOccurrenceDetector;
import io.hestia.pattern.mining.EntityInfo;
import io.hestia.pattern.mining.EventFeed;
import io.hestia.pattern.mining.HomeModel;
import io.hestia.pattern.mining.MinedPattern;
import io.hestia.pattern.mining.RoutineDetector;
import io.hestia.pattern.mining.StateVocabulary;
import io.hestia.platform.CommandOptions;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticSpec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar hestia.jar eval patterns [options]}: scores the pattern detectors against truth and prints the
 * tables of docs/benchmarks/patterns.md.
 * <ul>
 *   <li>Synthetic homes (seeds × types): routine recall, precision (strict, and crediting documented
 *   consequences), time error, planted anomalies found; co-occurrence recall of planted sequences.</li>
 *   <li>The labelled Ordóñez daily-living logs, read in place from {@code --adl} (default
 *   {@code ../shared/corpora/adl-logs/ordonez-uci-adl}; skipped when absent): mined routines beside the labelled
 *   activity times.</li>
 * </ul>
 * Exits 1 when a synthetic threshold is missed (routine recall ≥ 90 % in every home, strict precision ≥ 80 % over
 * all homes, every matched routine time within 15 minutes), 2 on bad arguments.
 */
public final class EvalCommand {

    static final double MIN_RECALL = 0.90;
    static final double MIN_PRECISION = 0.80;

    private EvalCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("seeds", "1,2,3");
        opts.put("types", "single_family,apartment,townhouse");
        opts.put("devices", "60");
        opts.put("days", "30");
        opts.put("end", "2026-04-20T00:00:00Z");
        opts.put("zone", "Europe/Berlin");
        opts.put("adl", "../shared/corpora/adl-logs/ordonez-uci-adl");
        if (args.length == 0 || !args[0].equals("patterns")) {
            return usage(out, "the first argument must be 'patterns' or 'intents'");
        }
        String problem = CommandOptions.read(args, 1, opts);
        if (problem != null) {
            return usage(out, problem);
        }
        List<SyntheticSpec> specs = new ArrayList<>();
        try {
            String[] devices = opts.get("devices").split(",");
            int k = 0;
            for (String type : opts.get("types").split(",")) {
                for (String seed : opts.get("seeds").split(",")) {
                    specs.add(new SyntheticSpec(Long.parseLong(seed.trim()),
                            HomeType.valueOf(type.trim().toUpperCase(Locale.ROOT)),
                            Integer.parseInt(devices[k++ % devices.length].trim()), Integer.parseInt(opts.get("days")),
                            Instant.parse(opts.get("end")), ZoneId.of(opts.get("zone"))));
                }
            }
        } catch (RuntimeException e) {
            return usage(out, e.getMessage());
        }

        // detector parameters: the defaults, or -Dhestia.pattern.<detector>.<key>=value (the application's keys)
        java.util.function.Function<String, java.util.Optional<String>> sys =
                k -> java.util.Optional.ofNullable(System.getProperty(k));
        RoutineDetector.Params routine;
        AnomalyDetector.Params anomaly;
        CoOccurrenceDetector.Params cooc;
        try {
            routine = io.hestia.platform.RecordProperties.bind(RoutineDetector.Params.defaults(), "hestia.pattern.routine", sys);
            anomaly = io.hestia.platform.RecordProperties.bind(AnomalyDetector.Params.defaults(), "hestia.pattern.anomaly", sys);
            cooc = io.hestia.platform.RecordProperties.bind(CoOccurrenceDetector.Params.defaults(),
                    "hestia.pattern.cooccurrence", sys);
        } catch (IllegalArgumentException e) {
            return usage(out, e.getMessage());
        }
        out.println("routine parameters: " + routine);
        out.println();
        out.println("== Synthetic homes: time-of-day routines and anomalies against planted truth ==");
        List<SyntheticEvaluation.Result> results = new ArrayList<>();
        boolean pass = true;
        for (SyntheticSpec spec : specs) {
            SyntheticEvaluation.Result r = SyntheticEvaluation.run(spec, routine, anomaly);
            results.add(r);
            pass &= r.recall() >= MIN_RECALL && r.maxTimeErrorMinutes() <= SyntheticEvaluation.MAX_TIME_ERROR_MINUTES;
        }
        out.print(SyntheticEvaluation.table(results));
        int mined = results.stream().mapToInt(SyntheticEvaluation.Result::mined).sum();
        int correct = results.stream().mapToInt(SyntheticEvaluation.Result::minedCorrect).sum();
        double precision = mined == 0 ? 1 : correct / (double) mined;
        pass &= precision >= MIN_PRECISION;
        out.printf(Locale.ROOT, "thresholds: recall >= %.0f%% per home, strict precision >= %.0f%% overall (%.1f%%), "
                        + "time error <= %d min%n%n", 100 * MIN_RECALL, 100 * MIN_PRECISION, 100 * precision,
                SyntheticEvaluation.MAX_TIME_ERROR_MINUTES);

        out.println("== Synthetic homes: directed co-occurrence against planted sequences ==");
        for (SyntheticSpec spec : specs) {
            SequenceEvaluation.Result s = SequenceEvaluation.run(spec, cooc);
            out.printf(Locale.ROOT, "seed %d %-14s %3d devices: findable pairs %d/%d, all valid pairs %d/%d, chain steps"
                            + " %d/%d, planted share of found patterns %.0f%% (%d/%d)%n", spec.seed(),
                    spec.type().name().toLowerCase(Locale.ROOT), spec.deviceCount(), s.recalled(), s.detectable(),
                    s.recalled(), s.valid(), s.stepsRecalled(), s.steps(), 100 * s.plantedShare(), s.planted(),
                    s.patterns());
        }
        out.println();

        Path adl = Path.of(opts.get("adl"));
        out.println("== Ordóñez ADL logs (UCI; evaluation only, read in place): mined routines beside labelled activities ==");
        if (!Files.isDirectory(adl)) {
            out.println("skipped: " + adl.toAbsolutePath() + " not found");
        } else {
            for (AdlLogs.House house : AdlLogs.read(adl)) {
                out.print(AdlEvaluation.table(AdlEvaluation.evaluate(house, mine(house, routine, cooc, anomaly), 45, 0.3)));
                out.println();
            }
        }
        out.println(pass ? "RESULT: thresholds met" : "RESULT: below threshold");
        return pass ? 0 : 1;
    }

    /** Routines and co-occurrences of one labelled house (times are its local wall clock, read as UTC). */
    static List<MinedPattern> mine(AdlLogs.House house, RoutineDetector.Params routineParams,
                                   CoOccurrenceDetector.Params coParams, AnomalyDetector.Params anomalyParams) {
        List<EntityInfo> infos = new ArrayList<>();
        for (String id : house.entityIds()) {
            infos.add(new EntityInfo(infos.size(), id, "binary_sensor", null, null, id));
        }
        HomeModel home = HomeModel.of(ZoneId.of("UTC"), infos);
        StateVocabulary vocab = new StateVocabulary();
        long start = Math.floorDiv(house.firstMs(), 86_400_000L) * 86_400_000L;
        long end = (Math.floorDiv(house.lastMs(), 86_400_000L) + 1) * 86_400_000L;
        RoutineDetector routines = new RoutineDetector(home, vocab, routineParams, start, end);
        CoOccurrenceDetector co = new CoOccurrenceDetector(home, vocab, coParams, start, end);
        AnomalyDetector anomalies = new AnomalyDetector(home, vocab, anomalyParams, start, end);
        EventFeed feed = new EventFeed(home, vocab, List.of(routines, co, anomalies));
        for (AdlLogs.Change c : house.changes()) {
            feed.accept(c.entityId(), c.state(), null, c.timeMs());
        }
        List<MinedPattern> out = new ArrayList<>(routines.results());
        out.addAll(co.results());
        return out;
    }

    private static int usage(PrintStream out, String problem) {
        out.println("eval: " + problem);
        out.println("usage: java -jar hestia.jar eval patterns [--seeds 1,2,3] [--types single_family,apartment,townhouse]"
                + " [--devices 60[,90,...]] [--days 30] [--end ISO-instant] [--zone Europe/Berlin] [--adl DIR]");
        out.println("       java -jar hestia.jar eval intents [--corpus DIR] [--failures FILE] [--markdown FILE]");
        return 2;
    }
}
