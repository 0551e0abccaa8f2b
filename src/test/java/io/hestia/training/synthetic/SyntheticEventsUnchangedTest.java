package io.hestia.training.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.hestia.ha.home.StateEvent;

/**
 * Pins the generated events of two homes (count and SHA-256 over every field of every event, in order). Changes to
 * the ground truth export must not change what is generated: the same seed gives the same events as before the
 * truth was completed (values recorded on the generator before that change).
 */
class SyntheticEventsUnchangedTest {

    static final Instant END = Instant.parse("2026-04-20T00:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static String digest(SyntheticHome sh) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (StateEvent e : sh.home().events()) {
            String line = e.entityId() + '|' + e.state() + '|' + e.oldState() + '|' + e.lastChanged() + '|'
                    + e.lastUpdated() + '|' + e.contextId() + '|' + e.userId() + '|' + e.parentId() + '|'
                    + e.origin() + '|' + (e.attributes() == null ? null : new TreeMap<>(e.attributes())) + '\n';
            md.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void generatedEventsAreUnchanged() throws Exception {
        SyntheticHome apartment = SyntheticHomeGenerator.generate(
                new SyntheticSpec(1, HomeType.APARTMENT, 90, 14, END, BERLIN));
        SyntheticHome townhouse = SyntheticHomeGenerator.generate(
                new SyntheticSpec(3, HomeType.TOWNHOUSE, 90, 14, END, BERLIN));
        assertThat(apartment.home().events()).hasSize(APARTMENT_EVENTS);
        assertThat(digest(apartment)).isEqualTo(APARTMENT_SHA256);
        assertThat(townhouse.home().events()).hasSize(TOWNHOUSE_EVENTS);
        assertThat(digest(townhouse)).isEqualTo(TOWNHOUSE_SHA256);
    }

    static final int APARTMENT_EVENTS = 385_510;
    static final String APARTMENT_SHA256 =
            "aa73675114503b5f4344dcaa1ac33cc1d336023d689194e729211b873b3ade35";
    static final int TOWNHOUSE_EVENTS = 352_920;
    static final String TOWNHOUSE_SHA256 =
            "0afae99fc04e29281e5892819e9f9c59137889bacdd1cd0646e1b5d9152c8467";
}
