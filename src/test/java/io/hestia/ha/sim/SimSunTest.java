package io.hestia.ha.sim;

import static io.hestia.ha.sim.SimFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.ha.HaTime;
import io.hestia.ha.home.Home;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * A synthetic home's {@code sun.sun} as the simulator serves it: its state object like HA's, and, played live, its
 * sunset and sunrise arriving with fresh attributes.
 */
class SimSunTest {

    @Test
    void theSunIsServedAndPlaysForward() {
        // 08:00 UTC (09:00 in Berlin), the home's history running a day past it: the sun is up, it sets at about
        // 15:10 UTC and rises again the next morning
        Instant start = SimFixtures.START;
        Home home = SyntheticHomeGenerator.generate(new SyntheticSpec(11, HomeType.STUDIO, 10, 3,
                start.plus(Duration.ofDays(1)), ZoneId.of("Europe/Berlin"))).home();
        SimFixtures.MutableClock clock = new SimFixtures.MutableClock(start);
        HaSimulator sim = SimFixtures.simulator(home, clock).playbackSpeed(3600).build();   // a second is an hour
        sim.start();
        try {
            SimFixtures.Resp r = get(sim, "/api/states/sun.sun");
            assertThat(r.status()).isEqualTo(200);
            JsonNode sun = r.json();
            assertThat(sun.get("state").asText()).isEqualTo("above_horizon");
            JsonNode a = sun.get("attributes");
            assertThat(a.get("friendly_name").asText()).isEqualTo("Sun");
            assertThat(a.get("rising").asBoolean()).isTrue();
            long nextSetting = HaTime.parseMillis(a.get("next_setting").asText());
            assertThat(nextSetting).isBetween(start.toEpochMilli(), start.toEpochMilli() + 10 * 3_600_000L);
            assertThat(HaTime.parseMillis(a.get("next_rising").asText())).isGreaterThan(nextSetting);
            assertThat(get(sim, "/api/states").json().findValuesAsText("entity_id")).contains("sun.sun");

            clock.advance(8_000);   // 16:00 UTC: after sunset
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.state("sun.sun").orElse("").equals("below_horizon"));
            JsonNode set = get(sim, "/api/states/sun.sun").json();
            assertThat(HaTime.parseMillis(set.get("last_changed").asText())).isEqualTo(nextSetting);
            assertThat(HaTime.parseMillis(set.get("attributes").get("next_setting").asText()))
                    .isGreaterThan(nextSetting + 20 * 3_600_000L);

            clock.advance(16_000);  // 08:00 UTC the next day: risen again
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.state("sun.sun").orElse("").equals("above_horizon"));
        } finally {
            sim.stop();
        }
    }
}
