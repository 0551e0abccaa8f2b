package io.hestia.platform;

import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.ha.sim.HaSimulator;
import io.hestia.store.IngestStateStore;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The built-in simulated home used when no HA URL is configured: a seeded synthetic home served by the HA
 * simulator on loopback, reached through the real HA client. The home is anchored at the first start (the
 * anchor is kept in the store), so every restart regenerates exactly the same home and history: re-reading it
 * never duplicates events. It holds {@code days} of history before the anchor and as many days of activity
 * after it, played live as their time comes.
 */
final class EmbeddedHome implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedHome.class.getName());
    static final String ANCHOR_KEY = "embedded_home_anchor";

    private final HaSimulator simulator;
    private final String token;

    private EmbeddedHome(HaSimulator simulator, String token) {
        this.simulator = simulator;
        this.token = token;
    }

    static EmbeddedHome start(IngestStateStore state, long seed, String type, int devices, int days, double speed,
                              String token, Path automationsDir) {
        Map<String, String> config = state.config();
        Instant anchor;
        if (config.containsKey(ANCHOR_KEY)) {
            anchor = Instant.ofEpochMilli(Long.parseLong(config.get(ANCHOR_KEY)));
        } else {
            anchor = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            state.putConfig(Map.of(ANCHOR_KEY, String.valueOf(anchor.toEpochMilli())));
        }
        long t0 = System.nanoTime();
        SyntheticSpec spec = new SyntheticSpec(seed, HomeType.valueOf(type.toUpperCase(Locale.ROOT)), devices,
                2 * days, anchor.plus(days, ChronoUnit.DAYS), ZoneId.of("Europe/Berlin"));
        SyntheticHome home = SyntheticHomeGenerator.generate(spec);
        HaSimulator sim = HaSimulator.builder(home.home())
                .host("127.0.0.1")
                .port(0)
                .accessToken(token)
                .validator(new HaAutomationSchema())
                .automationsDir(automationsDir)
                .playbackSpeed(speed)
                .build();
        sim.start();
        LOG.info(() -> String.format(Locale.ROOT, "built-in simulated home (seed %d, %s, %d entities, %d events, "
                        + "anchored %s) at %s, ready in %d ms", seed, type, home.home().entities().size(),
                home.home().events().size(), anchor, sim.baseUrl(), (System.nanoTime() - t0) / 1_000_000));
        return new EmbeddedHome(sim, token);
    }

    String url() {
        return simulator.baseUrl();
    }

    String token() {
        return token;
    }

    @Override
    public void close() {
        simulator.stop();
    }
}
