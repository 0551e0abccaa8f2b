package io.hestia.training.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.hestia.ha.home.Home;
import io.hestia.ha.home.StateEvent;
import io.hestia.platform.Json;

/**
 * Pins the generated events of two homes (count and SHA-256 over every field of every event, in order). Changes to
 * the ground truth export must not change what is generated: the same seed gives the same events as before the
 * truth was completed (values recorded on the generator before that change).
 *
 * <p>The same holds for {@code sun.sun}: it was added later and draws on none of the generator's random streams,
 * so without it the events, the other entities and the ground truth are exactly those of the generator before it
 * (entity and truth digests recorded on the generator before the sun was added).
 */
class SyntheticEventsUnchangedTest {

    static final Instant END = Instant.parse("2026-04-20T00:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static final String SUN = "sun.sun";

    static List<StateEvent> withoutSun(SyntheticHome sh) {
        return sh.home().events().stream().filter(e -> !e.entityId().equals(SUN)).toList();
    }

    static String digest(SyntheticHome sh) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (StateEvent e : withoutSun(sh)) {
            String line = e.entityId() + '|' + e.state() + '|' + e.oldState() + '|' + e.lastChanged() + '|'
                    + e.lastUpdated() + '|' + e.contextId() + '|' + e.userId() + '|' + e.parentId() + '|'
                    + e.origin() + '|' + (e.attributes() == null ? null : new TreeMap<>(e.attributes())) + '\n';
            md.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String entityDigest(SyntheticHome sh) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Home.Entity e : sh.home().entities()) {
            if (e.entityId().equals(SUN)) {
                continue;
            }
            String line = e.entityId() + '|' + e.name() + '|' + e.aliases() + '|' + e.areaId() + '|' + e.deviceId()
                    + '|' + e.deviceClass() + '|' + e.state() + '|' + new TreeMap<>(e.attributes()) + '\n';
            md.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String truthDigest(SyntheticHome sh) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Json.write(sh.truth()).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void generatedEventsAreUnchanged() throws Exception {
        SyntheticHome apartment = SyntheticHomeGenerator.generate(
                new SyntheticSpec(1, HomeType.APARTMENT, 90, 14, END, BERLIN));
        SyntheticHome townhouse = SyntheticHomeGenerator.generate(
                new SyntheticSpec(3, HomeType.TOWNHOUSE, 90, 14, END, BERLIN));
        assertThat(withoutSun(apartment)).hasSize(APARTMENT_EVENTS);
        assertThat(digest(apartment)).isEqualTo(APARTMENT_SHA256);
        assertThat(withoutSun(townhouse)).hasSize(TOWNHOUSE_EVENTS);
        assertThat(digest(townhouse)).isEqualTo(TOWNHOUSE_SHA256);
        // the sun's own events: a sunrise and a sunset on each of the 14 days
        assertThat(apartment.home().events()).hasSize(APARTMENT_EVENTS + 28);
        assertThat(townhouse.home().events()).hasSize(TOWNHOUSE_EVENTS + 28);

        assertThat(apartment.home().entities()).hasSize(APARTMENT_ENTITIES + 1);
        assertThat(entityDigest(apartment)).isEqualTo(APARTMENT_ENTITIES_SHA256);
        assertThat(truthDigest(apartment)).isEqualTo(APARTMENT_TRUTH_SHA256);
        assertThat(townhouse.home().entities()).hasSize(TOWNHOUSE_ENTITIES + 1);
        assertThat(entityDigest(townhouse)).isEqualTo(TOWNHOUSE_ENTITIES_SHA256);
        assertThat(truthDigest(townhouse)).isEqualTo(TOWNHOUSE_TRUTH_SHA256);
    }

    static final int APARTMENT_EVENTS = 385_510;
    static final String APARTMENT_SHA256 =
            "aa73675114503b5f4344dcaa1ac33cc1d336023d689194e729211b873b3ade35";
    static final int TOWNHOUSE_EVENTS = 352_920;
    static final String TOWNHOUSE_SHA256 =
            "0afae99fc04e29281e5892819e9f9c59137889bacdd1cd0646e1b5d9152c8467";

    static final int APARTMENT_ENTITIES = 204;
    static final String APARTMENT_ENTITIES_SHA256 =
            "2867d39b446d4ea10d043322eb080154a02b3c69f02dc3e860465425e3a20d3e";
    static final String APARTMENT_TRUTH_SHA256 =
            "99c68e31adf42d3f89afbd21d9f768211de8f84d0f147dcdb7f2397c4ef483df";
    static final int TOWNHOUSE_ENTITIES = 204;
    static final String TOWNHOUSE_ENTITIES_SHA256 =
            "eb38a21ba4ae7de3a8dd1799f252c4845f48b91425d283fb13bc79e3ff17a00d";
    static final String TOWNHOUSE_TRUTH_SHA256 =
            "b6dc68a1ebc0f1b67d509f92e7d134427671b17fafe207dab3089640215b7c25";
}
