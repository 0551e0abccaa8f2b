package io.hestia.training.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hestia.store.SuggestionStore.SuggestionRow;

class RankerDataTest {

    private static final String AUTOMATION = """
            {"alias": "Morning coffee", "triggers": [{"trigger": "time", "at": "06:45:00"}],
             "conditions": [{"condition": "state", "entity_id": "person.sam", "state": "home"}],
             "actions": [{"action": "switch.turn_on", "target": {"entity_id": ["switch.coffee_machine"]}}],
             "mode": "single"}""";

    static SuggestionRow row(String category, String automation) {
        return new SuggestionRow("sug-1", "key", "pattern", "pat-1", "time_of_day", "[\"switch.coffee_machine\","
                + "\"person.sam\"]", "t", "d", "e", category, "high", 0.8, automation, 90, "pending", null, null,
                null, 0, 0);
    }

    @Test
    void inputFromAStoredSuggestion() {
        SuggestionInput s = SuggestionInput.of(row("convenience", AUTOMATION));
        assertEquals("switch", s.actionDomain());
        assertEquals("time", s.triggerKind());
        assertEquals(6, s.triggerHour());
        assertTrue(s.hasConditions());
        assertEquals(2, s.entityCount());
        Map<String, Float> f = named(SuggestionFeatures.of(s));
        assertEquals(1f, f.get("category_convenience"));
        assertEquals(1f, f.get("source_pattern"));
        assertEquals(1f, f.get("source_type_time_of_day"));
        assertEquals(1f, f.get("priority_level"));
        assertEquals(0.9f, f.get("safety"), 1e-6);
        assertEquals(1f, f.get("action_domain_switch"));
        assertEquals(1f, f.get("trigger_kind_time"));
        assertEquals((float) Math.sin(Math.PI / 2), f.get("trigger_hour_sin"), 1e-6);   // 06:00 is a quarter turn
        // old schema: platform, service
        SuggestionInput old = SuggestionInput.of(row("security", """
                {"trigger": {"platform": "state", "entity_id": "binary_sensor.door"},
                 "action": [{"service": "lock.lock"}]}"""));
        assertEquals("state", old.triggerKind());
        assertEquals("lock", old.actionDomain());
        assertEquals(-1, old.triggerHour());
        assertFalse(old.hasConditions());
        SuggestionInput empty = SuggestionInput.of(row("weird", "{}"));
        assertNull(empty.triggerKind());
        assertEquals(1f, named(SuggestionFeatures.of(empty)).get("category_other"));
    }

    @Test
    void labelsToData() {
        SuggestionInput s = SuggestionInput.of(row("energy", AUTOMATION));
        LabelledData d = RankerData.build(List.of(new RankerLabel(s, true), new RankerLabel(s, false)));
        assertEquals(List.of("1", "0"), d.y());
        assertEquals(List.of("0", "1"), d.labels());
        assertEquals(SuggestionFeatures.NAMES, d.featureNames());
        assertEquals(0, RankerData.build(List.of()).size());
    }

    @Test
    void priorAndBlend() {
        SuggestionInput s = SuggestionInput.of(row("security", AUTOMATION));
        assertEquals(0.8, RankerPrior.prior(s), 1e-9);
        SuggestionInput convenience = SuggestionInput.of(row("convenience", AUTOMATION));
        assertEquals(0.8 * 0.85, RankerPrior.prior(convenience), 1e-9);
        // limits: no labels -> the prior; many labels -> the model; K labels -> half way; no model -> the prior
        assertEquals(0.3, RankerPrior.blend(0.9, 0.3, 0), 1e-12);
        assertEquals(0.6, RankerPrior.blend(0.9, 0.3, RankerPrior.K), 1e-12);
        assertEquals(0.9, RankerPrior.blend(0.9, 0.3, 1_000_000), 1e-4);
        assertEquals(0.3, RankerPrior.blend(Double.NaN, 0.3, 500), 1e-12);
        double last = 0.3;
        for (int n = 1; n < 200; n++) {                       // moves smoothly and monotonically to the model
            double b = RankerPrior.blend(0.9, 0.3, n);
            assertTrue(b > last && b - last < 0.03, n + ": " + b);
            last = b;
        }
        assertThrows(IllegalArgumentException.class, () -> RankerPrior.blend(0.5, 0.5, -1));
    }

    static Map<String, Float> named(float[] v) {
        Map<String, Float> m = new HashMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put(SuggestionFeatures.NAMES.get(i), v[i]);
        }
        return m;
    }
}
