package io.hestia.ha.schema;

/**
 * One problem found in an automation configuration.
 *
 * @param path     where, in HA's key spelling as written by the user, e.g. {@code actions[1].target.entity_id}
 * @param rule     stable rule id, e.g. {@code trigger.state.to_not_string}
 * @param severity ERROR makes HA refuse the automation; WARNING is accepted by HA but suspicious
 * @param message  what is wrong, in HA's words where HA has words for it
 * @param hint     how to fix it
 */
public record SchemaFinding(String path, String rule, Severity severity, String message, String hint) {

    public enum Severity { ERROR, WARNING, INFO }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
