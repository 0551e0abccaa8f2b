package io.hestia.bench;

import io.hestia.ha.home.Home;
import io.hestia.ha.sim.HaSimulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Deploy round trips over HTTP: the real jar in front of an HA simulator (which, like HA, loads an automation in the
 * background 20 ms after answering the config POST). One client times {@code POST /api/v1/automations} from request
 * to answer, each a full deploy: validation against the home, HA's config API, confirmation that the
 * {@code automation.*} entity is on, and the version recorded durably. Three kinds: a new automation each time
 * (waits for HA to load it), an edit of an existing one (a new version), and a repeated deploy (HA already has it:
 * nothing changes). Usage: {@code bench/automation.sh deploy [count] [runs]}.
 */
public final class DeployBenchmark {

    private DeployBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Home home = BenchHomes.big(200);
        String light = home.entities().stream().map(Home.Entity::entityId).filter(e -> e.startsWith("light."))
                .findFirst().orElseThrow();
        String sensor = home.entities().stream().map(Home.Entity::entityId)
                .filter(e -> e.startsWith("binary_sensor.")).findFirst().orElseThrow();
        try (HaSimulator sim = HaSimulator.builder(home).accessToken("bench")
                .validator(new io.hestia.ha.schema.HaAutomationSchema()).build()) {
            sim.start();
            Path dir = Files.createTempDirectory("hestia-deploy-bench");
            int port = FoundationBenchmark.freePort();
            Process p = FoundationBenchmark.start(jar, dir, port, sim.baseUrl(), "HESTIA_AUTOMATION_SYNC", "false");
            try {
                FoundationBenchmark.waitHealthy(port, true);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                System.out.printf(Locale.ROOT, "home: %d entities; %d deploys per run and kind%n",
                        home.entities().size(), count);
                int[] seq = {0};
                // warm-up: the JIT compiles the deploy path on both sides
                run(http, port, "warm-up", 400, i -> yaml("warm_" + (seq[0]++ % 50), light, sensor, i % 60));
                int[] fresh = {0};
                for (int r = 0; r < runs; r++) {
                    int run = r;
                    run(http, port, "new automation", count, i -> yaml("new_" + run + "_" + fresh[0]++, light,
                            sensor, i % 60));
                    run(http, port, "edit (new version)", count, i -> yaml("edited", light, sensor, i % 60));
                    run(http, port, "repeated deploy", count, i -> yaml("edited", light, sensor, 7));
                }
                System.out.printf(Locale.ROOT, "resident memory: %d MB%n", FoundationBenchmark.rssMb(p.pid()));
            } finally {
                FoundationBenchmark.stop(p);
            }
        }
    }

    private static String yaml(String id, String light, String sensor, int minute) {
        return "id: " + id + "\nalias: Bench " + id + "\ndescription: deploy benchmark\nmode: restart\n"
                + "triggers:\n  - trigger: state\n    entity_id: " + sensor + "\n    to: \"on\"\n"
                + "conditions:\n  - condition: time\n    after: \"06:" + String.format(Locale.ROOT, "%02d", minute)
                + ":00\"\nactions:\n  - action: light.turn_on\n    target:\n      entity_id: " + light + "\n";
    }

    private static void run(HttpClient http, int port, String kind, int count,
                            java.util.function.IntFunction<String> body) throws Exception {
        long[] lat = new long[count];
        int errors = 0;
        for (int i = 0; i < count; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/automations")).header("Content-Type", "application/yaml")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body.apply(i))).build();
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            lat[i] = System.nanoTime() - t0;
            if (r.statusCode() >= 300 || !r.body().contains("\"confirmed\":true")) {
                errors++;
                if (errors <= 3) {
                    System.out.println("  unexpected answer " + r.statusCode() + ": " + r.body());
                }
            }
        }
        Arrays.sort(lat);
        System.out.printf(Locale.ROOT, "%-20s n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms  errors %d%n",
                kind, count, lat[count / 2] / 1e6, lat[(int) (count * 0.95)] / 1e6,
                lat[Math.min(count - 1, (int) (count * 0.99))] / 1e6, lat[count - 1] / 1e6, errors);
    }
}
