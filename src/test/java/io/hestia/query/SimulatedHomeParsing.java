package io.hestia.query;

import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.ha.schema.SchemaFinding;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser tests' home: the built-in simulated home's layout (seed 42, 30 devices: persons Sam and Robin, an
 * entrance with a door sensor, a lock and two lights, a bathroom with motion, ...), built once, and helpers to parse
 * over it and to check drafts with HA's own schema rules.
 */
final class SimulatedHomeParsing {

    static final HomeIndex HOME = HomeIndex.of(SyntheticHomeGenerator.generate(new SyntheticSpec(42,
            HomeType.SINGLE_FAMILY, 30, 1, Instant.parse("2026-11-24T00:00:00Z"), ZoneId.of("Europe/Berlin"))).home());
    static final RequestParser PARSER = new RequestParser();
    private static final HaAutomationSchema SCHEMA = new HaAutomationSchema();

    private SimulatedHomeParsing() {
    }

    static Understanding parse(String text) {
        return PARSER.parse(text, HOME, null, Map.of());
    }

    /** The entity ids resolved in a role (target, trigger, condition). */
    static List<String> ids(Understanding u, String role) {
        return u.entities().stream().filter(e -> e.role().equals(role)).map(Understanding.EntityMatch::entityId)
                .toList();
    }

    /** There is a draft, and HA's schema rules find no error in it. */
    static void assertValidDraft(Understanding u) {
        assertThat(u.draft()).as("draft").isNotNull();
        List<SchemaFinding> errors = SCHEMA.validate(u.draft()).stream().filter(SchemaFinding::isError).toList();
        assertThat(errors).as("HA schema errors in %s", u.draft()).isEmpty();
    }
}
