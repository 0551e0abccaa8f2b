package io.hestia.automation.eval;

import io.hestia.automation.validate.AutomationValidator;
import io.hestia.ha.schema.HaYaml;
import io.hestia.platform.CommandOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar hestia.jar eval automations [--corpus DIR]}: validates every automation of the MIT corpus
 * ({@code DIR/automations_mit_only.yaml}) with the home checks off, then injects one fault at a time
 * ({@link Mutations}) and counts the mutants refused ({@link AutomationEvaluation}). Prints both figures, the table
 * per fault kind and the safety stage's view of the corpus.
 * <ul>
 *   <li>{@code --corpus DIR}: the folder holding {@code automations_mit_only.yaml}; default the first existing of
 *   {@link #DEFAULT_CORPORA}.</li>
 * </ul>
 * Exits 0 when every corpus automation passes and at least 99% of the mutants are caught, 1 when not, 2 on bad
 * arguments or an unreadable corpus.
 */
public final class AutomationEvalCommand {

    static final List<String> DEFAULT_CORPORA = List.of("../shared/corpora/ha-automations-mit",
            "../../shared/corpora/ha-automations-mit", "/work/shared/corpora/ha-automations-mit");
    static final String FILE = "automations_mit_only.yaml";
    static final double MIN_CATCH_RATE = 0.99;

    private AutomationEvalCommand() {
    }

    /** {@code args[0]} is {@code automations}. */
    public static int run(String[] args, PrintStream out) {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("corpus", null);
        if (args.length == 0 || !args[0].equals("automations")) {
            return usage(out, "the first argument must be 'automations'");
        }
        String problem = CommandOptions.read(args, 1, opts);
        if (problem != null) {
            return usage(out, problem);
        }
        Path dir = opts.get("corpus") != null ? Path.of(opts.get("corpus"))
                : DEFAULT_CORPORA.stream().map(Path::of).filter(Files::isDirectory).findFirst().orElse(null);
        if (dir == null) {
            return usage(out, "no corpus folder found (tried " + String.join(", ", DEFAULT_CORPORA) + ")");
        }
        List<Object> corpus;
        try {
            Object loaded = HaYaml.load(Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8));
            if (!(loaded instanceof List<?> list)) {
                return usage(out, dir.resolve(FILE) + " is not a YAML list of automations");
            }
            corpus = List.copyOf(list);
        } catch (IOException | RuntimeException e) {
            return usage(out, "cannot read " + dir.resolve(FILE) + ": " + e.getMessage());
        }
        long start = System.nanoTime();
        AutomationEvaluation.Report r = AutomationEvaluation.run(corpus, new AutomationValidator());
        long ms = (System.nanoTime() - start) / 1_000_000;

        out.println("== Automation validator: ha-automations-mit ==");
        out.println("corpus: " + dir.resolve(FILE).toAbsolutePath().normalize());
        out.printf(Locale.ROOT, "corpus automations validated: %d%n", r.automations());
        out.printf(Locale.ROOT, "passing with no error (structure, home checks off): %d / %d (%.1f%%)%n",
                r.passing(), r.automations(), 100.0 * r.passing() / Math.max(1, r.automations()));
        r.failures().forEach(f -> out.println("  fails: " + f));
        out.printf(Locale.ROOT, "safety stage on the corpus: %d with findings, %d with a critical one, mean score %.1f%n",
                r.withSafetyFindings(), r.critical(), r.meanSafetyScore());
        out.println();
        out.printf(Locale.ROOT, "| %-36s | %-6s | %7s | %6s | %13s | %6s |%n", "fault kind", "stage", "mutants",
                "caught", "expected rule", "rate");
        out.println("|" + "-".repeat(38) + "|--------|--------:|-------:|--------------:|-------:|");
        for (AutomationEvaluation.Row row : r.rows()) {
            out.printf(Locale.ROOT, "| %-36s | %-6s | %7d | %6d | %13d | %5.1f%% |%n", row.name(), row.category(),
                    row.applicable(), row.caught(), row.expected(), row.rate() * 100);
        }
        out.printf(Locale.ROOT, "| %-36s | %-6s | %7d | %6d | %13s | %5.2f%% |%n", "TOTAL", "", r.mutants(),
                r.caught(), "", r.catchRate() * 100);
        r.misses().forEach(m -> out.println("  missed: " + m));
        out.println();
        boolean ok = r.passing() == r.automations() && r.catchRate() >= MIN_CATCH_RATE;
        out.printf(Locale.ROOT, "mutants caught: %d / %d (%.2f%%), threshold %.0f%%; corpus pass %s; %d ms%n",
                r.caught(), r.mutants(), r.catchRate() * 100, MIN_CATCH_RATE * 100,
                r.passing() == r.automations() ? "100%" : "below 100%", ms);
        out.println(ok ? "RESULT: PASS" : "RESULT: FAIL");
        return ok ? 0 : 1;
    }

    private static int usage(PrintStream out, String problem) {
        out.println("error: " + problem);
        out.println("usage: java -jar hestia.jar eval automations [--corpus DIR]");
        return 2;
    }
}
