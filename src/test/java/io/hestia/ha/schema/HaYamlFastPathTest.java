package io.hestia.ha.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The resolver's fast path (no regex for scalars no implicit resolver can start with) changes no answer. */
class HaYamlFastPathTest {

    @Test
    void plainStringsStayPlainAndRoundTrip() {
        for (String s : List.of("light.kitchen", "Light", "_x", "ärger", "@home", "wait_template", "hello world",
                "{{ states('x') }}", "!secret", "%20", "zone.home", "Yesterday", "nothing", "office")) {
            Object back = HaYaml.load(HaYaml.dump(Map.of("k", s)));
            assertThat(back).as(s).isEqualTo(Map.of("k", s));
        }
        assertThat(HaYaml.needsQuoting("light.kitchen")).isFalse();
        assertThat(HaYaml.needsQuoting("@home")).isFalse();
    }

    @Test
    void specialScalarsAreStillResolvedAndQuoted() {
        for (String s : List.of("yes", "On", "OFF", "y", "N", "~", "null", "12:30", "0x1F", ".inf", "<<", "1e5", "",
                "-5", "+3", "2024-01-01", "true", "False")) {
            assertThat(HaYaml.needsQuoting(s)).as(s).isTrue();
            assertThat(HaYaml.load(HaYaml.dump(Map.of("k", s)))).as(s).isEqualTo(Map.of("k", s));
        }
        Map<?, ?> loaded = (Map<?, ?>) HaYaml.load("a: yes\nb: ~\nc: 12:30\nd: light.x\ne:");
        assertThat(loaded.get("a")).isEqualTo(true);
        assertThat(loaded.get("b")).isNull();
        assertThat(loaded.containsKey("e") && loaded.get("e") == null).isTrue();
        assertThat(loaded.get("c")).isEqualTo(750);
        assertThat(loaded.get("d")).isEqualTo("light.x");
    }
}
