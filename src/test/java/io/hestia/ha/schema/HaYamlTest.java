package io.hestia.ha.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HA's YAML 1.1 loading rules (reference A.2). Expected values were cross-checked against PyYAML 6.0.3
 * {@code yaml.safe_load}, which is what HA's loader resolves scalars with.
 */
class HaYamlTest {

    private static Object scalar(String unquoted) {
        return ((Map<?, ?>) HaYaml.load("v: " + unquoted)).get("v");
    }

    static Stream<Arguments> scalarTable() {
        return Stream.of(
                // A.2 row: on/off/yes/no/true/false -> boolean (PyYAML knows lower, Capitalised and UPPER case)
                Arguments.of("on", true), Arguments.of("On", true), Arguments.of("ON", true),
                Arguments.of("off", false), Arguments.of("Off", false), Arguments.of("OFF", false),
                Arguments.of("yes", true), Arguments.of("Yes", true), Arguments.of("YES", true),
                Arguments.of("no", false), Arguments.of("No", false), Arguments.of("NO", false),
                Arguments.of("true", true), Arguments.of("True", true), Arguments.of("TRUE", true),
                Arguments.of("false", false), Arguments.of("False", false), Arguments.of("FALSE", false),
                // mixed case is not a YAML 1.1 boolean for PyYAML
                Arguments.of("oN", "oN"), Arguments.of("tRUE", "tRUE"),
                // A.2 row: y, n stay strings
                Arguments.of("y", "y"), Arguments.of("n", "n"), Arguments.of("Y", "Y"), Arguments.of("N", "N"),
                // A.2 rows: base 60
                Arguments.of("1:00:00", 3600), Arguments.of("5:00", 300), Arguments.of("22:30:00", 81000),
                Arguments.of("1:30.5", 90.5), Arguments.of("1:05:03:02", 234182),
                // A.2 row: a leading zero defeats base 60
                Arguments.of("01:00:00", "01:00:00"), Arguments.of("07:30", "07:30"), Arguments.of("09:30", "09:30"),
                Arguments.of("12:60", "12:60"),
                // A.2 rows: octal, underscores
                Arguments.of("0755", 493), Arguments.of("08", "08"), Arguments.of("1_000", 1000),
                Arguments.of("-1_000", -1000), Arguments.of("0x1F", 31), Arguments.of("0b101", 5),
                Arguments.of("+12", 12), Arguments.of("0", 0), Arguments.of("00", 0), Arguments.of("1234", 1234),
                // A.2 row: null
                Arguments.of("~", null), Arguments.of("", null), Arguments.of("null", null), Arguments.of("Null", null),
                Arguments.of("NULL", null), Arguments.of("nULL", "nULL"),
                // floats: PyYAML needs a dot and a signed exponent
                Arguments.of("1e5", "1e5"), Arguments.of("1.0e5", "1.0e5"), Arguments.of("1E10", "1E10"),
                Arguments.of("1.0e+5", 100000.0), Arguments.of(".5", 0.5), Arguments.of("3.", 3.0),
                Arguments.of("+.5", "+.5"), Arguments.of(".inf", Double.POSITIVE_INFINITY),
                Arguments.of("-.Inf", Double.NEGATIVE_INFINITY), Arguments.of(".NaN", Double.NaN),
                Arguments.of("0o17", "0o17"),
                // other plain text
                Arguments.of("<<x", "<<x"), Arguments.of("light.kitchen", "light.kitchen"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("scalarTable")
    void scalarsResolveLikePyYaml(String text, Object expected) {
        assertThat(scalar(text)).isEqualTo(expected);
    }

    @Test
    void quotedScalarsStayStrings() {
        assertThat(scalar("'on'")).isEqualTo("on");
        assertThat(scalar("\"5:00\"")).isEqualTo("5:00");
        assertThat(scalar("'1234'")).isEqualTo("1234");
        assertThat(scalar("\"~\"")).isEqualTo("~");
    }

    @Test
    void stateTriggerToOnBecomesBoolean() {
        Map<?, ?> trigger = (Map<?, ?>) HaYaml.load("{platform: state, entity_id: binary_sensor.x, to: on}");
        assertThat(trigger.get("to")).isEqualTo(Boolean.TRUE);
    }

    @Test
    void timestampsBecomeJavaTime() {
        assertThat(scalar("2024-01-05")).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(scalar("2024-1-5 10:00:00")).isEqualTo(LocalDateTime.of(2024, 1, 5, 10, 0));
        assertThat(scalar("2024-01-05T10:00:00Z"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 5, 10, 0, 0, 0, ZoneOffset.UTC));
        assertThat(scalar("2024-01-05 10:00:00.5 +01:00"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 5, 10, 0, 0, 500_000_000, ZoneOffset.ofHours(1)));
        assertThatThrownBy(() -> HaYaml.load("v: 2024-02-30")).isInstanceOf(HaYaml.HaYamlException.class);
    }

    @Test
    void bigIntegersAreKept() {
        assertThat(scalar("123456789012345678901234567890"))
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tags

    @ParameterizedTest
    @ValueSource(strings = {"!secret", "!include", "!include_dir_list", "!include_dir_named",
            "!include_dir_merge_list", "!include_dir_merge_named", "!input", "!env_var"})
    void homeAssistantTagsLoadAsPlaceholders(String tag) {
        Map<?, ?> m = (Map<?, ?>) HaYaml.load("value: " + tag + " some_name\n");
        assertThat(m.get("value")).isEqualTo(new HaTag(tag, "some_name"));
        assertThat(((HaTag) m.get("value")).isHomeAssistantTag()).isTrue();
    }

    @Test
    void secretIsNeverResolved() {
        Map<?, ?> m = (Map<?, ?>) HaYaml.load("password: !secret wifi_password\n");
        HaTag secret = (HaTag) m.get("password");
        assertThat(secret.tag()).isEqualTo(HaTag.SECRET);
        assertThat(secret.value()).isEqualTo("wifi_password");
    }

    @Test
    void envVarKeepsNameAndDefault() {
        Map<?, ?> m = (Map<?, ?>) HaYaml.load("key: !env_var API_KEY fallback\n");
        assertThat(m.get("key")).isEqualTo(new HaTag("!env_var", "API_KEY fallback"));
    }

    @Test
    void includeTypicalConfigurationYaml() {
        Map<?, ?> m = (Map<?, ?>) HaYaml.load("""
                automation: !include automations.yaml
                automation split: !include_dir_list ../automations
                script: !include_dir_merge_named scripts/
                """);
        assertThat(m.get("automation")).isEqualTo(new HaTag("!include", "automations.yaml"));
        assertThat(m.get("automation split")).isEqualTo(new HaTag("!include_dir_list", "../automations"));
        assertThat(m.get("script")).isEqualTo(new HaTag("!include_dir_merge_named", "scripts/"));
    }

    @Test
    void catchAllLoadsAnyOtherLocalTagAsScalarSequenceOrMapping() {
        Map<?, ?> m = (Map<?, ?>) HaYaml.load("""
                a: !extend base
                b: !extend [1, on]
                c: !lambda
                  x: 1
                d: !input
                """);
        assertThat(m.get("a")).isEqualTo(new HaTag("!extend", "base"));
        assertThat(m.get("b")).isEqualTo(new HaTag("!extend", List.of(1, true)));
        assertThat(m.get("c")).isEqualTo(new HaTag("!lambda", Map.of("x", 1)));
        assertThat(m.get("d")).isEqualTo(new HaTag("!input", ""));
        assertThat(((HaTag) m.get("a")).isHomeAssistantTag()).isFalse();
    }

    @Test
    void taggedScalarKeepsRawText() {
        // the tag is explicit, so YAML 1.1 resolution does not apply to its value
        assertThat(((Map<?, ?>) HaYaml.load("x: !input on")).get("x")).isEqualTo(new HaTag("!input", "on"));
    }

    @Test
    void unknownGlobalTagIsAnError() {
        assertThatThrownBy(() -> HaYaml.load("x: !!python/object:os.system ls"))
                .isInstanceOf(HaYaml.HaYamlException.class);
    }

    @Test
    void syntaxErrorCarriesLine() {
        assertThatThrownBy(() -> HaYaml.load("a: 1\nb: [unclosed\n"))
                .isInstanceOfSatisfying(HaYaml.HaYamlException.class, e -> assertThat(e.line()).isGreaterThan(0));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Duplicate keys

    @Test
    void duplicateKeysLastValueWinsAtFirstPositionAndAreReported() {
        HaYaml.Document doc = HaYaml.parse("""
                alias: first
                mode: single
                alias: second
                nested:
                  a: 1
                  a: 2
                  a: 3
                """);
        Map<?, ?> m = (Map<?, ?>) doc.value();
        assertThat(m.get("alias")).isEqualTo("second");
        assertThat(new ArrayList<Object>(m.keySet())).containsExactly("alias", "mode", "nested");
        assertThat(((Map<?, ?>) m.get("nested")).get("a")).isEqualTo(3);
        assertThat(doc.duplicateKeys()).containsExactly(
                new HaYaml.DuplicateKey("alias", 1, 3),
                new HaYaml.DuplicateKey("a", 5, 6),
                new HaYaml.DuplicateKey("a", 6, 7));
        assertThat(doc.duplicateKeys().get(0).message())
                .isEqualTo("YAML contains duplicate key \"alias\". Check lines 1 and 3");
    }

    @Test
    void noDuplicatesNoWarnings() {
        assertThat(HaYaml.parse("a: 1\nb: 2\n").duplicateKeys()).isEmpty();
    }

    @Test
    void keyOrderIsKept() {
        Map<?, ?> m = (Map<?, ?>) HaYaml.load("z: 1\na: 2\nm: 3\n");
        assertThat(new ArrayList<Object>(m.keySet())).containsExactly("z", "a", "m");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Dump

    @Test
    void dumpQuotesEverythingThatWouldNotComeBackAsAString() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String s : List.of("on", "off", "yes", "no", "true", "False", "y", "n", "oN", "07:30", "5:00",
                "01:00:00", "22:30:00", "1234", "0755", "1_000", "~", "null", "", "1e5", "12:60", "2024-01-05",
                "0x1F", ".inf")) {
            m.put("k" + m.size(), s);
        }
        String yaml = HaYaml.dump(m);
        for (Object value : m.values()) {
            assertThat(yaml).contains("'" + value + "'");
        }
        assertThat(HaYaml.load(yaml)).isEqualTo(m);
    }

    @Test
    void dumpWritesBlockStyleInInsertionOrder() {
        Map<String, Object> automation = new LinkedHashMap<>();
        automation.put("id", "1723375913043");
        automation.put("alias", "Kitchen motion light");
        automation.put("triggers", List.of(Map.of("trigger", "state", "entity_id", "binary_sensor.kitchen_motion",
                "to", "on")));
        automation.put("actions", List.of(new LinkedHashMap<>(Map.of("action", "light.turn_on"))));
        String yaml = HaYaml.dump(automation);
        assertThat(yaml).startsWith("id: '1723375913043'\nalias: Kitchen motion light\ntriggers:\n- ");
        assertThat(yaml).contains("to: 'on'").doesNotContain("{").doesNotContain("[");
        assertThat(HaYaml.load(yaml)).isEqualTo(automation);
    }

    static Stream<Object> trickyValues() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("empty_map", new LinkedHashMap<>());
        nested.put("empty_list", new ArrayList<>());
        nested.put("null", null);
        return Stream.of(
                "plain", " leading space", "trailing space ", "multi\nline\n", "multi\nline no newline",
                "two trailing\n\n", "  indented\nblock\n", "tab\there", "#hash", "key: value", "- dash", "@at", "`tick",
                "'single'", "\"double\"", "{{ states('sensor.x') | float(0) > 5 }}", "{% if x %}a{% endif %}", "%",
                "*star", "&amp", "!bang", "é ünïcødé ✓", "line\r\nwindows", "\u0007bell", "a\u00a0nbsp",
                "---", "...", "?", ": colon", "[brackets]", "{braces}", "comma, separated", "=",
                true, false, 0, -7, 3600, 1234567890123L, new BigInteger("123456789012345678901234567890"),
                1.5, -0.0, 1e16, 1e-7, 100000.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                LocalDate.of(2024, 1, 5), LocalDateTime.of(2024, 1, 5, 10, 0, 3, 250_000_000),
                OffsetDateTime.of(2024, 1, 5, 10, 0, 0, 0, ZoneOffset.ofHoursMinutes(-5, -30)),
                new HaTag("!secret", "api_key"), new HaTag("!input", "on"), new HaTag("!include_dir_list", "../a"),
                new HaTag("!extend", Arrays.asList(1, "on", null)), new HaTag("!lambda", Map.of("a", "07:30")),
                nested, Arrays.asList("on", 5, null, List.of(), Map.of("x", List.of("y"))));
    }

    @ParameterizedTest
    @MethodSource("trickyValues")
    void dumpThenLoadGivesTheSameValue(Object value) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("value", value);
        String yaml = HaYaml.dump(doc);
        assertThat(HaYaml.load(yaml)).as(yaml).isEqualTo(doc);
        List<Object> list = new ArrayList<>();
        list.add(value);
        assertThat(HaYaml.load(HaYaml.dump(list))).isEqualTo(list);
    }

    @Test
    void dumpFloatsArePyYamlFloats() {
        assertThat(HaYaml.pythonFloatText(1e16)).isEqualTo("1.0e+16");
        assertThat(HaYaml.pythonFloatText(1e-7)).isEqualTo("1.0e-07");
        assertThat(HaYaml.pythonFloatText(2.5)).isEqualTo("2.5");
        assertThat(HaYaml.dump(Map.of("x", 1e16))).isEqualTo("x: 1.0e+16\n");
    }

    @Test
    void multilineStringsUseLiteralBlocks() {
        String yaml = HaYaml.dump(Map.of("value_template", "{% if a %}\n  on\n{% endif %}\n"));
        assertThat(yaml).startsWith("value_template: |");
    }

    @Test
    void needsQuoting() {
        assertThat(HaYaml.needsQuoting("on")).isTrue();
        assertThat(HaYaml.needsQuoting("07:30")).isTrue();
        assertThat(HaYaml.needsQuoting("5:00")).isTrue();
        assertThat(HaYaml.needsQuoting("1234")).isTrue();
        assertThat(HaYaml.needsQuoting("Y")).isTrue();
        assertThat(HaYaml.needsQuoting("1e5")).isTrue();
        assertThat(HaYaml.needsQuoting("")).isTrue();
        assertThat(HaYaml.needsQuoting("light.kitchen")).isFalse();
        assertThat(HaYaml.needsQuoting("Kitchen motion light")).isFalse();
        assertThat(HaYaml.needsQuoting("home")).isFalse();
    }

    @Test
    void validatorPathsArePlacedAtTheirLines() {
        String yaml = """
                alias: Hall light
                triggers:
                - trigger: state
                  entity_id: binary_sensor.hall_motion
                  to: 'on'
                conditions:
                - condition: state
                  entity_id: sun.sun
                  state: below_horizon
                actions:
                - action: light.turn_on
                  target:
                    entity_id: light.hall
                - delay: 5
                """;
        Map<String, Integer> lines = HaYaml.lines(yaml, List.of("triggers[0].to", "conditions[0].entity_id",
                "actions[0].target.entity_id", "actions[1]", "actions[0].data.brightness", "actions[7]", "mode", "",
                "alias"));
        assertThat(lines).containsEntry("triggers[0].to", 5)
                .containsEntry("conditions[0].entity_id", 8)
                .containsEntry("actions[0].target.entity_id", 13)
                .containsEntry("actions[1]", 14)
                .containsEntry("actions[0].data.brightness", 11) // absent key: its nearest present parent
                .containsEntry("actions[7]", 10)
                .containsEntry("alias", 1)
                .doesNotContainKeys("mode", "");
    }

    @Test
    void linesOfTextThatDoesNotParseAreEmpty() {
        assertThat(HaYaml.lines("a: [1, 2", List.of("a[0]"))).isEmpty();
        assertThat(HaYaml.lines("", List.of("a"))).isEmpty();
    }
}
