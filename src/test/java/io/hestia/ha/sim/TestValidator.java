package io.hestia.ha.sim;

import io.hestia.ha.schema.AutomationSchemaValidator;
import io.hestia.ha.schema.SchemaFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test-only stand-in for HA's validator: enough rules to exercise the simulator's 400 paths. */
final class TestValidator implements AutomationSchemaValidator {

    @Override
    public List<SchemaFinding> validate(Object automation) {
        List<SchemaFinding> out = new ArrayList<>();
        if (!(automation instanceof Map<?, ?> m)) {
            out.add(error("", "automation.not_mapping", "expected a dictionary"));
            return out;
        }
        String[][] pairs = {{"triggers", "trigger"}, {"conditions", "condition"}, {"actions", "action"}};
        for (String[] p : pairs) {
            if (m.containsKey(p[0]) && m.containsKey(p[1])) {
                out.add(error(p[0], "automation.both_spellings", "Cannot specify both '" + p[1] + "' and '"
                        + p[0] + "'. Please use '" + p[0] + "' only."));
                return out;
            }
        }
        if (!m.containsKey("triggers") && !m.containsKey("trigger")) {
            out.add(error("triggers", "automation.triggers_required",
                    "required key not provided @ data['triggers']"));
        }
        if (!m.containsKey("actions") && !m.containsKey("action")) {
            out.add(error("actions", "automation.actions_required",
                    "required key not provided @ data['actions']"));
        }
        Object triggers = m.containsKey("triggers") ? m.get("triggers") : m.get("trigger");
        List<?> list = triggers instanceof List<?> l ? l : triggers == null ? List.of() : List.of(triggers);
        String key = m.containsKey("triggers") ? "triggers" : "trigger";
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> t) || (!t.containsKey("trigger") && !t.containsKey("platform"))) {
                out.add(error(key + "[" + i + "]", "trigger.platform_required",
                        "required key not provided @ data['" + key + "'][" + i + "]['trigger']"));
            }
        }
        return out;
    }

    private static SchemaFinding error(String path, String rule, String message) {
        return new SchemaFinding(path, rule, SchemaFinding.Severity.ERROR, message, "fix it");
    }
}
