package io.hestia.ha.sim;

import io.hestia.ha.home.Home;
import io.hestia.ha.schema.AutomationSchemaValidator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Command line: {@code --home FILE --port P --token T [--host H] [--speed S] [--automations DIR]
 * [--ha-version V]}. Runs until SIGTERM / Ctrl-C.
 */
public final class HaSimulatorMain {

    static final String USAGE = "usage: ha-sim --home FILE --port P --token T [--host H] [--speed S] "
            + "[--automations DIR] [--ha-version V]";

    private HaSimulatorMain() {
    }

    /**
     * Runs the simulator with HA's validator ({@code io.hestia.ha.schema.HaAutomationSchema} when it is on the
     * class path, else one that accepts everything) until the JVM is asked to stop.
     *
     * @param homeLoader reads the {@code --home} file
     * @return exit code: 0 after a normal stop, 1 when the home cannot be read or the port cannot be bound,
     *         2 for bad arguments
     */
    public static int run(String[] args, Function<Path, Home> homeLoader) {
        return run(args, homeLoader, defaultValidator(System.err));
    }

    /** As {@link #run(String[], Function)} with an explicit validator. */
    public static int run(String[] args, Function<Path, Home> homeLoader, AutomationSchemaValidator validator) {
        CompletableFuture<Void> stop = new CompletableFuture<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.complete(null);
            try {
                done.await(15, TimeUnit.SECONDS); // let the simulator close before the JVM halts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ha-sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(args, homeLoader, validator, System.out, System.err, stop);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    /** Testable core: runs until {@code stop} completes. */
    static int run(String[] args, Function<Path, Home> homeLoader, AutomationSchemaValidator validator,
                   PrintStream out, PrintStream err, CompletableFuture<Void> stop) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Home home;
        try {
            home = homeLoader.apply(o.home);
        } catch (RuntimeException e) {
            err.println("cannot read home " + o.home + ": " + e.getMessage());
            return 1;
        }
        HaSimulator sim = HaSimulator.builder(home).host(o.host).port(o.port).accessToken(o.token)
                .haVersion(o.haVersion).validator(validator).automationsDir(o.automations)
                .playbackSpeed(o.speed).build();
        try {
            sim.start();
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return 1;
        }
        try {
            out.println("HA simulator listening on http://" + o.host + ":" + sim.port());
            out.flush();
            try {
                stop.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException ignored) {
                // stop requested
            }
            return 0;
        } finally {
            sim.stop();
        }
    }

    record Options(Path home, String host, int port, String token, double speed, Path automations,
                   String haVersion) {

        static Options parse(String[] args) {
            Map<String, String> values = new java.util.LinkedHashMap<>();
            List<String> known = List.of("--home", "--host", "--port", "--token", "--speed", "--automations",
                    "--ha-version");
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    value = a.substring(eq + 1);
                    a = a.substring(0, eq);
                }
                if (!known.contains(a)) {
                    throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value for " + a);
                    }
                    value = args[++i];
                }
                values.put(a, value);
            }
            for (String required : List.of("--home", "--port", "--token")) {
                if (!values.containsKey(required)) {
                    throw new IllegalArgumentException("missing " + required);
                }
            }
            int port;
            double speed;
            try {
                port = Integer.parseInt(values.get("--port"));
                speed = Double.parseDouble(values.getOrDefault("--speed", "1"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + e.getMessage());
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("bad port: " + port);
            }
            if (!(speed > 0)) {
                throw new IllegalArgumentException("speed must be > 0");
            }
            Path home = Path.of(values.get("--home"));
            Path automations = values.containsKey("--automations") ? Path.of(values.get("--automations")) : null;
            if (automations != null && Files.exists(automations) && !Files.isDirectory(automations)) {
                throw new IllegalArgumentException("--automations must be a directory: " + automations);
            }
            return new Options(home, values.getOrDefault("--host", "127.0.0.1"), port, values.get("--token"), speed,
                    automations, values.getOrDefault("--ha-version", "2026.1.0"));
        }
    }

    /** HA's validator when present on the class path, else an accept-all one (with a warning). */
    static AutomationSchemaValidator defaultValidator(PrintStream err) {
        try {
            Class<?> c = Class.forName("io.hestia.ha.schema.HaAutomationSchema");
            return (AutomationSchemaValidator) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            err.println("warning: io.hestia.ha.schema.HaAutomationSchema not available; automations are not"
                    + " validated");
            return automation -> List.of();
        }
    }
}
