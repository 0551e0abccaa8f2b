package io.hestia.automation.validate;

import static io.hestia.automation.validate.TestHomes.celsius;
import static io.hestia.automation.validate.TestHomes.rules;
import static io.hestia.automation.validate.TestHomes.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HomeChecksTest {

    private static List<Finding> check(String text) {
        return HomeChecks.check(yaml(text), celsius());
    }

    @Test
    void knownReferencesPass() {
        assertThat(check("""
                triggers:
                  - trigger: state
                    entity_id: binary_sensor.hall_motion
                    to: "on"
                conditions:
                  - condition: state
                    entity_id: person.anna
                    state: home
                actions:
                  - action: light.turn_on
                    target: {entity_id: light.kitchen, area_id: kitchen}
                """)).isEmpty();
    }

    @Test
    void unknownEntityInModernTargetNamesPathAndNearestIds() {
        List<Finding> f = check("""
                triggers: [{trigger: state, entity_id: binary_sensor.hall_motion}]
                actions:
                  - action: light.turn_on
                    target: {entity_id: light.kitchen_celing}
                """);
        assertThat(f).hasSize(1);
        Finding finding = f.get(0);
        assertThat(finding.rule()).isEqualTo("home.entity_unknown");
        assertThat(finding.severity()).isEqualTo(Finding.ERROR);
        assertThat(finding.category()).isEqualTo("home");
        assertThat(finding.path()).isEqualTo("actions[0].target.entity_id");
        assertThat(finding.hint()).startsWith("Did you mean light.kitchen_ceiling").doesNotContain("lock.");
    }

    @Test
    void legacySpellingsAreChecked() {
        List<Finding> f = check("""
                trigger:
                  platform: state
                  entity_id: binary_sensor.hall_motoin
                action:
                  - service: light.turn_on
                    entity_id: light.nowhere
                  - service: light.turn_off
                    data: {entity_id: light.elsewhere}
                  - service: light.turn_off
                    data_template: {entity_id: light.nothere}
                """);
        assertThat(f).extracting(Finding::path).containsExactly("trigger.entity_id", "action[0].entity_id",
                "action[1].data.entity_id", "action[2].data_template.entity_id");
        assertThat(f.get(0).hint()).contains("binary_sensor.hall_motion");
    }

    @Test
    void listsAndCommaSeparatedStringsAreSplit() {
        List<Finding> f = check("""
                triggers: [{trigger: state, entity_id: "light.kitchen, light.gone"}]
                actions: [{action: light.turn_off, target: {entity_id: [light.kitchen, light.missing]}}]
                """);
        assertThat(f).extracting(Finding::message).hasSize(2)
                .anyMatch(m -> m.contains("light.gone")).anyMatch(m -> m.contains("light.missing"));
        assertThat(f.get(1).path()).isEqualTo("actions[0].target.entity_id");
    }

    @Test
    void nestedStepsAndConditionsAreWalked() {
        List<Finding> f = check("""
                triggers:
                  - trigger: state
                    entity_id: binary_sensor.hall_motion
                conditions:
                  - or:
                      - condition: state
                        entity_id: person.bob
                        state: home
                      - not:
                          - condition: state
                            entity_id: input_boolean.gone1
                            state: "on"
                actions:
                  - choose:
                      - conditions: [{condition: state, entity_id: light.gone2, state: "on"}]
                        sequence: [{action: light.turn_on, target: {entity_id: light.gone3}}]
                    default: [{action: light.turn_off, target: {entity_id: light.gone4}}]
                  - if: [{condition: state, entity_id: light.kitchen, state: "on"}]
                    then: [{action: light.turn_off, target: {entity_id: light.gone5}}]
                    else: [{action: light.turn_on, target: {entity_id: light.gone6}}]
                  - repeat:
                      count: 2
                      sequence: [{action: light.toggle, target: {entity_id: light.gone7}}]
                  - parallel:
                      - action: light.turn_on
                        target: {entity_id: light.gone8}
                      - sequence: [{scene: scene.gone9}]
                  - sequence: [{action: light.turn_on, target: {entity_id: light.gone10}}]
                  - wait_for_trigger: [{trigger: state, entity_id: light.gone11}]
                    timeout: 60
                  - condition: state
                    entity_id: light.gone12
                    state: "on"
                """);
        assertThat(f).extracting(Finding::path).containsExactly(
                "conditions[0].or[0].entity_id",
                "conditions[0].or[1].not[0].entity_id",
                "actions[0].choose[0].conditions[0].entity_id",
                "actions[0].choose[0].sequence[0].target.entity_id",
                "actions[0].default[0].target.entity_id",
                "actions[1].then[0].target.entity_id",
                "actions[1].else[0].target.entity_id",
                "actions[2].repeat.sequence[0].target.entity_id",
                "actions[3].parallel[0].target.entity_id",
                "actions[3].parallel[1].sequence[0].scene",
                "actions[4].sequence[0].target.entity_id",
                "actions[5].wait_for_trigger[0].entity_id",
                "actions[6].entity_id");
        assertThat(rules(f)).containsOnly("home.entity_unknown");
    }

    @Test
    void templatesTagsAllAndNoneAreSkipped() {
        assertThat(check("""
                triggers: [{trigger: state, entity_id: !input motion_sensor}]
                actions:
                  - action: light.turn_on
                    target:
                      entity_id: "{{ states.light | map(attribute='entity_id') | list }}"
                  - action: light.turn_off
                    target: {entity_id: all}
                  - action: light.turn_off
                    entity_id: none
                  - action: light.turn_on
                    data:
                      entity_id: [!input light_target, "{{ trigger.entity_id }}"]
                """)).isEmpty();
    }

    @Test
    void areasDevicesFloorsAndLabelsAreChecked() {
        List<Finding> f = check("""
                triggers:
                  - trigger: device
                    device_id: ffffffffffffffffffffffffffffffff
                    domain: zha
                    type: remote_button_short_press
                actions:
                  - action: light.turn_on
                    target:
                      area_id: [kitchen, kitchn]
                      floor_id: attic
                      label_id: night
                      device_id: 0f1e2d3c4b5a69788796a5b4c3d2e1f0
                  - action: light.turn_off
                    target: {label_id: holiday}
                """);
        assertThat(rules(f)).containsExactly("home.device_unknown", "home.area_unknown", "home.floor_unknown",
                "home.label_unknown");
        assertThat(f.get(1).hint()).contains("kitchen");
        assertThat(f.get(1).path()).isEqualTo("actions[0].target.area_id");
    }

    @Test
    void servicesAreCheckedAgainstTheirDomain() {
        List<Finding> f = check("""
                triggers: [{trigger: state, entity_id: binary_sensor.hall_motion}]
                actions:
                  - action: light.turn_onn
                    target: {entity_id: light.kitchen}
                  - service: lamp.turn_on
                  - action: script.bedtime
                  - service: notify.mobile_app_anna
                    data: {message: hi}
                  - action: "{{ 'light.turn_' ~ state }}"
                """);
        assertThat(rules(f)).containsExactly("home.service_unknown", "home.service_domain_unknown");
        assertThat(f.get(0).path()).isEqualTo("actions[0].action");
        assertThat(f.get(0).hint()).contains("toggle, turn_off, turn_on");
        assertThat(f.get(1).path()).isEqualTo("actions[1].service");
    }

    @Test
    void withoutAServiceListScriptsMustStillExist() {
        HomeContext home = new HomeContext(TestHomes.ENTITIES, null, null, null, null, null, null);
        List<Finding> f = HomeChecks.check(yaml("""
                triggers: [{trigger: state, entity_id: binary_sensor.hall_motion}]
                actions:
                  - action: lamp.turn_on
                  - action: script.bedtime
                  - action: script.wake_up
                  - action: script.turn_on
                    target: {entity_id: script.bedtime}
                  - action: light.turn_on
                    target: {area_id: nowhere}
                """), home);
        assertThat(f).extracting(Finding::rule, Finding::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("home.entity_unknown", "actions[2].action"));
    }

    @Test
    void sceneZoneTimeAndNewTriggerOptionsAreReferences() {
        List<Finding> f = check("""
                triggers:
                  - trigger: zone
                    entity_id: person.anna
                    zone: zone.work
                    event: enter
                  - trigger: time
                    at: [input_datetime.wake_up, input_datetime.bed_time, "07:30:00"]
                  - trigger: zone.occupancy_detected
                    options: {zone: zone.office}
                actions:
                  - scene: scene.morning
                """);
        assertThat(f).extracting(Finding::path).containsExactly("triggers[0].zone", "triggers[1].at[1]",
                "triggers[2].options.zone", "actions[0].scene");
    }

    @Test
    void automationScriptAndSceneEntitiesMustExist() {
        List<Finding> f = check("""
                triggers: [{trigger: state, entity_id: automation.night_lightz}]
                actions:
                  - action: automation.turn_off
                    target: {entity_id: automation.alarm_arming}
                  - action: scene.turn_on
                    target: {entity_id: scene.evenin}
                """);
        assertThat(f).extracting(Finding::path).containsExactly("triggers[0].entity_id",
                "actions[1].target.entity_id");
        assertThat(f.get(0).hint()).contains("automation.night_lights");
    }

    @Test
    void unknownHomeChecksNothing() {
        assertThat(HomeChecks.check(yaml("""
                triggers: [{trigger: state, entity_id: light.nowhere}]
                actions: [{action: nothing.at_all}]
                """), HomeContext.none())).isEmpty();
    }

    @Test
    void nearestStaysInTheDomainAndRanksSharedWordsFirst() {
        Set<String> ids = Set.of("light.kitchen_ceiling", "light.kitchen", "switch.kitchen_ceiling",
                "light.bedroom", "light.kitchen_island");
        assertThat(HomeChecks.nearest("light.kitchen_ceilng", ids, 3))
                .startsWith("light.kitchen_ceiling").hasSize(3).doesNotContain("switch.kitchen_ceiling");
        assertThat(HomeChecks.nearest("fan.kitchen", ids, 3)).isEmpty();
        assertThat(io.hestia.ha.schema.HaAutomationSchema.editDistance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void referencesAreCollectedForBuildingAHome() {
        HomeChecks.References refs = HomeChecks.References.empty();
        HomeChecks.collect(yaml("""
                triggers: [{trigger: state, entity_id: light.a}]
                actions: [{action: light.turn_on, target: {entity_id: light.b, area_id: kitchen}}]
                """), refs);
        assertThat(refs.entities()).containsExactly("light.a", "light.b");
        assertThat(refs.areas()).containsExactly("kitchen");
        assertThat(refs.services()).containsExactly("light.turn_on");
    }
}
