package io.hestia.ha.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.hestia.ha.schema.HaAutomationSchema.Status;
import io.hestia.ha.schema.SchemaFinding.Severity;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One passing and one failing case per rule of reference/home-assistant.md A.3–A.9. */
class HaAutomationSchemaTest {

    private static final HaAutomationSchema SCHEMA = new HaAutomationSchema();

    static List<SchemaFinding> check(String yaml) {
        return SCHEMA.validate(HaYaml.load(yaml));
    }

    static List<SchemaFinding> errors(String yaml) {
        return check(yaml).stream().filter(SchemaFinding::isError).toList();
    }

    static void valid(String yaml) {
        assertThat(errors(yaml)).as(yaml).isEmpty();
    }

    /** Asserts an error with this rule and returns it. */
    static SchemaFinding error(String yaml, String rule) {
        List<SchemaFinding> errors = errors(yaml);
        assertThat(errors).as(yaml).extracting(SchemaFinding::rule).contains(rule);
        return errors.stream().filter(f -> f.rule().equals(rule)).findFirst().orElseThrow();
    }

    static SchemaFinding warning(String yaml, String rule) {
        List<SchemaFinding> findings = check(yaml);
        assertThat(findings).as(yaml).filteredOn(f -> f.severity() == Severity.WARNING)
                .extracting(SchemaFinding::rule).contains(rule);
        return findings.stream().filter(f -> f.rule().equals(rule)).findFirst().orElseThrow();
    }

    /** An automation with one trigger given in flow style. */
    static String trigger(String flow) {
        return "triggers: [" + flow + "]\nactions: []\n";
    }

    static String condition(String flow) {
        return "triggers: []\nconditions: [" + flow + "]\nactions: []\n";
    }

    static String step(String flow) {
        return "triggers: []\nactions: [" + flow + "]\n";
    }

    // =============================================================================================================
    @Nested
    class ReferenceExamples {
        @Test
        void a9ValidLegacyTopLevelWithModernStep() {
            String yaml = """
                    - id: "kitchen_motion_light"
                      alias: Kitchen motion light
                      trigger:
                        - platform: state
                          entity_id: binary_sensor.kitchen_motion
                          to: "on"
                      action:
                        - action: light.turn_on
                          target: {entity_id: light.kitchen}
                    """;
            Object automation = ((List<?>) HaYaml.load(yaml)).get(0);
            List<SchemaFinding> findings = SCHEMA.validate(automation);
            assertThat(findings).isEmpty();
            assertThat(HaAutomationSchema.status(findings)).isEqualTo(Status.OK);
            assertThat(HaAutomationSchema.firstErrorMessage(findings)).isNull();
        }

        @Test
        void a9InvalidBothSpellingsAndUnquotedOn() {
            String yaml = """
                    - alias: Broken
                      trigger: {platform: state, entity_id: binary_sensor.x, to: on}
                      triggers: []
                      actions: []
                    """;
            Object automation = ((List<?>) HaYaml.load(yaml)).get(0);
            List<SchemaFinding> findings = SCHEMA.validate(automation);
            assertThat(findings).extracting(SchemaFinding::rule)
                    .containsExactly("automation.both_keys", "trigger.state.to_not_string");
            assertThat(findings.get(0).message())
                    .isEqualTo("Cannot specify both 'trigger' and 'triggers'. Please use 'triggers' only.");
            assertThat(findings.get(1).path()).isEqualTo("trigger.to");
            assertThat(findings.get(1).hint()).contains("\"on\"");
            assertThat(HaAutomationSchema.status(findings)).isEqualTo(Status.FAILED_SCHEMA);
            assertThat(HaAutomationSchema.firstErrorMessage(findings))
                    .isEqualTo("Cannot specify both 'trigger' and 'triggers'. Please use 'triggers' only.");
        }
    }

    // =============================================================================================================
    @Nested
    class AutomationObject {
        @ParameterizedTest
        @ValueSource(strings = {"trigger", "condition", "action"})
        void bothSpellingsInOneMappingIsAnError(String key) {
            String yaml = "triggers: []\nactions: []\nconditions: []\n" + key + ": []\n";
            SchemaFinding f = error(yaml, "automation.both_keys");
            assertThat(f.message()).isEqualTo(
                    "Cannot specify both '" + key + "' and '" + key + "s'. Please use '" + key + "s' only.");
            assertThat(f.path()).isEqualTo(key);
        }

        @Test
        void singularOrPluralAloneIsFine() {
            valid("trigger: []\naction: []\ncondition: []\n");
            valid("triggers: []\nactions: []\nconditions: []\n");
        }

        @Test
        void triggersAndActionsAreRequired() {
            SchemaFinding t = error("actions: []\n", "automation.triggers_required");
            assertThat(t.path()).isEqualTo("triggers");
            assertThat(t.message()).isEqualTo("required key not provided");
            SchemaFinding a = error("triggers: []\n", "automation.actions_required");
            assertThat(a.path()).isEqualTo("actions");
            valid("triggers:\nactions:\n"); // null is ensure_list'ed to []
        }

        @Test
        void allOptionalTopLevelKeysAreAllowed() {
            valid("""
                    id: abc
                    alias: All keys
                    description: every optional key
                    triggers: []
                    conditions: []
                    actions: []
                    variables: {a: 1}
                    trigger_variables: {b: 2}
                    mode: queued
                    max: 5
                    max_exceeded: silent
                    initial_state: true
                    trace: {stored_traces: 10}
                    """);
        }

        @Test
        void unknownTopLevelKeyIsAnError() {
            SchemaFinding f = error("triggers: []\nactions: []\ncondtions: []\n", "automation.unknown_key");
            assertThat(f.path()).isEqualTo("condtions");
            assertThat(f.message()).isEqualTo("extra keys not allowed");
            assertThat(f.hint()).contains("did you mean 'conditions'?");
        }

        @Test
        void idMustBeAString() {
            valid("id: '1234'\ntriggers: []\nactions: []\n");
            SchemaFinding f = error("id: 1234\ntriggers: []\nactions: []\n", "automation.id_not_string");
            assertThat(f.message()).isEqualTo("expected str");
            assertThat(f.hint()).contains("'1234'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"single", "restart", "queued", "parallel"})
        void validModes(String mode) {
            valid("mode: " + mode + "\ntriggers: []\nactions: []\n");
        }

        @Test
        void badMode() {
            SchemaFinding f = error("mode: sequential\ntriggers: []\nactions: []\n", "automation.mode_invalid");
            assertThat(f.message()).isEqualTo("value must be one of ['parallel', 'queued', 'restart', 'single']");
        }

        @Test
        void maxIsAnIntegerOfAtLeastTwo() {
            valid("mode: parallel\nmax: 2\ntriggers: []\nactions: []\n");
            valid("mode: parallel\nmax: '10'\ntriggers: []\nactions: []\n");
            assertThat(error("mode: queued\nmax: 1\ntriggers: []\nactions: []\n", "automation.max_too_small").message())
                    .isEqualTo("value must be at least 2");
            error("max: many\ntriggers: []\nactions: []\n", "automation.max_invalid");
        }

        @Test
        void maxExceededIsCaseInsensitive() {
            valid("max_exceeded: silent\ntriggers: []\nactions: []\n");
            valid("max_exceeded: WARN\ntriggers: []\nactions: []\n");
            error("max_exceeded: loud\ntriggers: []\nactions: []\n", "automation.max_exceeded_invalid");
        }

        @Test
        void initialStateIsABoolean() {
            valid("initial_state: on\ntriggers: []\nactions: []\n");
            valid("initial_state: 'enable'\ntriggers: []\nactions: []\n");
            error("initial_state: maybe\ntriggers: []\nactions: []\n", "automation.initial_state_invalid");
        }

        @Test
        void aliasAndDescriptionAreStrings() {
            valid("alias: 42\ntriggers: []\nactions: []\n"); // cv.string converts scalars
            error("alias: [a]\ntriggers: []\nactions: []\n", "automation.alias_invalid");
            error("description:\ntriggers: []\nactions: []\n", "automation.description_invalid");
        }

        @Test
        void traceAndVariables() {
            error("trace: {stored: 1}\ntriggers: []\nactions: []\n", "automation.trace_invalid");
            error("variables: [a]\ntriggers: []\nactions: []\n", "automation.variables_invalid");
        }

        @Test
        void hideEntityIsDeprecated() {
            warning("hide_entity: true\ntriggers: []\nactions: []\n", "automation.hide_entity_deprecated");
        }

        @Test
        void automationMustBeAMapping() {
            error("- a\n- b\n", "automation.not_mapping");
        }
    }

    // =============================================================================================================
    @Nested
    class Triggers {
        @Test
        void singleMappingOrList() {
            valid("triggers: {trigger: homeassistant, event: start}\nactions: []\n");
            valid("triggers:\n  trigger: state\n  entity_id: light.x\nactions: []\n");
        }

        @Test
        void nestedTriggersListsAreFlattened() {
            valid("triggers:\n- triggers:\n  - {trigger: homeassistant, event: start}\n  - {trigger: sun, event: sunset}\nactions: []\n");
            SchemaFinding f = error("triggers:\n- triggers: [{trigger: homeassistant, event: restart}]\nactions: []\n",
                    "trigger.homeassistant.event_invalid");
            assertThat(f.path()).isEqualTo("triggers[0].triggers[0].event");
        }

        @Test
        void bothTriggerAndPlatformIsAnError() {
            SchemaFinding f = error(trigger("{trigger: state, platform: state, entity_id: light.x}"), "trigger.base.both_keys");
            assertThat(f.message()).isEqualTo("Cannot specify both 'platform' and 'trigger'. Please use 'trigger' only.");
            assertThat(f.path()).isEqualTo("triggers[0]");
        }

        @Test
        void triggerKindIsRequired() {
            SchemaFinding f = error(trigger("{entity_id: light.x}"), "trigger.base.platform_required");
            assertThat(f.path()).isEqualTo("triggers[0].trigger");
            assertThat(f.message()).isEqualTo("required key not provided");
        }

        @Test
        void baseKeys() {
            valid(trigger("{trigger: homeassistant, event: start, id: boot, alias: Boot, enabled: false, variables: {a: 1}}"));
            valid(trigger("{trigger: homeassistant, event: start, enabled: '{{ true }}'}"));
            error(trigger("{trigger: homeassistant, event: start, id: 5}"), "trigger.base.id_not_string");
            error(trigger("{trigger: homeassistant, event: start, enabled: [x]}"), "trigger.base.enabled_invalid");
            error(trigger("{trigger: homeassistant, event: start, variables: [x]}"), "trigger.base.variables_invalid");
            error(trigger("a string"), "trigger.base.not_mapping");
        }

        @Test
        void unknownIntegrationIsAnError() {
            SchemaFinding f = error(trigger("{trigger: motion, entity_id: binary_sensor.x}"), "trigger.unknown_platform");
            assertThat(f.message()).isEqualTo("Invalid trigger 'motion' specified");
            assertThat(f.path()).isEqualTo("triggers[0].trigger");
            error(trigger("{platform: State, entity_id: light.x}"), "trigger.unknown_platform");
            error(trigger("{platform: stat, entity_id: light.x}"), "trigger.unknown_platform");
        }

        @Test
        void integrationTriggersInDomainDotTriggerForm() {
            valid(trigger("{platform: webostv.turn_on, entity_id: media_player.tv}"));
            valid(trigger("{trigger: light.brightness_changed, target: {entity_id: light.x}, options: {above: 10}}"));
            error(trigger("{trigger: Light.turned_on}"), "trigger.unknown_platform");
        }

        @Test
        void customIntegrationPlatformsCanBeDeclared() {
            String yaml = trigger("{platform: my_custom, foo: bar}");
            error(yaml, "trigger.unknown_platform");
            HaAutomationSchema custom = new HaAutomationSchema(Set.of("my_custom"), Set.of());
            assertThat(custom.validate(HaYaml.load(yaml))).isEmpty();
        }

        // --- state
        @Test
        void stateTriggerValid() {
            valid(trigger("{trigger: state, entity_id: binary_sensor.door, from: 'off', to: 'on', for: '00:01:00'}"));
            valid(trigger("{trigger: state, entity_id: 'light.a, light.b', to: ['on', 'off']}"));
            valid(trigger("{trigger: state, entity_id: [light.a, 0123456789abcdef0123456789abcdef], to: null}"));
            valid(trigger("{trigger: state, entity_id: light.a, not_from: [unknown, unavailable], not_to: unavailable}"));
            valid(trigger("{trigger: state, entity_id: light.a, for: {minutes: 5}}"));
            valid(trigger("{trigger: state, entity_id: light.a, for: \"{{ states('input_number.x') | int }}\"}"));
        }

        @Test
        void stateToMustBeAString() {
            SchemaFinding f = error(trigger("{trigger: state, entity_id: light.a, to: on}"), "trigger.state.to_not_string");
            assertThat(f.path()).isEqualTo("triggers[0].to");
            assertThat(f.message()).isEqualTo("expected str");
            error(trigger("{trigger: state, entity_id: light.a, from: off}"), "trigger.state.from_not_string");
            error(trigger("{trigger: state, entity_id: light.a, to: 5}"), "trigger.state.to_not_string");
            SchemaFinding inList = error(trigger("{trigger: state, entity_id: light.a, to: ['on', off]}"),
                    "trigger.state.to_not_string");
            assertThat(inList.path()).isEqualTo("triggers[0].to[1]");
            error(trigger("{trigger: state, entity_id: light.a, not_to: no}"), "trigger.state.not_to_not_string");
        }

        @Test
        void withAttributeAnyValueTypeIsAllowed() {
            valid(trigger("{trigger: state, entity_id: climate.x, attribute: hvac_action, to: true, from: 5}"));
        }

        @Test
        void fromExcludesNotFromAndToExcludesNotTo() {
            SchemaFinding f = error(trigger("{trigger: state, entity_id: light.a, from: 'on', not_from: 'off'}"),
                    "trigger.state.from_exclusive");
            assertThat(f.message()).isEqualTo("two or more values in the same group of exclusion 'from'");
            error(trigger("{trigger: state, entity_id: light.a, to: 'on', not_to: 'off'}"), "trigger.state.to_exclusive");
        }

        @Test
        void stateForMustBeAPositivePeriod() {
            error(trigger("{trigger: state, entity_id: light.a, for: -5}"), "trigger.state.for_negative");
            error(trigger("{trigger: state, entity_id: light.a, for: '-00:00:05'}"), "trigger.state.for_negative");
            error(trigger("{trigger: state, entity_id: light.a, for: 'five minutes'}"), "trigger.state.for_invalid");
            error(trigger("{trigger: state, entity_id: light.a, for: {minutes: -5}}"), "trigger.state.for_negative");
        }

        @Test
        void stateEntityIdIsRequiredAndWellFormed() {
            error(trigger("{trigger: state, to: 'on'}"), "trigger.state.entity_id_required");
            SchemaFinding f = error(trigger("{trigger: state, entity_id: Kitchen Light}"), "trigger.state.entity_id_invalid");
            assertThat(f.message()).isEqualTo("Entity Kitchen Light is neither a valid entity ID nor a valid UUID");
            error(trigger("{trigger: state, entity_id: \"{{ 'light.x' }}\"}"), "trigger.state.entity_id_invalid");
            error(trigger("{trigger: state, entity_id: null}"), "trigger.state.entity_id_invalid");
            valid(trigger("{trigger: state, entity_id: Light.Kitchen}")); // cv.entity_id lowercases
        }

        @Test
        void stateExtraKeysAreRefused() {
            SchemaFinding f = error(trigger("{trigger: state, entity_id: light.a, state: 'on'}"), "trigger.state.extra_key");
            assertThat(f.path()).isEqualTo("triggers[0].state");
        }

        @Test
        void templateInStateIsOnlyWarned() {
            warning(trigger("{trigger: state, entity_id: light.a, to: \"{{ states('x') }}\"}"),
                    "trigger.state.template_not_rendered");
        }

        // --- numeric_state
        @Test
        void numericStateValid() {
            valid(trigger("{trigger: numeric_state, entity_id: sensor.t, above: 20, below: 25.5, for: 60}"));
            valid(trigger("{trigger: numeric_state, entity_id: sensor.t, above: input_number.low}"));
            valid(trigger("{trigger: numeric_state, entity_id: sensor.t, below: '30', attribute: x, value_template: '{{ value }}'}"));
        }

        @Test
        void numericStateNeedsAboveOrBelow() {
            SchemaFinding f = error(trigger("{trigger: numeric_state, entity_id: sensor.t}"),
                    "trigger.numeric_state.above_or_below_required");
            assertThat(f.message()).isEqualTo("must contain at least one of below, above.");
        }

        @Test
        void aboveGreaterThanBelowIsAnError() {
            SchemaFinding f = error(trigger("{trigger: numeric_state, entity_id: sensor.t, above: 50, below: 10}"),
                    "trigger.numeric_state.above_greater_than_below");
            assertThat(f.message()).isEqualTo("A value can never be above 50.0 and below 10.0 at the same time. "
                    + "You probably want two different triggers.");
            warning(trigger("{trigger: numeric_state, entity_id: sensor.t, above: 10, below: 10}"),
                    "trigger.numeric_state.empty_range");
            // numeric strings are coerced to floats before the comparison
            error(trigger("{trigger: numeric_state, entity_id: sensor.t, above: '50', below: '10'}"),
                    "trigger.numeric_state.above_greater_than_below");
            valid(trigger("{trigger: numeric_state, entity_id: sensor.t, above: input_number.high, below: 10}"));
        }

        @Test
        void thresholdsAreNumbersOrNumericEntities() {
            error(trigger("{trigger: numeric_state, entity_id: sensor.t, above: light.x}"), "trigger.numeric_state.above_invalid");
            error(trigger("{trigger: numeric_state, entity_id: sensor.t, below: '{{ 5 }}'}"), "trigger.numeric_state.below_invalid");
        }

        // --- time
        @Test
        void timeAtFormats() {
            valid(trigger("{trigger: time, at: '07:30'}"));
            valid(trigger("{trigger: time, at: 07:30}")); // zero-padded: stays a string
            valid(trigger("{trigger: time, at: '7:30:15'}"));
            valid(trigger("{trigger: time, at: [input_datetime.wake, sensor.phone_next_alarm, '22:00']}"));
            valid(trigger("{trigger: time, at: {entity_id: sensor.phone_next_alarm, offset: '-00:10:00'}}"));
            valid(trigger("{trigger: time, at: \"{{ '06:00' }}\"}"));
            valid(trigger("{trigger: time, at: '08:00', weekday: [mon, fri]}"));
        }

        @Test
        void timeAtInvalid() {
            SchemaFinding f = error(trigger("{trigger: time, at: '25:00'}"), "trigger.time.at_invalid");
            assertThat(f.message()).startsWith("Expected HH:MM, HH:MM:SS, an Entity ID with domain 'input_datetime'");
            SchemaFinding unquoted = error(trigger("{trigger: time, at: 22:30:00}"), "trigger.time.at_invalid");
            assertThat(unquoted.hint()).contains("81000").contains("\"22:30:00\"");
            error(trigger("{trigger: time, at: light.kitchen}"), "trigger.time.at_invalid");
            error(trigger("{trigger: time, at: {entity_id: sensor.x, offset: 'soon'}}"), "trigger.time.at_invalid");
            error(trigger("{trigger: time}"), "trigger.time.at_required");
            error(trigger("{trigger: time, at: '08:00', weekday: monday}"), "trigger.time.weekday_invalid");
        }

        // --- time_pattern
        @Test
        void timePatternValid() {
            valid(trigger("{trigger: time_pattern, minutes: '/5'}"));
            valid(trigger("{trigger: time_pattern, hours: 23, minutes: 0, seconds: '*'}"));
            valid(trigger("{trigger: time_pattern, seconds: '/59'}"));
        }

        @Test
        void timePatternInvalid() {
            SchemaFinding zero = error(trigger("{trigger: time_pattern, minutes: '/0'}"), "trigger.time_pattern.divisor_zero");
            assertThat(zero.message()).isEqualTo("must be a value between 1 and 59");
            assertThat(error(trigger("{trigger: time_pattern, minutes: '/60'}"), "trigger.time_pattern.minutes_invalid")
                    .message()).isEqualTo("must be a value between 0 and 59");
            error(trigger("{trigger: time_pattern, hours: 24}"), "trigger.time_pattern.hours_invalid");
            error(trigger("{trigger: time_pattern, seconds: every}"), "trigger.time_pattern.seconds_invalid");
            error(trigger("{trigger: time_pattern}"), "trigger.time_pattern.unit_required");
        }

        // --- other platforms
        @Test
        void sun() {
            valid(trigger("{trigger: sun, event: sunset, offset: '-00:30:00'}"));
            valid(trigger("{trigger: sun, event: Sunrise}")); // lowercased by cv.sun_event
            error(trigger("{trigger: sun, event: noon}"), "trigger.sun.event_invalid");
            error(trigger("{trigger: sun}"), "trigger.sun.event_required");
            error(trigger("{trigger: sun, event: sunset, offset: soon}"), "trigger.sun.offset_invalid");
        }

        @Test
        void zone() {
            valid(trigger("{trigger: zone, entity_id: person.anna, zone: zone.home, event: leave}"));
            error(trigger("{trigger: zone, entity_id: person.anna}"), "trigger.zone.zone_required");
            error(trigger("{trigger: zone, entity_id: person.anna, zone: zone.home, event: exit}"), "trigger.zone.event_invalid");
        }

        @Test
        void event() {
            valid(trigger("{trigger: event, event_type: [call_service, ios.action_fired], event_data: {a: 1}, context: {user_id: [x]}}"));
            SchemaFinding f = error(trigger("{trigger: event, event_type: state_reported}"), "trigger.event.state_reported");
            assertThat(f.message()).isEqualTo("Can't listen to state_reported in event trigger");
            error(trigger("{trigger: event}"), "trigger.event.event_type_required");
            error(trigger("{trigger: event, event_type: x, event_data: [a]}"), "trigger.event.event_data_invalid");
        }

        @Test
        void homeassistant() {
            valid(trigger("{trigger: homeassistant, event: shutdown}"));
            error(trigger("{trigger: homeassistant, event: restart}"), "trigger.homeassistant.event_invalid");
        }

        @Test
        void template() {
            valid(trigger("{trigger: template, value_template: \"{{ is_state('sun.sun', 'below_horizon') }}\", for: 30}"));
            error(trigger("{trigger: template}"), "trigger.template.value_template_required");
            SchemaFinding f = error(trigger("{trigger: template, value_template: \"{{ states('x') \"}"),
                    "trigger.template.value_template_invalid");
            assertThat(f.message()).startsWith("invalid template (TemplateSyntaxError");
            error(trigger("{trigger: template, value_template: \"{% if x %}yes\"}"), "trigger.template.value_template_invalid");
        }

        @Test
        void mqtt() {
            valid(trigger("{trigger: mqtt, topic: 'zigbee2mqtt/+/action', payload: 'on', qos: 1}"));
            error(trigger("{trigger: mqtt, topic: 'home/#/x'}"), "trigger.mqtt.topic_invalid");
            error(trigger("{trigger: mqtt, topic: a/b, qos: 3}"), "trigger.mqtt.qos_invalid");
            error(trigger("{trigger: mqtt}"), "trigger.mqtt.topic_required");
        }

        @Test
        void webhook() {
            valid(trigger("{trigger: webhook, webhook_id: abc, allowed_methods: [POST, put], local_only: false}"));
            valid(trigger("{trigger: webhook, webhook_id: !secret hook_id}"));
            error(trigger("{trigger: webhook, webhook_id: abc, allowed_methods: [DELETE]}"), "trigger.webhook.allowed_methods_invalid");
            error(trigger("{trigger: webhook, webhook_id: abc, local_only: 'yes'}"), "trigger.webhook.local_only_invalid");
            error(trigger("{trigger: webhook}"), "trigger.webhook.webhook_id_required");
        }

        @Test
        void tagCalendarConversationGeoNotification() {
            valid(trigger("{trigger: tag, tag_id: 04-a1-b2, device_id: [abc]}"));
            error(trigger("{trigger: tag}"), "trigger.tag.tag_id_required");
            valid(trigger("{trigger: calendar, entity_id: calendar.work, event: end, offset: '-0:15:0'}"));
            error(trigger("{trigger: calendar, entity_id: calendar.work, event: middle}"), "trigger.calendar.event_invalid");
            valid(trigger("{trigger: conversation, command: ['turn on the lights', 'lights [on]']}"));
            error(trigger("{trigger: conversation, command: 'Hello there!'}"), "trigger.conversation.command_punctuation");
            error(trigger("{trigger: conversation, command: []}"), "trigger.conversation.command_invalid");
            error(trigger("{trigger: conversation, command: null}"), "trigger.conversation.command_invalid");
            valid(trigger("{trigger: geo_location, source: nsw_rural_fire_service_feed, zone: zone.home, event: enter}"));
            error(trigger("{trigger: geo_location, source: x, zone: light.x}"), "trigger.geo_location.zone_invalid");
            valid(trigger("{trigger: persistent_notification, notification_id: x, update_type: [added, removed]}"));
            error(trigger("{trigger: persistent_notification, update_type: changed}"),
                    "trigger.persistent_notification.update_type_invalid");
        }

        @Test
        void device() {
            valid(trigger("{trigger: device, device_id: abc123, domain: zha, type: remote_button_short_press, subtype: on}"));
            error(trigger("{trigger: device, device_id: abc123, type: x}"), "trigger.device.domain_required");
        }

        @Test
        void platformErrorsFailTheTriggerStage() {
            List<SchemaFinding> f = check(trigger("{trigger: state, entity_id: light.a, to: on}"));
            assertThat(HaAutomationSchema.status(f)).isEqualTo(Status.FAILED_TRIGGERS);
            assertThat(HaAutomationSchema.firstErrorMessage(f)).isEqualTo("expected str @ data['to']");
        }
    }

    // =============================================================================================================
    @Nested
    class Conditions {
        @Test
        void shorthands() {
            valid("triggers: []\nconditions: \"{{ is_state('sun.sun', 'above_horizon') }}\"\nactions: []\n");
            valid(condition("\"{{ true }}\""));
            valid(condition("{and: [\"{{ true }}\", {condition: state, entity_id: light.x, state: 'on'}]}"));
            valid(condition("{or: [\"{{ true }}\"], alias: either}"));
            valid(condition("{not: {condition: state, entity_id: light.x, state: 'on'}}"));
            valid(condition("{condition: [\"{{ true }}\", \"{{ false }}\"]}"));
            valid("triggers: []\ncondition: []\nactions: []\n");
            SchemaFinding f = error(condition("sun.sun"), "condition.not_mapping");
            assertThat(f.message()).isEqualTo("Expected a dictionary");
        }

        @Test
        void logicalConditions() {
            valid(condition("{condition: or, conditions: [{condition: state, entity_id: light.x, state: 'on'}]}"));
            error(condition("{condition: and}"), "condition.and.conditions_required");
            SchemaFinding nested = error(condition("{condition: not, conditions: [{condition: state, entity_id: light.x, state: on}]}"),
                    "condition.state.state_not_string");
            assertThat(nested.path()).isEqualTo("conditions[0].conditions[0].state");
        }

        @Test
        void state() {
            valid(condition("{condition: state, entity_id: [light.a, light.b], state: ['on', 'dim'], match: any, for: '00:05'}"));
            valid(condition("{condition: state, entity_id: climate.x, attribute: preset_mode, state: true}"));
            SchemaFinding f = error(condition("{condition: state, entity_id: light.a, state: on}"), "condition.state.state_not_string");
            assertThat(f.path()).isEqualTo("conditions[0].state");
            error(condition("{condition: state, entity_id: light.a}"), "condition.state.state_required");
            error(condition("{condition: state, state: 'on'}"), "condition.state.entity_id_required");
            error(condition("{condition: state, entity_id: light.a, state: 'on', match: some}"), "condition.state.match_invalid");
            error(condition("{condition: state, entity_id: light.a, state: 'on', to: 'off'}"), "condition.state.extra_key");
        }

        @Test
        void numericState() {
            valid(condition("{condition: numeric_state, entity_id: sensor.t, below: 18}"));
            error(condition("{condition: numeric_state, entity_id: sensor.t}"), "condition.numeric_state.above_or_below_required");
            warning(condition("{condition: numeric_state, entity_id: sensor.t, above: 30, below: 10}"),
                    "condition.numeric_state.empty_range");
        }

        @Test
        void template() {
            valid(condition("{condition: template, value_template: \"{{ now().hour > 6 }}\"}"));
            error(condition("{condition: template}"), "condition.template.value_template_required");
            error(condition("{condition: template, value_template: \"{{ now().hour > 6 \"}"), "condition.template.invalid");
        }

        @Test
        void time() {
            valid(condition("{condition: time, after: '22:00:00', before: 06:00}"));
            valid(condition("{condition: time, after: input_datetime.start, before: sensor.sunset_time, weekday: [sat, sun]}"));
            valid(condition("{condition: time, weekday: mon}"));
            SchemaFinding f = error(condition("{condition: time, after: '25:00'}"), "condition.time.after_invalid");
            assertThat(f.message()).isEqualTo("Invalid time specified: 25:00");
            assertThat(error(condition("{condition: time, before: 22:30:00}"), "condition.time.before_invalid").hint())
                    .contains("\"22:30:00\"");
            error(condition("{condition: time, weekday: monday}"), "condition.time.weekday_invalid");
            error(condition("{condition: time}"), "condition.time.field_required");
        }

        @Test
        void trigger() {
            valid(condition("{condition: trigger, id: [arrive, leave]}"));
            valid(condition("{condition: trigger, id: 5}"));
            error(condition("{condition: trigger}"), "condition.trigger.id_required");
        }

        @Test
        void device() {
            valid(condition("{condition: device, device_id: abc, domain: light, entity_id: light.x, type: is_on}"));
            error(condition("{condition: device, device_id: abc, type: is_on}"), "condition.device.domain_required");
        }

        @Test
        void sunAndZoneFailTheConditionStage() {
            valid(condition("{condition: sun, after: sunset, after_offset: '-01:00:00'}"));
            List<SchemaFinding> sun = check(condition("{condition: sun, after_offset: '-01:00:00'}"));
            assertThat(sun).extracting(SchemaFinding::rule).containsExactly("condition.sun.field_required");
            assertThat(HaAutomationSchema.status(sun)).isEqualTo(Status.FAILED_CONDITIONS);
            valid(condition("{condition: zone, entity_id: person.anna, zone: zone.home}"));
            error(condition("{condition: zone, entity_id: person.anna}"), "condition.zone.zone_required");
        }

        @Test
        void unknownConditionType() {
            List<SchemaFinding> f = check(condition("{condition: weather, entity_id: weather.home}"));
            assertThat(f).extracting(SchemaFinding::rule).containsExactly("condition.unknown_type");
            assertThat(f.get(0).message()).isEqualTo("Invalid condition \"weather\" specified");
            assertThat(HaAutomationSchema.status(f)).isEqualTo(Status.FAILED_CONDITIONS);
            valid(condition("{condition: light.is_on, target: {entity_id: light.x}}")); // integration condition
            error(condition("{entity_id: light.x, state: 'on'}"), "condition.type_missing");
            error(condition("{condition: 5}"), "condition.type_invalid");
        }

        @Test
        void conditionBaseKeys() {
            valid(condition("{condition: template, value_template: '{{ true }}', alias: x, enabled: false}"));
            error(condition("{condition: template, value_template: '{{ true }}', enabled: null}"), "condition.base.enabled_invalid");
        }
    }

    // =============================================================================================================
    @Nested
    class Actions {
        @Test
        void stepTypeIsTheFirstKeyInHaOrder() {
            // device_id comes before action: this is a device action and needs a domain
            SchemaFinding f = error(step("{action: light.turn_on, device_id: abc}"), "action.device.domain_required");
            assertThat(f.hint()).contains("target:");
            // delay comes before action: action is then an extra key
            error(step("{delay: 5, action: light.turn_on}"), "action.delay.extra_key");
        }

        @Test
        void unknownStep() {
            SchemaFinding f = error(step("{turn_on: light.x}"), "action.unknown_step");
            assertThat(f.message()).isEqualTo("Unable to determine action");
            assertThat(f.path()).isEqualTo("actions[0]");
            assertThat(error(step("{acton: light.turn_on}"), "action.unknown_step").hint()).contains("'action'");
            error(step("just text"), "action.not_mapping");
        }

        @Test
        void serviceCall() {
            valid(step("{action: light.turn_on, target: {entity_id: light.x, area_id: [kitchen], floor_id: up, label_id: l, device_id: d}, data: {brightness_pct: 50}}"));
            valid(step("{service: notify.USER1_devices, data: {message: hi}}"));
            valid(step("{action: \"{{ 'light.turn_' ~ mode }}\", entity_id: all}"));
            valid(step("{service_template: light.turn_on, data_template: {brightness: '{{ 5 }}'}}"));
            valid(step("{action: light.turn_on, entity_id: 'light.a, light.b', continue_on_error: true, enabled: false, alias: x}"));
            valid(step("{action: weather.get_forecasts, target: {entity_id: weather.home}, data: {type: daily}, response_variable: fc}"));
            valid(step("{action: light.turn_on, target: \"{{ {'entity_id': 'light.x'} }}\", data: \"{{ {} }}\"}"));
        }

        @Test
        void serviceAndActionInOneStepIsAnError() {
            SchemaFinding f = error(step("{service: light.turn_on, action: light.turn_on}"), "action.service.both_keys");
            assertThat(f.message()).isEqualTo("Cannot specify both 'service' and 'action'. Please use 'action' only.");
            assertThat(f.path()).isEqualTo("actions[0]");
            error(step("{action: light.turn_on, service_template: light.turn_off}"), "action.service.name_exclusive");
        }

        @Test
        void serviceNameFormat() {
            SchemaFinding f = error(step("{action: turn_on_lights}"), "action.service.name_invalid");
            assertThat(f.message()).isEqualTo("Service turn_on_lights does not match format <domain>.<name>");
            error(step("{action: null}"), "action.service.name_invalid");
        }

        @Test
        void targetKeys() {
            SchemaFinding f = error(step("{action: light.turn_on, target: {entities: light.x}}"), "action.service.target_unknown_key");
            assertThat(f.path()).isEqualTo("actions[0].target.entities");
            SchemaFinding bad = error(step("{action: light.turn_on, target: {entity_id: Kitchen Lamp}}"),
                    "action.service.target_entity_id_invalid");
            assertThat(bad.path()).isEqualTo("actions[0].target.entity_id");
            warning(step("{action: light.turn_on, target: {entity_id: [light.ok, Kitchen Lamp]}}"),
                    "action.service.target_entity_id_suspicious");
            error(step("{action: light.turn_on, target: {area_id: 123}}"), "action.service.target_area_id_invalid");
            error(step("{action: light.turn_on, target: [light.x]}"), "action.service.target_invalid");
        }

        @Test
        void stepEntityId() {
            error(step("{action: light.turn_on, entity_id: kitchen}"), "action.service.entity_id_invalid");
            error(step("{action: light.turn_on, entity_id: \"{{ 'light.x' }}\"}"), "action.service.entity_id_invalid");
        }

        @Test
        void serviceDataAndExtraKeys() {
            error(step("{action: light.turn_on, data: null}"), "action.service.data_invalid");
            error(step("{action: light.turn_on, data: [a]}"), "action.service.data_invalid");
            SchemaFinding f = error(step("{action: light.turn_on, brightness: 50}"), "action.service.extra_key");
            assertThat(f.hint()).contains("data:");
            error(step("{action: light.turn_on, response_variable: 5}"), "action.service.response_variable_invalid");
            warning(step("{action: water_heater.set_operation_mode, data: {state: off}}"), "action.service.data_state_boolean");
        }

        @Test
        void choose() {
            valid(step("{choose: [{conditions: [\"{{ true }}\"], sequence: [{delay: 1}]}], default: [{delay: 2}]}"));
            valid(step("{choose: {conditions: [], sequence: {delay: 1}}}"));
            error(step("{choose: [{conditions: []}]}"), "action.choose.sequence_required");
            error(step("{choose: [{sequence: []}]}"), "action.choose.conditions_required");
            assertThat(error(step("{choose: [{condition: [], sequence: []}]}"), "action.choose.unknown_key").hint())
                    .contains("conditions");
        }

        @Test
        void ifThenElse() {
            valid(step("{if: [\"{{ true }}\"], then: [{delay: 1}], else: [{delay: 2}]}"));
            error(step("{if: [\"{{ true }}\"]}"), "action.if.then_required");
            error(step("{if: [{condition: state, entity_id: light.x, state: on}], then: []}"), "condition.state.state_not_string");
        }

        @Test
        void repeat() {
            valid(step("{repeat: {count: 3, sequence: [{delay: 1}]}}"));
            valid(step("{repeat: {for_each: [a, b], sequence: [{delay: 1}]}}"));
            valid(step("{repeat: {while: [\"{{ true }}\"], sequence: [{delay: 1}]}}"));
            valid(step("{repeat: {until: \"{{ true }}\", sequence: {delay: 1}}}"));
            error(step("{repeat: {count: 3, while: [], sequence: []}}"), "action.repeat.kind_exclusive");
            error(step("{repeat: {sequence: []}}"), "action.repeat.kind_required");
            error(step("{repeat: {count: 3}}"), "action.repeat.sequence_required");
            error(step("{repeat: {count: many, sequence: []}}"), "action.repeat.count_invalid");
        }

        @Test
        void parallelAndSequence() {
            valid(step("{parallel: [{action: light.turn_on}, {sequence: [{delay: 1}, {action: light.turn_off}]}, [{delay: 2}]]}"));
            valid(step("{sequence: [{delay: 1}], alias: seq}"));
            error(step("{parallel: [{nothing: 1}]}"), "action.unknown_step");
        }

        @Test
        void stop() {
            valid(step("{stop: Done}"));
            valid(step("{stop: Failed, error: true}"));
            valid(step("{stop: Answer, response_variable: result}"));
            error(step("{stop: x, error: true, response_variable: r}"), "action.stop.error_or_response_exclusive");
        }

        @Test
        void waits() {
            valid(step("{wait_template: \"{{ is_state('x', 'on') }}\", timeout: '00:01:00', continue_on_timeout: false}"));
            error(step("{wait_template: '{{ x }}', continue_on_timeout: maybe}"), "action.wait_template.continue_on_timeout_invalid");
            valid(step("{wait_for_trigger: [{trigger: state, entity_id: light.x, to: 'off'}], timeout: {minutes: 5}}"));
            List<SchemaFinding> f = check(step("{wait_for_trigger: [{trigger: state, entity_id: light.x, to: off}]}"));
            assertThat(f).extracting(SchemaFinding::rule).containsExactly("trigger.state.to_not_string");
            assertThat(f.get(0).path()).isEqualTo("actions[0].wait_for_trigger[0].to");
            assertThat(HaAutomationSchema.status(f)).isEqualTo(Status.FAILED_ACTIONS);
        }

        @Test
        void sceneVariablesEventDeviceConversation() {
            valid(step("{scene: scene.movie}"));
            error(step("{scene: light.x}"), "action.scene.invalid");
            valid(step("{variables: {a: 1, b: '{{ a + 1 }}'}}"));
            error(step("{variables: [a]}"), "action.variables.invalid");
            valid(step("{event: my_event, event_data: {a: 1}}"));
            error(step("{event: my_event, event_data: [a]}"), "action.event.event_data_invalid");
            valid(step("{device_id: abc, domain: mobile_app, type: notify, message: hi}"));
            valid(step("{set_conversation_response: 'Done {{ name }}'}"));
            valid(step("{set_conversation_response: null}"));
        }

        @Test
        void delay() {
            valid(step("{delay: '00:00:05'}"));
            valid(step("{delay: 5}"));
            valid(step("{delay: 5:00}")); // YAML 1.1: 300 seconds
            valid(step("{delay: {minutes: 1, seconds: 30}}"));
            valid(step("{delay: {minutes: '{{ x }}'}}"));
            valid(step("{delay: \"{{ 5 }}\"}"));
            error(step("{delay: -5}"), "action.delay.negative");
            error(step("{delay: '-00:00:05'}"), "action.delay.negative");
            error(step("{delay: {seconds: -5}}"), "action.delay.negative");
            error(step("{delay: {minutes: '{{ x }}', seconds: -1}}"), "action.delay.invalid");
            SchemaFinding f = error(step("{delay: soon}"), "action.delay.invalid");
            assertThat(f.message()).isEqualTo("offset soon should be format 'HH:MM', 'HH:MM:SS' or 'HH:MM:SS.F'");
            error(step("{delay: {weeks: 1}}"), "action.delay.invalid");
        }

        @Test
        void conditionStep() {
            valid(step("{condition: state, entity_id: light.x, state: 'on'}"));
            valid(step("{condition: \"{{ true }}\"}"));
            valid(step("{or: [\"{{ true }}\"]}"));
            error(step("{condition: state, entity_id: light.x, state: 'on', continue_on_error: true}"), "condition.state.extra_key");
        }

        @Test
        void actionBaseKeys() {
            error(step("{delay: 1, continue_on_error: maybe}"), "action.base.continue_on_error_invalid");
            valid(step("{delay: 1, enabled: '{{ false }}'}"));
        }

        @Test
        void actionsMayBeASingleMapping() {
            valid("triggers: []\nactions:\n  action: light.turn_on\n  entity_id: light.x\n");
        }
    }

    // =============================================================================================================
    @Nested
    class Blueprints {
        @Test
        void validInstance() {
            List<SchemaFinding> f = check("""
                    alias: Bathroom Lights Off
                    id: c50e3d67
                    use_blueprint:
                      path: alarm_armed_lights_off.yaml
                      input:
                        lights: {area_id: bathroom}
                    """);
            assertThat(f).extracting(SchemaFinding::rule).containsExactly("blueprint.instance");
            assertThat(f.get(0).severity()).isEqualTo(Severity.INFO);
            assertThat(HaAutomationSchema.status(f)).isEqualTo(Status.OK);
        }

        @Test
        void pathIsRequiredAndEndsInYaml() {
            List<SchemaFinding> f = check("use_blueprint: {input: {}}\n");
            assertThat(f).extracting(SchemaFinding::rule).contains("blueprint.path_required");
            assertThat(HaAutomationSchema.status(f)).isEqualTo(Status.FAILED_BLUEPRINT);
            error("use_blueprint: {path: motion_light.yml, input: {}}\n", "blueprint.path_suffix");
            error("use_blueprint: {path: ../../secrets.yaml, input: {}}\n", "blueprint.path_invalid");
            error("use_blueprint: {path: a.yaml, input: [x]}\n", "blueprint.input_invalid");
            error("use_blueprint: {path: a.yaml, inputs: {}}\n", "blueprint.unknown_key");
            warning("use_blueprint: {path: a.yaml}\n", "blueprint.input_missing");
        }

        @Test
        void instanceKeysAreStillChecked() {
            List<SchemaFinding> f = check("id: 5\nmode: sometimes\nuse_blueprint: {path: a.yaml, input: {}}\n");
            assertThat(f).extracting(SchemaFinding::rule)
                    .contains("automation.id_not_string", "automation.mode_invalid");
            assertThat(HaAutomationSchema.status(f)).isEqualTo(Status.FAILED_BLUEPRINT);
        }

        @Test
        void inputAndSecretTagsAreOpaque() {
            valid("""
                    triggers:
                      - trigger: state
                        entity_id: !input motion_entity
                        to: !input target_state
                        for: !input no_motion_wait
                    conditions: !input extra_conditions
                    actions:
                      - action: !input light_action
                        target: !input light_target
                      - delay: !input wait
                      - action: notify.x
                        data: {token: !secret token}
                    mode: !input mode
                    """);
        }
    }

    // =============================================================================================================
    @Nested
    class ValueFormats {
        @ParameterizedTest
        @ValueSource(strings = {"light.kitchen", "sensor.t1", "a.b", "light.kitchen_2", "input_number.x_y_z",
                "binary_sensor.0x1234"})
        void validEntityIds(String id) {
            assertThat(HaValues.isValidEntityId(id)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"light", "light.", ".kitchen", "light.kitchen.lamp", "light._kitchen", "light.kitchen_",
                "_light.kitchen", "light_.kitchen", "light.kit__chen", "li__ght.kitchen", "light.Kitchen",
                "light.kitchen lamp", "light.kitchen-lamp", "light.küche", ""})
        void invalidEntityIds(String id) {
            assertThat(HaValues.isValidEntityId(id)).isFalse();
        }

        @Test
        void timeOfDay() {
            assertThat(HaValues.parseTimeOfDay("07:30")).containsExactly(7, 30, 0);
            assertThat(HaValues.parseTimeOfDay("7:5:9")).containsExactly(7, 5, 9);
            assertThat(HaValues.parseTimeOfDay("23:59:59")).containsExactly(23, 59, 59);
            assertThat(HaValues.parseTimeOfDay("24:00")).isNull();
            assertThat(HaValues.parseTimeOfDay("12:60")).isNull();
            assertThat(HaValues.parseTimeOfDay("12")).isNull();
            assertThat(HaValues.parseTimeOfDay(81000)).isNull();
            assertThat(HaValues.parseTimeOfDay("07:30:00.5")).isNull();
        }

        @Test
        void timePeriods() {
            assertThat(HaValues.timePeriodScalar("00:05")).isEqualTo(300.0);     // HH:MM
            assertThat(HaValues.timePeriodScalar("5:00")).isEqualTo(18000.0);    // quoted "5:00" = 5 hours
            assertThat(HaValues.timePeriodScalar(300)).isEqualTo(300.0);         // unquoted 5:00 = 300 s
            assertThat(HaValues.timePeriodScalar("01:02:03.5")).isEqualTo(3723.5);
            assertThat(HaValues.timePeriodScalar("-00:15:00")).isEqualTo(-900.0);
            assertThat(HaValues.timePeriodScalar("+1:00")).isEqualTo(3600.0);
            assertThat(HaValues.timePeriodScalar("90")).isEqualTo(90.0);
            assertThat(HaValues.timePeriodScalar(1.5)).isEqualTo(1.5);
            assertThat(HaValues.timePeriodScalar("1:2:3:4")).isNull();
            assertThat(HaValues.timePeriodScalar("soon")).isNull();
        }

        @Test
        void booleansFollowCvBoolean() {
            for (String v : List.of("true", "yes", "on", "enable", "1", "false", "no", "off", "disable", "0", "ON")) {
                valid("initial_state: '" + v + "'\ntriggers: []\nactions: []\n");
            }
            valid("initial_state: 2\ntriggers: []\nactions: []\n");
            error("initial_state: 'y'\ntriggers: []\nactions: []\n", "automation.initial_state_invalid");
        }

        @Test
        void templates() {
            assertThat(HaValues.isTemplate("{{ x }}")).isTrue();
            assertThat(HaValues.isTemplate("{% if %}")).isTrue();
            assertThat(HaValues.isTemplate("{# c #}")).isTrue();
            assertThat(HaValues.isTemplate("plain {x}")).isFalse();
            assertThat(HaValues.templateError("{{ states('sensor.x') | float(0) }}")).isNull();
            assertThat(HaValues.templateError("{{ '}}' }}")).isNull();
            assertThat(HaValues.templateError("{%- if a -%}x{%- elif b %}y{% else %}z{% endif %}")).isNull();
            assertThat(HaValues.templateError("{% for i in x %}{{ i }}{% endfor %}")).isNull();
            assertThat(HaValues.templateError("{% set x = 1 %}{{ x }}")).isNull();
            assertThat(HaValues.templateError("{% raw %}{{ {% endraw %}")).isNull();
            assertThat(HaValues.templateError("{{ x")).isNotNull();
            assertThat(HaValues.templateError("{% if x %}")).contains("endif");
            assertThat(HaValues.templateError("{% endif %}")).isNotNull();
            assertThat(HaValues.templateError("{# open")).isNotNull();
        }

        @Test
        void templatesAreAcceptedWhereHaAcceptsThem() {
            valid("""
                    triggers: [{trigger: template, value_template: "{{ true }}", for: "{{ 5 }}"}]
                    variables: {x: "{{ 1 }}"}
                    actions:
                      - action: "{{ 'light.turn_on' }}"
                        target: {entity_id: "{{ x }}", area_id: ["{{ y }}", kitchen]}
                        data: {brightness: "{{ 5 }}", nested: ["{{ a }}", {b: "{{ b }}"}]}
                      - delay: "{{ 5 }}"
                      - wait_template: "{{ true }}"
                        timeout: "{{ 10 }}"
                      - repeat: {count: "{{ 3 }}", sequence: []}
                      - repeat: {for_each: "{{ [1, 2] }}", sequence: []}
                    """);
            error(step("{action: light.turn_on, data: {brightness: '{{ 5 '}}"), "action.service.template_invalid");
        }
    }

    // =============================================================================================================
    @Nested
    class OrderStatusAndMessages {
        @Test
        void findingsAreOrderedByStage() {
            List<SchemaFinding> f = check("""
                    triggers: [{trigger: state, entity_id: light.a, to: on}]
                    conditions: [{condition: sun}]
                    actions: [{action: light.turn_on, brightness: 5}]
                    mode: never
                    """);
            assertThat(f).extracting(SchemaFinding::rule).containsExactly(
                    "action.service.extra_key", "automation.mode_invalid",
                    "trigger.state.to_not_string",
                    "condition.sun.field_required");
            assertThat(f).extracting(HaAutomationSchema::stageOf).containsExactly(
                    HaAutomationSchema.Stage.SCHEMA, HaAutomationSchema.Stage.SCHEMA,
                    HaAutomationSchema.Stage.TRIGGERS, HaAutomationSchema.Stage.CONDITIONS);
            assertThat(HaAutomationSchema.status(f)).isEqualTo(Status.FAILED_SCHEMA);
        }

        @Test
        void statuses() {
            assertThat(HaAutomationSchema.status(check("triggers: []\nactions: []\n"))).isEqualTo(Status.OK);
            assertThat(HaAutomationSchema.status(check("actions: []\n"))).isEqualTo(Status.FAILED_SCHEMA);
            assertThat(HaAutomationSchema.status(check(trigger("{trigger: nope}")))).isEqualTo(Status.FAILED_TRIGGERS);
            assertThat(HaAutomationSchema.status(check(condition("{condition: nope}")))).isEqualTo(Status.FAILED_CONDITIONS);
            assertThat(HaAutomationSchema.status(check(step("{if: [{condition: nope}], then: []}"))))
                    .isEqualTo(Status.FAILED_ACTIONS);
            assertThat(HaAutomationSchema.status(check("use_blueprint: {input: {}}"))).isEqualTo(Status.FAILED_BLUEPRINT);
            assertThat(Status.FAILED_TRIGGERS.value()).isEqualTo("failed_triggers");
            // warnings alone keep the automation ok
            assertThat(HaAutomationSchema.status(check("hide_entity: true\ntriggers: []\nactions: []\n"))).isEqualTo(Status.OK);
        }

        @Test
        void firstErrorMessageFollowsVoluptuous() {
            assertThat(HaAutomationSchema.firstErrorMessage(check("actions: []\n")))
                    .isEqualTo("required key not provided @ data['triggers']");
            assertThat(HaAutomationSchema.firstErrorMessage(check(
                    "trigger: []\naction: [{delay: 1}, {action: light.turn_on, target: {entity_id: Bad Id}}]\n")))
                    .isEqualTo("Entity Bad Id is neither a valid entity ID nor a valid UUID"
                            + " @ data['actions'][1]['target']['entity_id']");
            assertThat(HaAutomationSchema.firstErrorMessage(check(step("{nothing: 1}"))))
                    .isEqualTo("Unable to determine action @ data['actions'][0]");
            assertThat(HaAutomationSchema.firstErrorMessage(check(trigger("{platform: nope}"))))
                    .isEqualTo("Invalid trigger 'nope' specified");
            assertThat(HaAutomationSchema.firstErrorMessage(check(trigger("{trigger: state, entity_id: x.y, from: a, not_from: b}"))))
                    .isEqualTo("two or more values in the same group of exclusion 'from' @ data[<from>]");
            assertThat(HaAutomationSchema.configApiMessage(check("triggers: []\n")))
                    .isEqualTo("Message malformed: required key not provided @ data['actions']");
            assertThat(HaAutomationSchema.configApiMessage(check("triggers: []\nactions: []\n"))).isNull();
        }

        @Test
        void everyFindingHasPathRuleMessageAndHint() {
            List<SchemaFinding> f = check("""
                    id: 1
                    trigger: [{platform: time_pattern, minutes: '/0'}, {platform: nope}]
                    condition: [{condition: time, after: '25:00'}]
                    action: [{service: x, action: y}, {delay: -1}, {scene: light.x}]
                    mode: x
                    extra: 1
                    """);
            assertThat(f).isNotEmpty().allSatisfy(finding -> {
                assertThat(finding.rule()).matches("[a-z_]+(\\.[a-z_]+)+");
                assertThat(finding.message()).isNotBlank();
                assertThat(finding.hint()).isNotBlank();
                assertThat(finding.severity()).isNotNull();
            });
            assertThat(f).extracting(SchemaFinding::path).contains("id", "trigger[0].minutes", "trigger[1].platform",
                    "condition[0].after", "action[0]", "action[1].delay", "action[2].scene", "mode", "extra");
        }
    }

    @Test
    void validatorIsFastEnough() {
        Map<?, ?> automation = (Map<?, ?>) HaYaml.load("""
                id: '1'
                alias: Hall light at dusk
                triggers: [{trigger: sun, event: sunset, offset: '-00:15:00'}, {trigger: state, entity_id: binary_sensor.hall, to: 'on'}]
                conditions: [{condition: state, entity_id: person.anna, state: home}, "{{ true }}"]
                actions:
                  - action: light.turn_on
                    target: {entity_id: light.hall}
                    data: {brightness_pct: 40}
                  - delay: '00:05:00'
                  - choose: [{conditions: [{condition: time, after: '22:00'}], sequence: [{action: light.turn_off, entity_id: light.hall}]}]
                mode: single
                """);
        for (int i = 0; i < 20_000; i++) {
            SCHEMA.validate(automation);
        }
        long start = System.nanoTime();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            SCHEMA.validate(automation);
        }
        double perSecond = n / ((System.nanoTime() - start) / 1e9);
        System.out.printf("validator throughput (single automation): %.0f/s%n", perSecond);
        // a loose floor: the build machine is shared; CorpusTest prints the corpus figure
        assertThat(perSecond).isGreaterThan(1_000);
    }
}
