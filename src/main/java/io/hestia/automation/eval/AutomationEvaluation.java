package io.hestia.automation.eval;

import io.hestia.automation.validate.AutomationValidator;
import io.hestia.automation.validate.Finding;
import io.hestia.automation.validate.HomeChecks;
import io.hestia.automation.validate.HomeContext;
import io.hestia.automation.validate.SafetyLevel;
import io.hestia.automation.validate.ValidationReport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The validator against the corpus: every real automation must pass the structural check (home checks off), and
 * every mutant of {@link Mutations} must be refused with at least one error of the expected category (schema
 * faults with the home off; home faults against a home built from the corpus's own references).
 */
public final class AutomationEvaluation {

    /** One fault kind: mutants generated, caught (any error of the category), caught by the expected rule. */
    public record Row(String name, String category, int applicable, int caught, int expected) {
        public double rate() {
            return applicable == 0 ? 1.0 : (double) caught / applicable;
        }
    }

    /**
     * @param automations corpus automations validated
     * @param passing     those with no schema error (home checks off)
     * @param failures    the first schema errors of failing ones, {@code #index rule path}
     * @param rows        per fault kind
     * @param misses      the first mutants not caught, {@code kind #index alias}
     * @param safety      how many corpus automations have a critical / any safety finding, and the mean score
     */
    public record Report(int automations, int passing, List<String> failures, List<Row> rows, List<String> misses,
                         int critical, int withSafetyFindings, double meanSafetyScore) {
        public int mutants() {
            return rows.stream().mapToInt(Row::applicable).sum();
        }

        public int caught() {
            return rows.stream().mapToInt(Row::caught).sum();
        }

        public double catchRate() {
            return mutants() == 0 ? 1.0 : (double) caught() / mutants();
        }
    }

    static final int SHOWN = 20;

    private AutomationEvaluation() {
    }

    public static Report run(List<Object> corpus, AutomationValidator validator) {
        List<String> failures = new ArrayList<>();
        int passing = 0;
        int critical = 0;
        int withSafety = 0;
        long scoreSum = 0;
        for (int i = 0; i < corpus.size(); i++) {
            ValidationReport r = validator.check(corpus.get(i), HomeContext.none(), SafetyLevel.PERMISSIVE);
            List<Finding> schemaErrors = r.findings().stream()
                    .filter(f -> f.isError() && "schema".equals(f.category())).toList();
            if (schemaErrors.isEmpty()) {
                passing++;
            } else if (failures.size() < SHOWN) {
                failures.add("#" + i + " " + schemaErrors.get(0).rule() + " " + schemaErrors.get(0).path());
            }
            boolean anySafety = r.findings().stream().anyMatch(f -> "safety".equals(f.category()));
            withSafety += anySafety ? 1 : 0;
            critical += r.findings().stream().anyMatch(f -> f.isError() && "safety".equals(f.category())) ? 1 : 0;
            scoreSum += r.safetyScore();
        }
        HomeContext home = homeOf(corpus);
        List<Row> rows = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        for (Mutations.Case c : Mutations.cases()) {
            rows.add(mutate(corpus, validator, c, "schema", HomeContext.none(), misses));
        }
        for (Mutations.Case c : Mutations.homeCases()) {
            rows.add(mutate(corpus, validator, c, "home", home, misses));
        }
        return new Report(corpus.size(), passing, failures, rows, misses, critical, withSafety,
                corpus.isEmpty() ? 100 : (double) scoreSum / corpus.size());
    }

    private static Row mutate(List<Object> corpus, AutomationValidator validator, Mutations.Case c, String category,
                              HomeContext home, List<String> misses) {
        int applicable = 0;
        int caught = 0;
        int expected = 0;
        for (int i = 0; i < corpus.size(); i++) {
            if (!(corpus.get(i) instanceof Map<?, ?> original)) {
                continue;
            }
            Map<Object, Object> mutant = Mutations.deepCopy(Mutations.asMap(original));
            if (!c.mutation().apply(mutant)) {
                continue;
            }
            applicable++;
            List<Finding> errors = validator.check(mutant, home, SafetyLevel.PERMISSIVE).findings().stream()
                    .filter(f -> f.isError() && category.equals(f.category())).toList();
            if (!errors.isEmpty()) {
                caught++;
            } else if (misses.size() < SHOWN) {
                misses.add(c.name() + " #" + i + " " + mutant.get("alias"));
            }
            if (errors.stream().anyMatch(f -> f.rule().contains(c.expectedRule()))) {
                expected++;
            }
        }
        return new Row(c.name(), category, applicable, caught, expected);
    }

    /**
     * A home holding exactly what the automations reference (entities, areas, devices, floors, labels, and each
     * called service under its domain), temperatures in °C.
     */
    public static HomeContext homeOf(List<Object> automations) {
        HomeChecks.References refs = HomeChecks.References.empty();
        for (Object a : automations) {
            if (a instanceof Map<?, ?> m) {
                HomeChecks.collect(m, refs);
            }
        }
        Map<String, Set<String>> services = new HashMap<>();
        for (String s : refs.services()) {
            int dot = s.indexOf('.');
            if (dot > 0) {
                services.computeIfAbsent(s.substring(0, dot), d -> new TreeSet<>()).add(s.substring(dot + 1));
            }
        }
        return new HomeContext(Set.copyOf(refs.entities()), Set.copyOf(refs.areas()), Set.copyOf(refs.floors()),
                Set.copyOf(refs.devices()), Set.copyOf(refs.labels()), Map.copyOf(services), "°C");
    }
}
