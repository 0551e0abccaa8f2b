package io.hestia.ha.schema;

import java.util.List;

/**
 * HA's structural rules for one automation (reference/home-assistant.md, Part A): what HA's own
 * validator accepts and rejects, independent of any particular home.
 */
public interface AutomationSchemaValidator {

    /**
     * @param automation one automation as loaded from YAML 1.1 or JSON (maps, lists, strings, numbers, booleans)
     * @return findings; an empty list, or only non-errors, means HA would accept it
     */
    List<SchemaFinding> validate(Object automation);
}
