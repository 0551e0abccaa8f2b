package io.hestia.query.eval;

import io.hestia.platform.CommandOptions;
import io.hestia.query.HomeIndex;
import io.hestia.query.Parser;
import io.hestia.query.RequestParser;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code java -jar hestia.jar eval intents [--corpus DIR] [--failures FILE] [--markdown FILE]}: scores the request
 * parser against Home Assistant's intent test sentences ({@link IntentEvaluation} has the comparison rule) and prints
 * the headline, the tables per intent, per slot key and per file, the parser's time per sentence and the first
 * failures.
 * <ul>
 *   <li>{@code --corpus DIR}: the corpus root (holding {@code tests/en}) or {@code tests/en} itself; default
 *   {@value #SHARED_CORPUS} when it exists, else the copy in the test resources {@value #COPIED_CORPUS}.</li>
 *   <li>{@code --failures FILE}: every failure (sentence, expected, got), not only the first {@value #SHOWN}.</li>
 *   <li>{@code --markdown FILE}: the headline and tables as Markdown, for docs/benchmarks/query.md.</li>
 * </ul>
 * Exits 0 after a run (it measures, it sets no threshold), 2 on bad arguments or an unreadable corpus.
 */
public final class IntentEvalCommand {

    static final String SHARED_CORPUS = "../shared/corpora/ha-intents";
    static final String COPIED_CORPUS = "src/test/resources/corpora/ha-intents";
    static final int SHOWN = 20;
    static final int WARMUP_ROUNDS = 3;
    static final int TIMED_ROUNDS = 3;

    private IntentEvalCommand() {
    }

    /** Runs with the local {@link RequestParser}; {@code args[0]} is {@code intents}. */
    public static int run(String[] args, PrintStream out) {
        return run(args, out, new RequestParser());
    }

    public static int run(String[] args, PrintStream out, Parser parser) {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("corpus", null);
        opts.put("failures", null);
        opts.put("markdown", null);
        if (args.length == 0 || !args[0].equals("intents")) {
            return usage(out, "the first argument must be 'intents'");
        }
        String problem = CommandOptions.read(args, 1, opts);
        if (problem != null) {
            return usage(out, problem);
        }
        Path dir = opts.get("corpus") != null ? Path.of(opts.get("corpus"))
                : Files.isDirectory(Path.of(SHARED_CORPUS)) ? Path.of(SHARED_CORPUS) : Path.of(COPIED_CORPUS);
        IntentCorpus corpus;
        try {
            corpus = IntentCorpus.read(dir);
        } catch (RuntimeException e) {
            return usage(out, e.getMessage());
        }
        IntentEvaluation.Report report = IntentEvaluation.run(corpus, parser, WARMUP_ROUNDS, TIMED_ROUNDS);

        HomeIndex fixture = corpus.fixture();
        out.println("== Home Assistant intent sentences: " + report.parser() + " ==");
        out.printf(Locale.ROOT, "corpus: %s (%d sentences of %s; %d sentences of other intents not evaluated)%n",
                corpus.testsDir().toAbsolutePath().normalize(), report.sentences(),
                String.join(", ", IntentEvaluation.SUPPORTED), corpus.cases().size() - report.sentences());
        out.printf(Locale.ROOT, "shared fixture: %d floors, %d areas, %d entities; %d folder-format mini fixtures%n",
                fixture.floors().size(), fixture.areas().size(), fixture.size(), corpus.miniFixtures().size());
        corpus.warnings().forEach(w -> out.println("warning: " + w));
        out.println();
        out.print(text(headline(report)));
        out.println();
        for (Table t : tables(report)) {
            out.println(t.title());
            out.print(text(t));
            out.println();
        }
        List<IntentEvaluation.Outcome> failures = report.failures();
        out.printf(Locale.ROOT, "Failures: %d%s%n", failures.size(), failures.size() > SHOWN
                ? " (the first " + SHOWN + (opts.get("failures") == null ? "; --failures FILE writes all)"
                : "; all in " + opts.get("failures") + ")") : "");
        failures.stream().limit(SHOWN).forEach(o -> out.print(failure(o)));
        try {
            if (opts.get("failures") != null) {
                StringBuilder b = new StringBuilder();
                failures.forEach(o -> b.append(failure(o)));
                write(Path.of(opts.get("failures")), b.toString());
            }
            if (opts.get("markdown") != null) {
                StringBuilder b = new StringBuilder(markdown(headline(report)));
                for (Table t : tables(report)) {
                    b.append('\n').append("**").append(t.title()).append("**\n\n").append(markdown(t));
                }
                write(Path.of(opts.get("markdown")), b.toString());
            }
        } catch (IOException e) {
            return usage(out, "cannot write: " + e.getMessage());
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------------ tables

    /** A titled table; {@code numeric} columns are right-aligned. */
    record Table(String title, List<String> header, List<Boolean> numeric, List<List<String>> rows) {
    }

    static Table headline(IntentEvaluation.Report r) {
        IntentEvaluation.Group all = r.total();
        IntentEvaluation.Timing t = r.timing();
        return new Table("Headline", List.of("measure", "value"), List.of(false, false), List.of(
                List.of("exactly right", String.format(Locale.ROOT, "%d / %d (%s)", all.exact(), all.sentences(),
                        pct(all.exactShare()))),
                List.of("intent right", String.format(Locale.ROOT, "%d / %d", all.intentRight(), all.sentences())),
                List.of("state right (not in the headline)", all.stateRight() + " / " + all.stateExpected()),
                List.of("parse time per sentence", String.format(Locale.ROOT, "median %.1f µs, p95 %.1f µs "
                        + "(%d calls after %d warm-up rounds)", t.medianMicros(), t.p95Micros(), t.calls(),
                        WARMUP_ROUNDS))));
    }

    static List<Table> tables(IntentEvaluation.Report r) {
        List<Boolean> groupNumeric = List.of(false, true, true, true, true, true);
        List<String> groupHeader = List.of("sentences", "exact", "exact %", "intent right", "state right");
        List<List<String>> intents = new ArrayList<>();
        r.byIntent().forEach(g -> intents.add(groupRow(g)));
        intents.add(groupRow(r.total()));
        List<List<String>> keys = new ArrayList<>();
        for (IntentEvaluation.KeyStats k : r.byKey()) {
            keys.add(List.of(k.key().equals(IntentEvaluation.STATE) ? "state (not in the headline)" : k.key(),
                    String.valueOf(k.expected()), String.valueOf(k.right()), String.valueOf(k.wrong()),
                    String.valueOf(k.missing()), String.valueOf(k.unexpected()), String.valueOf(k.accepted()),
                    pct(k.accuracy())));
        }
        List<List<String>> files = new ArrayList<>();
        r.byFile().forEach(g -> files.add(groupRow(g)));
        return List.of(
                new Table("By intent", concat("intent", groupHeader), groupNumeric, intents),
                new Table("By slot key (accuracy = right / (expected + unexpected); accepted = domain or device "
                        + "class of a named entity)", List.of("key", "expected", "right", "wrong", "missing",
                        "unexpected", "accepted", "accuracy"),
                        List.of(false, true, true, true, true, true, true, true), keys),
                new Table("By file", concat("file", groupHeader), groupNumeric, files));
    }

    private static List<String> groupRow(IntentEvaluation.Group g) {
        return List.of(g.label(), String.valueOf(g.sentences()), String.valueOf(g.exact()), pct(g.exactShare()),
                String.valueOf(g.intentRight()), g.stateExpected() == 0 ? "–" : g.stateRight() + "/" + g.stateExpected());
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    static String text(Table t) {
        int[] width = new int[t.header().size()];
        List<List<String>> all = new ArrayList<>();
        all.add(t.header());
        all.addAll(t.rows());
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String pad = " ".repeat(width[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(t.numeric().get(i) ? pad + cell : cell + pad);
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    static String markdown(Table t) {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(String.join(" | ", t.header())).append(" |\n|");
        for (Boolean numeric : t.numeric()) {
            b.append(numeric ? "---:|" : "---|");
        }
        b.append('\n');
        for (List<String> row : t.rows()) {
            b.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------------ failures

    static String failure(IntentEvaluation.Outcome o) {
        IntentCorpus.Case c = o.testCase();
        StringBuilder b = new StringBuilder();
        b.append('[').append(c.file()).append("] \"").append(c.sentence()).append('"');
        if (c.contextArea() != null) {
            b.append(" (spoken in ").append(c.contextArea()).append(')');
        }
        b.append("\n  expected: ").append(c.intent()).append(' ').append(o.expected());
        b.append("\n  got:      ").append(o.intent()).append(' ').append(new TreeMap<>(o.slots()));
        if (o.error() != null) {
            b.append(" (").append(o.error()).append(')');
        }
        b.append("\n  wrong:    ").append(String.join(", ", o.wrong())).append('\n');
        return b.toString();
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static int usage(PrintStream out, String problem) {
        out.println("eval: " + problem);
        out.println("usage: java -jar hestia.jar eval intents [--corpus DIR] [--failures FILE] [--markdown FILE]");
        return 2;
    }
}
