package io.hestia.platform;

import com.sun.net.httpserver.HttpServer;
import io.hestia.HestiaAppTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service-client route template against a real HTTP server on loopback: retries on 5xx, no retry on 4xx,
 * the breaker opening after repeated failures (calls then stop reaching the server) and its state in health.
 */
class ServiceClientRouteTest extends HestiaAppTestSupport {

    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger slowHits = new AtomicInteger();
    private volatile int status = 200;

    private HttpServer server() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/slow", exchange -> {
                slowHits.incrementAndGet();
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.createContext("/", exchange -> {
                if (exchange.getRequestURI().getPath().equals("/api/config")) {
                    hits.incrementAndGet(); // the WebSocket client knocks here too; count REST calls only
                }
                byte[] body = ("{\"message\":\"status " + status + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }
        return server;
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Override
    protected Properties extraProperties() {
        Properties p = new Properties();
        p.put("hestia.ha.url", "http://127.0.0.1:" + server().getAddress().getPort());
        p.put("hestia.ha.token", "t");
        p.put("hestia.client.retries", "2");
        p.put("hestia.client.retry-delay-ms", "10");
        p.put("hestia.client.max-retry-delay-ms", "50");
        p.put("hestia.client.breaker.window", "6");
        p.put("hestia.client.breaker.minimum-calls", "6");
        p.put("hestia.client.breaker.failure-rate", "50");
        p.put("hestia.client.breaker.open-seconds", "60");
        p.put("hestia.client.timeout-ms", "500");
        return p;
    }

    private ServiceCaller caller() {
        return context.getRegistry().lookupByNameAndType("serviceCaller", ServiceCaller.class);
    }

    private ServiceCaller.Response callHa() {
        return caller().call("ha", "GET", "/api/config", null, Map.of(), null);
    }

    @Test
    void answersBelow500ComeBackAsTheyAreWithoutRetry() {
        status = 404;
        int before = hits.get();
        ServiceCaller.Response r = callHa();
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).contains("status 404");
        assertThat(hits.get() - before).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedThenTheBreakerOpensAndCallsStopReachingTheServer() {
        status = 500;
        int before = hits.get();
        assertThatThrownBy(this::callHa).isInstanceOf(UnavailableException.class);
        // one call + two retries, every attempt reached the server
        assertThat(hits.get() - before).isEqualTo(3);

        // three more failing calls: 6 failed attempts fill the window, the breaker opens
        for (int i = 0; i < 3; i++) {
            try {
                callHa();
            } catch (UnavailableException expected) {
                // each fails after its retries
            }
        }
        ServiceTargets targets = context.getRegistry().lookupByNameAndType("serviceTargets", ServiceTargets.class);
        assertThat(targets.breakerState("ha")).isEqualTo("OPEN");

        status = 200;
        int whileOpen = hits.get();
        assertThatThrownBy(this::callHa).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("circuit breaker is open");
        assertThat(hits.get()).isEqualTo(whileOpen);
        assertThat(targets.view("ha").healthy()).isFalse();
        assertThat(targets.view("ha").fallbacks()).isPositive();
    }

    @Test
    void aTimeOutIsRetriedAndReportedAsSuch() {
        assertThatThrownBy(() -> caller().call("ha", "GET", "/slow", null, Map.of(), null))
                .isInstanceOf(UnavailableException.class).hasMessageContaining("time limit");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> slowHits.get() == 3);
    }

    @Test
    void aFailedPostIsNotRepeated() {
        status = 500;
        int before = hits.get();
        assertThatThrownBy(() -> caller().call("ha", "POST", "/api/config", null, Map.of(), "{}".getBytes()))
                .isInstanceOf(UnavailableException.class);
        assertThat(hits.get() - before).isEqualTo(1);
    }

    @Test
    void aHealthyTargetAnswers200() {
        status = 200;
        assertThat(callHa().ok()).isTrue();
        ServiceTargets targets = context.getRegistry().lookupByNameAndType("serviceTargets", ServiceTargets.class);
        assertThat(targets.view("ha").breakerState()).isEqualTo("CLOSED");
        assertThat(targets.view("ha").lastSuccessAt()).isNotNull();
    }
}
