package io.hestia.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.hestia.automation.validate.AutomationValidator;
import io.hestia.automation.validate.Finding;
import io.hestia.automation.validate.HomeContext;
import io.hestia.automation.validate.SafetyLevel;
import io.hestia.automation.validate.ValidationReport;
import io.hestia.ha.home.Home;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;

/**
 * "After sunset" and "after dark" drafts name HA's {@code sun.sun}; on the built-in simulated home (a synthetic home)
 * they used to fail Hestia's own validator with {@code home.entity_unknown}. The home now has the sun, and the
 * draft checks clean against the home's registries.
 */
class AfterSunsetOnSyntheticHomeTest {

    /** The built-in simulated home's spec (application.properties: seed 42, single family, 30 devices). */
    static final Home HOME = SyntheticHomeGenerator.generate(new SyntheticSpec(42, HomeType.SINGLE_FAMILY, 30, 2,
            Instant.parse("2026-11-24T00:00:00Z"), ZoneId.of("Europe/Berlin"))).home();

    static HomeContext context(Home home) {
        return new HomeContext(
                home.entities().stream().map(Home.Entity::entityId).collect(Collectors.toSet()),
                home.areas().stream().map(Home.Area::areaId).collect(Collectors.toSet()),
                home.floors().stream().map(Home.Floor::floorId).collect(Collectors.toSet()),
                home.devices().stream().map(Home.Device::id).collect(Collectors.toSet()),
                Set.of(), null, "°C");
    }

    @Test
    void anAfterSunsetDraftIsValidOnTheSimulatedHome() {
        Understanding u = new RequestParser().parse("turn on the entrance ceiling light when the entrance motion "
                + "detects motion after sunset", HomeIndex.of(HOME), null, Map.of());
        assertThat(u.draft()).as("draft").isNotNull();
        assertThat(u.draft().get("conditions").toString()).contains("sun.sun").contains("below_horizon");

        ValidationReport report = new AutomationValidator().validate(u.draft(), context(HOME), SafetyLevel.MODERATE);
        assertThat(report.findings()).extracting(Finding::rule).doesNotContain("home.entity_unknown");
        assertThat(report.valid()).as("%s", report.findings()).isTrue();
    }
}
