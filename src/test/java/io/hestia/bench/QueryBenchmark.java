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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End to end over HTTP: the real jar synced from an HA simulator serving a 1,000-entity home, then {@code clients}
 * concurrent clients posting requests to {@code POST /api/v1/query} (each request is parsed, stored durably and
 * answered). Reports latency percentiles per run and throughput. Usage:
 * {@code bench/query.sh http [seconds] [clients] [runs]}.
 */
public final class QueryBenchmark {

    private QueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Home home = BenchHomes.big(1000);
        try (HaSimulator sim = HaSimulator.builder(home).accessToken("bench")
                .validator(new io.hestia.ha.schema.HaAutomationSchema()).build()) {
            sim.start();
            Path dir = Files.createTempDirectory("hestia-query-bench");
            int port = FoundationBenchmark.freePort();
            // -Dbench.jvm="..." passes JVM options to the Hestia process (a profiler, a heap size)
            String jvm = System.getProperty("bench.jvm", "").strip();
            Process p = FoundationBenchmark.start(jar, dir, port, sim.baseUrl(),
                    jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+")));
            try {
                FoundationBenchmark.waitHealthy(port, true);
                waitForEntities(port, home.entities().size());
                System.out.printf(Locale.ROOT, "home: %d entities, %d areas; %d clients, %d s per run, %d requests "
                        + "in rotation%n", home.entities().size(), home.areas().size(), clients, seconds,
                        BenchHomes.REQUESTS.size());
                // warm-up: on 2 cores the JIT is still compiling the request path a minute after start
                run(port, clients, 60, false);
                List<Double> p95s = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    long cpu0 = cpuMillis(p.pid());
                    long own0 = cpuMillis(ProcessHandle.current().pid());
                    p95s.add(run(port, clients, seconds, true));
                    System.out.printf(Locale.ROOT, "     CPU during the run: Hestia %d ms, load generator %d ms%n",
                            cpuMillis(p.pid()) - cpu0, cpuMillis(ProcessHandle.current().pid()) - own0);
                }
                p95s.sort(Double::compare);
                System.out.printf(Locale.ROOT, "median p95 over %d runs: %.2f ms%n", runs, p95s.get(p95s.size() / 2));
                System.out.printf(Locale.ROOT, "resident memory: %d MB%n", FoundationBenchmark.rssMb(p.pid()));
            } finally {
                FoundationBenchmark.stop(p);
            }
        }
    }

    /** User + system CPU of a process so far, from /proc (clock ticks of 10 ms). */
    static long cpuMillis(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    private static void waitForEntities(int port, int expected) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/entities?limit=10000")).build(), HttpResponse.BodyHandlers.ofString()).body();
            int count = body.split("\"entity_id\"", -1).length - 1;
            if (count >= expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the registry did not reach " + expected + " entities");
    }

    /**
     * One timed run: returns its p95 in ms. Each client keeps one HTTP/1.1 connection and writes prebuilt requests
     * on a plain socket: a light load generator, since it shares the machine's cores with Hestia.
     */
    private static double run(int port, int clients, int seconds, boolean print) throws Exception {
        List<byte[]> requests = new ArrayList<>();
        for (String text : BenchHomes.REQUESTS) {
            byte[] body = ("{\"query\": \"" + text.replace("\"", "\\\"") + "\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String head = "POST /api/v1/query HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json"
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n";
            byte[] head8 = head.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(head8, head8.length + body.length);
            System.arraycopy(body, 0, all, head8.length, body.length);
            requests.add(all);
        }
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<long[]> perClient = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            long[] lat = new long[2_000_000];
            perClient.add(lat);
            int first = c;
            Thread t = new Thread(() -> {
                int i = 0;
                int k = first;
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                    socket.setTcpNoDelay(true);
                    java.io.OutputStream out = socket.getOutputStream();
                    java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
                    while (System.nanoTime() < end && i < lat.length - 1) {
                        byte[] request = requests.get(k++ % requests.size());
                        long t0 = System.nanoTime();
                        out.write(request);
                        out.flush();
                        int status = readResponse(in);
                        lat[i++] = System.nanoTime() - t0;
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    lat[lat.length - 1] = i; // count in the last slot
                    done.countDown();
                }
            }, "bench-client-" + c);
            t.start();
        }
        done.await();
        int total = 0;
        for (long[] lat : perClient) {
            total += (int) lat[lat.length - 1];
        }
        long[] all = new long[total];
        int pos = 0;
        for (long[] lat : perClient) {
            int n = (int) lat[lat.length - 1];
            System.arraycopy(lat, 0, all, pos, n);
            pos += n;
        }
        Arrays.sort(all);
        double p50 = all[(int) (total * 0.50)] / 1e6;
        double p95 = all[(int) (total * 0.95)] / 1e6;
        double p99 = all[Math.min(total - 1, (int) (total * 0.99))] / 1e6;
        if (print) {
            System.out.printf(Locale.ROOT, "run: %d requests, %.0f req/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, "
                    + "max %.2f ms, errors %d%n", total, total / (double) seconds, p50, p95, p99,
                    all[total - 1] / 1e6, errors.get());
        }
        return p95;
    }

    /** Reads one HTTP/1.1 response (Content-Length or chunked body); returns its status. */
    private static int readResponse(java.io.InputStream in) throws java.io.IOException {
        String status = line(in);
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).trim(), 16); size > 0; size = Long.parseLong(line(in).trim(), 16)) {
                skip(in, size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            skip(in, length);
        }
        return code;
    }

    private static void skip(java.io.InputStream in, long n) throws java.io.IOException {
        while (n > 0) {
            long k = in.skip(n);
            if (k <= 0) {
                if (in.read() < 0) {
                    throw new java.io.EOFException();
                }
                k = 1;
            }
            n -= k;
        }
    }

    private static String line(java.io.InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException();
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
