package io.hestia.ha.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaSimulatorMainTest {

    @TempDir
    Path dir;

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    @Test
    void badArgumentsExitWith2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HaSimulatorMain.run(new String[] {"--port", "0"}, p -> SimFixtures.home(), new TestValidator(),
                System.out, stream(err), CompletableFuture.completedFuture(null));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing --home").contains("usage:");
        assertThat(HaSimulatorMain.run(new String[] {"--home", "h", "--port", "x", "--token", "t"},
                p -> SimFixtures.home(), new TestValidator(), System.out, stream(err),
                CompletableFuture.completedFuture(null))).isEqualTo(2);
    }

    @Test
    void unreadableHomeExitsWith1() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HaSimulatorMain.run(new String[] {"--home", "nope.json", "--port", "0", "--token", "t"},
                p -> {
                    throw new IllegalArgumentException("no such file " + p);
                }, new TestValidator(), System.out, stream(err), new CompletableFuture<>());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file nope.json");
    }

    @Test
    void runsUntilStoppedAndPrintsTheListeningLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        Path[] loaded = new Path[1];
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> HaSimulatorMain.run(
                new String[] {"--home", "home.json", "--port", "0", "--token", "cli-token", "--speed", "60",
                    "--automations", dir.toString(), "--host", "127.0.0.1"},
                p -> {
                    loaded[0] = p;
                    return SimFixtures.home();
                }, new TestValidator(), stream(out), System.err, stop));
        Pattern line = Pattern.compile("HA simulator listening on http://127\\.0\\.0\\.1:(\\d+)");
        await().atMost(Duration.ofSeconds(30)).until(() -> line.matcher(out.toString(StandardCharsets.UTF_8)).find());
        Matcher m = line.matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        assertThat(loaded[0]).isEqualTo(Path.of("home.json"));
        HttpResponse<String> r = SimFixtures.HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + m.group(1) + "/api/"))
                .header("Authorization", "Bearer cli-token").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(exit).isNotDone();
        stop.complete(null);
        assertThat(exit.get()).isZero();
    }
}
