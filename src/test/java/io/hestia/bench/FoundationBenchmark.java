package io.hestia.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Foundation benchmarks against the real jar in separate processes (see docs/benchmarks/foundation.md):
 * start to healthy, bulk ingest through POST /api/v1/events, history backfill from a simulator process,
 * and resident memory after the backfill. Run: {@code bench/foundation.sh}.
 */
public final class FoundationBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/hestia.jar").toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf(Locale.ROOT, "machine: %d cores, %s, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"));
        String only = args.length > 2 ? args[2] : "all";
        if (only.equals("all") || only.equals("startup")) {
            startup(jar, runs);
        }
        if (only.equals("all") || only.equals("ingest")) {
            ingest(jar, runs);
        }
        if (only.equals("all") || only.equals("backfill")) {
            backfill(jar, Math.max(1, runs / 2));
        }
    }

    /**
     * History backfill of about 1,000,000 events: a 100-device, 30-day synthetic home served by the HA simulator
     * (in this process), Hestia in its own process with no initial backfill; {@code POST /api/v1/ha/sync} with
     * 31 days is timed from its run record (started_at to finished_at). Then resident memory of Hestia.
     */
    static void backfill(Path jar, int runs) throws Exception {
        var spec = new io.hestia.training.synthetic.SyntheticSpec(20261124L,
                io.hestia.training.synthetic.HomeType.SINGLE_FAMILY, 100, 37, Instant.now(), java.time.ZoneId.of("UTC"));
        long g0 = System.nanoTime();
        var home = io.hestia.training.synthetic.SyntheticHomeGenerator.generate(spec).home();
        System.out.printf(Locale.ROOT, "synthetic home: %d entities, %d events, generated in %d ms%n",
                home.entities().size(), home.events().size(), (System.nanoTime() - g0) / 1_000_000);
        try (var sim = io.hestia.ha.sim.HaSimulator.builder(home).accessToken("bench")
                .validator(new io.hestia.ha.schema.HaAutomationSchema()).build()) {
            sim.start();
            List<Long> times = new ArrayList<>();
            List<Long> rss = new ArrayList<>();
            long written = 0;
            for (int r = 0; r < runs; r++) {
                Path dir = Files.createTempDirectory("hestia-bench");
                int port = freePort();
                Process p = startWithHa(jar, dir, port, sim.baseUrl());
                try {
                    waitHealthy(port, true);
                    String run = postJson(port, "/api/v1/ha/sync", "{\"days\": 38}");
                    String id = field(run, "id");
                    String status;
                    String body;
                    do {
                        Thread.sleep(100);
                        body = getJson(port, "/api/v1/ha/sync/" + id);
                        status = field(body, "status");
                    } while (status.equals("RUNNING"));
                    if (!status.equals("SUCCEEDED")) {
                        throw new IllegalStateException("sync failed: " + body);
                    }
                    times.add(Long.parseLong(field(body, "finished_at")) - Long.parseLong(field(body, "started_at")));
                    written = Long.parseLong(field(body, "events_written"));
                    Thread.sleep(2000); // let the post-backfill collection and uncommit settle
                    rss.add(rssMb(p.pid()));
                } finally {
                    stop(p);
                }
            }
            System.out.printf(Locale.ROOT, "history backfill of %d events (POST /api/v1/ha/sync, 38 days): median %d ms, runs %s%n",
                    written, median(times), times);
            System.out.printf(Locale.ROOT, "resident memory after the backfill (default JVM heap sizing): median %d MB, runs %s%n",
                    median(rss), rss);
        }
    }

    static Process startWithHa(Path jar, Path dir, int port, String haUrl) throws IOException {
        return start(jar, dir, port, haUrl, "HESTIA_HA_TOKEN", "bench");
    }

    static String postJson(int port, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static String getJson(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static String field(String json, String name) throws IOException {
        return io.hestia.platform.Json.mapper().readTree(json).path(name).asText();
    }

    /** Median milliseconds from process start until /observe/health answers 200 (HA = a closed port). */
    static void startup(Path jar, int runs) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path dir = Files.createTempDirectory("hestia-bench");
            int port = freePort();
            long t0 = System.nanoTime();
            Process p = start(jar, dir, port, "http://127.0.0.1:9");
            try {
                waitHealthy(port, false);
                times.add((System.nanoTime() - t0) / 1_000_000);
            } finally {
                stop(p);
            }
        }
        System.out.printf(Locale.ROOT, "start to serving (no HA): median %d ms, runs %s%n", median(times), times);

        // the embedded default: built-in simulated home, healthy = HA connected (all checks UP)
        List<Long> healthy = new ArrayList<>();
        List<Long> healthyCds = new ArrayList<>();
        Path cds = Files.createTempDirectory("hestia-cds").resolve("hestia.jsa");
        Path warm = Files.createTempDirectory("hestia-bench");
        int cdsPort = freePort();
        Process dump = start(jar, warm, cdsPort, "", List.of("-XX:ArchiveClassesAtExit=" + cds));
        waitHealthy(cdsPort, true);
        stop(dump);
        for (int i = 0; i < runs; i++) {
            for (boolean withCds : new boolean[] {false, true}) {
                Path dir = Files.createTempDirectory("hestia-bench");
                int port = freePort();
                long t0 = System.nanoTime();
                Process p = start(jar, dir, port, "",
                        withCds ? List.of("-XX:SharedArchiveFile=" + cds) : List.of());
                try {
                    waitHealthy(port, true);
                    (withCds ? healthyCds : healthy).add((System.nanoTime() - t0) / 1_000_000);
                } finally {
                    stop(p);
                }
            }
        }
        System.out.printf(Locale.ROOT, "start to healthy, embedded default (java -jar): median %d ms, runs %s%n",
                median(healthy), healthy);
        System.out.printf(Locale.ROOT, "start to healthy, embedded default, CDS archive: median %d ms, runs %s%n",
                median(healthyCds), healthyCds);
    }

    /** Events per second through POST /api/v1/events, 100,000-event batches, 10 batches per run. */
    static void ingest(Path jar, int runs) throws Exception {
        Path dir = Files.createTempDirectory("hestia-bench");
        int port = freePort();
        Process p = start(jar, dir, port, "http://127.0.0.1:9");
        try {
            waitHealthy(port, false);
            List<byte[]> batches = new ArrayList<>();
            long base = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
            int batchSize = 100_000;
            for (int b = 0; b < 10; b++) {
                StringBuilder sb = new StringBuilder(batchSize * 150).append('[');
                for (int i = 0; i < batchSize; i++) {
                    long t = base + (long) (b * batchSize + i) * 1000;
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append("{\"entity_id\":\"sensor.bench_").append(i % 100).append("\",\"state\":\"")
                            .append(i % 37).append("\",\"attributes\":{\"unit_of_measurement\":\"W\"},\"last_changed\":\"")
                            .append(Instant.ofEpochMilli(t)).append("\",\"last_updated\":\"")
                            .append(Instant.ofEpochMilli(t)).append("\"}");
                }
                batches.add(sb.append(']').toString().getBytes(StandardCharsets.UTF_8));
            }
            // warm-up with the first batch, then measure the other nine per run (fresh timestamps each run)
            post(port, batches.get(0));
            List<Long> rates = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                List<byte[]> shifted = r == 0 ? batches.subList(1, 10) : shift(batches.subList(1, 10), r);
                long t0 = System.nanoTime();
                long n = 0;
                for (byte[] body : shifted) {
                    n += post(port, body);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                rates.add(Math.round(n / s));
            }
            System.out.printf(Locale.ROOT, "bulk ingest POST /api/v1/events (100k-event JSON batches): median %d events/s, runs %s%n",
                    median(rates), rates);
            long busy = rssMb(p.pid());
            Thread.sleep(17_000); // quiet time (10 s) + release timer period (5 s) + uncommit
            System.out.printf(Locale.ROOT, "resident memory after %d events ingested: %d MB right after, %d MB once quiet%n",
                    (1 + 9L * runs) * batchSize, busy, rssMb(p.pid()));
        } finally {
            stop(p);
        }
    }

    private static List<byte[]> shift(List<byte[]> batches, int run) {
        // a different year per run, so every run writes new rows rather than duplicates
        List<byte[]> out = new ArrayList<>();
        for (byte[] b : batches) {
            out.add(new String(b, StandardCharsets.UTF_8).replace("\"2026-", "\"" + (2026 + run) + "-")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    static long post(int port, byte[] body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
        }
        String s = r.body();
        int i = s.indexOf("\"accepted\":") + 11;
        return Long.parseLong(s.substring(i, s.indexOf(',', i)));
    }

    static Process start(Path jar, Path dir, int port, String haUrl, String... extraEnv) throws IOException {
        return start(jar, dir, port, haUrl, List.of(), extraEnv);
    }

    static Process start(Path jar, Path dir, int port, String haUrl, List<String> jvmOptions, String... extraEnv)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("hestia.log").toFile());
        pb.environment().put("HESTIA_PORT", String.valueOf(port));
        pb.environment().put("HESTIA_DB", dir.resolve("hestia.db").toString());
        pb.environment().put("HESTIA_HA_URL", haUrl);
        pb.environment().put("HESTIA_HA_TOKEN", "bench");
        pb.environment().put("HESTIA_HA_INITIAL_DAYS", "0");
        for (int i = 0; i + 1 < extraEnv.length; i += 2) {
            pb.environment().put(extraEnv[i], extraEnv[i + 1]);
        }
        return pb.start();
    }

    /** Waits until /observe/health answers (any status when requireUp is false, 200 otherwise). */
    static void waitHealthy(int port, boolean requireUp) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/floors")).timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    if (!requireUp) {
                        return;
                    }
                    HttpResponse<Void> h = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/observe/health")).build(), HttpResponse.BodyHandlers.discarding());
                    if (h.statusCode() == 200) {
                        return;
                    }
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("Hestia on port " + port + " did not become ready within 60 s");
    }

    static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static long median(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
