package io.hestia.automation.validate;

/**
 * One finding of the automation validator.
 *
 * @param path     where, in the author's key spelling, e.g. {@code actions[1].target.entity_id}; empty for the whole
 * @param rule     stable dotted rule id, e.g. {@code trigger.state.to_not_string}, {@code home.entity_unknown},
 *                 {@code safety.lock.unlock_unconditional}
 * @param severity {@code error} (HA refuses it, the home lacks what it names, or a critical safety risk),
 *                 {@code warning} or {@code info}
 * @param category {@code schema}, {@code home} or {@code safety}
 * @param message  what is wrong
 * @param hint     how to fix it
 * @param line     1-based line of {@code path} in the report's YAML, when the report carries YAML and the path is
 *                 in it; null otherwise
 */
public record Finding(String path, String rule, String severity, String category, String message, String hint,
                      Integer line) {

    public Finding(String path, String rule, String severity, String category, String message, String hint) {
        this(path, rule, severity, category, message, hint, null);
    }

    /** This finding placed at a line of the report's YAML. */
    public Finding atLine(Integer at) {
        return new Finding(path, rule, severity, category, message, hint, at);
    }

    public static final String ERROR = "error";
    public static final String WARNING = "warning";
    public static final String INFO = "info";

    @com.fasterxml.jackson.annotation.JsonIgnore // a view of severity, not a field of the report
    public boolean isError() {
        return ERROR.equals(severity);
    }
}
