package io.hestia.platform;

import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.ha.sim.HaSimulator;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The built-in simulated home used when no HA URL is configured: a seeded synthetic home served by the HA
 * simulator on loopback, reached through the real HA client. The home is anchored at the first start (the
 * anchor is kept with the simulated HA's own files, as a real HA keeps its own history), so every restart
 * regenerates exactly the same home and history: re-reading it never duplicates events. It holds {@code days} of history before the anchor and as many days of activity
 * after it, played live as their time comes. Generating and serving it runs in the background, beside Camel's
 * own start-up (the URL is fixed up front), and {@link #ready()} completes when it answers.
 */
final class EmbeddedHome implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedHome.class.getName());
    static final String ANCHOR_FILE = "anchor";

    private final String url;
    private final String token;
    private final CompletableFuture<HaSimulator> simulator;

    private EmbeddedHome(String url, String token, CompletableFuture<HaSimulator> simulator) {
        this.url = url;
        this.token = token;
        this.simulator = simulator;
    }

    /** Reserves a loopback port and starts generating and serving the home in the background. */
    static EmbeddedHome start(long seed, String type, int devices, int days, double speed,
                              String token, Path automationsDir) {
        int port = freePort();
        CompletableFuture<HaSimulator> sim = CompletableFuture.supplyAsync(
                () -> serve(seed, type, devices, days, speed, token, automationsDir, port),
                DaemonThreads.oneOff("embedded-home"));
        sim.whenComplete((s, e) -> {
            if (e != null) {
                LOG.log(Level.SEVERE, "the built-in simulated home could not start", e);
            }
        });
        return new EmbeddedHome("http://127.0.0.1:" + port, token, sim);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the built-in simulated home", e);
        }
    }

    private static HaSimulator serve(long seed, String type, int devices, int days,
                                     double speed, String token, Path automationsDir, int port) {
        Instant anchor = anchor(automationsDir);
        long t0 = System.nanoTime();
        SyntheticSpec spec = new SyntheticSpec(seed, HomeType.valueOf(type.toUpperCase(Locale.ROOT)), devices,
                2 * days, anchor.plus(days, ChronoUnit.DAYS), ZoneId.of("Europe/Berlin"));
        SyntheticHome home = SyntheticHomeGenerator.generate(spec);
        HaSimulator sim = HaSimulator.builder(home.home())
                .host("127.0.0.1")
                .port(port)
                .accessToken(token)
                .validator(new HaAutomationSchema())
                .automationsDir(automationsDir)
                .playbackSpeed(speed)
                .build();
        sim.start();
        LOG.info(() -> String.format(Locale.ROOT, "built-in simulated home (seed %d, %s, %d entities, %d events, "
                        + "anchored %s) at %s, ready in %d ms", seed, type, home.home().entities().size(),
                home.home().events().size(), anchor, sim.baseUrl(), (System.nanoTime() - t0) / 1_000_000));
        return sim;
    }

    /** The home's anchor: read from the simulated HA's directory, or set to this minute on the first start. */
    static Instant anchor(Path dir) {
        Path file = dir.resolve(ANCHOR_FILE);
        try {
            if (Files.exists(file)) {
                return Instant.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
            Instant anchor = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            Files.createDirectories(dir);
            Path tmp = dir.resolve(ANCHOR_FILE + ".tmp");
            Files.writeString(tmp, anchor + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return anchor;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the built-in home's anchor " + file, e);
        }
    }

    String url() {
        return url;
    }

    /** Completes when the simulator answers on {@link #url()}. */
    CompletableFuture<HaSimulator> ready() {
        return simulator;
    }

    String token() {
        return token;
    }

    @Override
    public void close() {
        simulator.thenAccept(HaSimulator::stop);
    }
}
