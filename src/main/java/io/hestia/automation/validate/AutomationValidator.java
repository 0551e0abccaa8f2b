package io.hestia.automation.validate;

import io.hestia.ha.schema.AutomationSchemaValidator;
import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.ha.schema.HaYaml;
import io.hestia.ha.schema.SchemaFinding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validates one automation: HA's structural rules, then (when the home is known) its references, then safety.
 * Plain Java, thread-safe.
 */
public final class AutomationValidator {

    private final AutomationSchemaValidator schema;

    public AutomationValidator(AutomationSchemaValidator schema) {
        this.schema = schema;
    }

    public AutomationValidator() {
        this(new HaAutomationSchema());
    }

    /**
     * @param automation one automation as loaded from YAML 1.1 or JSON
     * @param home       the home, or {@link HomeContext#none()}
     * @param level      the safety level the score is judged against
     */
    public ValidationReport validate(Object automation, HomeContext home, SafetyLevel level) {
        ValidationReport r = check(automation, home, level);
        String yaml = HaYaml.dump(automation);
        List<Finding> findings = r.findings();
        if (!findings.isEmpty()) { // where each finding is in the YAML the report shows (for readers and the UI)
            List<String> paths = new ArrayList<>(findings.size());
            findings.forEach(f -> paths.add(f.path()));
            Map<String, Integer> lines = HaYaml.lines(yaml, paths);
            List<Finding> placed = new ArrayList<>(findings.size());
            findings.forEach(f -> placed.add(f.atLine(lines.get(f.path()))));
            findings = placed;
        }
        return new ValidationReport(r.valid(), r.status(), r.safetyScore(), r.safetyLevel(), r.safetyPassed(),
                r.errors(), r.warnings(), findings, yaml);
    }

    /**
     * {@link #validate} without writing the automation back as YAML ({@code yaml} is null): the three stages only.
     * For callers that hold the text already or want the verdict alone (evaluation, bulk checks); the YAML dump
     * costs several times the validation itself.
     */
    public ValidationReport check(Object automation, HomeContext home, SafetyLevel level) {
        List<SchemaFinding> schemaFindings = schema.validate(automation);
        List<Finding> findings = new ArrayList<>(schemaFindings.size() + 4);
        for (SchemaFinding f : schemaFindings) {
            findings.add(new Finding(f.path(), f.rule(), f.severity().name().toLowerCase(Locale.ROOT), "schema",
                    f.message(), f.hint()));
        }
        List<Finding> safety = List.of();
        if (automation instanceof Map<?, ?> map && !map.containsKey("use_blueprint")) {
            findings.addAll(HomeChecks.check(map, home));
            safety = SafetyRules.check(map, home);
            findings.addAll(safety);
        }
        int errors = 0;
        int warnings = 0;
        for (Finding f : findings) {
            if (f.isError()) {
                errors++;
            } else if (Finding.WARNING.equals(f.severity())) {
                warnings++;
            }
        }
        boolean critical = safety.stream().anyMatch(Finding::isError);
        int score = SafetyRules.score(safety);
        boolean passed = SafetyRules.passes(score, critical, level);
        String status = HaAutomationSchema.status(schemaFindings).value();
        return new ValidationReport(errors == 0 && passed, status, score, level.value(), passed, errors, warnings,
                findings, null);
    }

    /**
     * Validates YAML (1.1 semantics, HA's tags as placeholders) or JSON text holding one automation. Text that does
     * not parse, or is not a mapping, gives a report with one {@code yaml.syntax} / {@code automation.not_mapping}
     * error.
     */
    public ValidationReport validateText(String text, HomeContext home, SafetyLevel level) {
        Object parsed;
        try {
            parsed = HaYaml.load(text);
        } catch (HaYaml.HaYamlException e) {
            Finding f = new Finding("", "yaml.syntax", Finding.ERROR, "schema", e.getMessage(),
                    "Fix the YAML at line " + e.line() + ", column " + e.column());
            return new ValidationReport(false, HaAutomationSchema.Status.FAILED_SCHEMA.value(), 0, level.value(),
                    false, 1, 0, List.of(f), null);
        }
        if (parsed instanceof List<?> list && list.size() == 1) {
            parsed = list.get(0); // an automations.yaml entry, copied with its leading dash
        }
        return validate(parsed, home, level);
    }
}
