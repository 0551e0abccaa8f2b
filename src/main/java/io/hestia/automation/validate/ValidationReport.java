package io.hestia.automation.validate;

import java.util.List;

/**
 * The validator's answer for one automation.
 *
 * @param valid        no error finding (schema, home or critical safety) and the safety score passes the level
 * @param status       HA's validation status ({@code ok}, {@code failed_schema}, {@code failed_triggers}, ...)
 * @param safetyScore  0-100, 100 when no safety finding
 * @param safetyLevel  the level the score was judged against ({@code strict}, {@code moderate}, {@code permissive})
 * @param safetyPassed the score reaches the level's threshold (and, for strict and moderate, no critical finding)
 * @param errors       number of error findings
 * @param warnings     number of warning findings
 * @param findings     every finding, schema first, then home, then safety
 * @param yaml         the automation as HA YAML (modern keys as written), null when the text did not parse
 */
public record ValidationReport(boolean valid, String status, int safetyScore, String safetyLevel, boolean safetyPassed,
                               int errors, int warnings, List<Finding> findings, String yaml) {
}
