package io.hestia.platform.health;

import io.hestia.ha.HaIngestor;
import io.hestia.ha.HaWebSocketClient;
import io.hestia.platform.CorrelationCache;
import io.hestia.platform.ServiceTargets;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

/**
 * Hestia's own health checks (shown at /observe/health with Camel's) and its Prometheus gauges
 * (at /observe/metrics): the database, the HA connection, the service client's targets and the
 * correlation cache.
 */
public final class HestiaHealthChecks {

    private HestiaHealthChecks() {
    }

    /** Registers the checks; call once the context is configured. */
    public static void register(CamelContext context, DataSource db, HaWebSocketClient ws, HaIngestor ingestor,
                                ServiceTargets targets) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        registry.register(new AbstractHealthCheck("hestia", "database") {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    builder.up();
                } catch (Exception e) {
                    builder.detail("error", e.getMessage()).error(e).down();
                }
            }
        });
        registry.register(new AbstractHealthCheck("hestia", "home-assistant") {
            @Override
            public boolean isLiveness() {
                return false; // a lost HA connection is retried; restarting Hestia would not help
            }

            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                builder.detail("status", ws.status().name());
                builder.detail("connects", ws.connectCount());
                if (ws.haVersion() != null) {
                    builder.detail("ha_version", ws.haVersion());
                }
                if (ws.lastError() != null) {
                    builder.detail("last_error", ws.lastError());
                }
                builder.detail("live_events_received", ingestor.liveReceived());
                builder.detail("live_events_written", ingestor.liveWritten());
                builder.detail("queued", ingestor.queued());
                if (ingestor.lastError() != null) {
                    builder.detail("ingest_error", ingestor.lastError());
                }
                if (ws.status() == HaWebSocketClient.Status.CONNECTED) {
                    builder.up();
                } else {
                    builder.message("not connected to Home Assistant: " + ws.status()).down();
                }
            }
        });
        targets.breakerStateLookup(name -> {
            // templated routes prefix their node ids, so find the breaker through its route
            var route = context.getRoute("service-" + name);
            if (route != null) {
                for (var p : route.filter("*")) {
                    if (p instanceof ResilienceProcessor rp) {
                        return rp.getCircuitBreakerState();
                    }
                }
            }
            return "UNKNOWN";
        });
        for (String name : targets.views().keySet()) {
            registry.register(new AbstractHealthCheck("hestia", "service-" + name) {
                @Override
                public boolean isLiveness() {
                    return false;
                }

                @Override
                protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                    ServiceTargets.View v = targets.view(name);
                    builder.detail("url", v.url()).detail("breaker", v.breakerState()).detail("calls", v.calls())
                            .detail("failures", v.failures());
                    if (v.lastError() != null) {
                        builder.detail("last_error", v.lastError());
                    }
                    boolean open = "OPEN".equals(v.breakerState()) || "FORCED_OPEN".equals(v.breakerState());
                    if (open && v.optional()) {
                        // an optional helper being down only means its callers use their local result
                        builder.detail("optional", true)
                                .message("circuit breaker of " + name + " is open (optional: local results are used)")
                                .up();
                    } else if (open) {
                        builder.message("circuit breaker of " + name + " is open").down();
                    } else {
                        builder.up();
                    }
                }
            });
        }
    }

    /** Adds gauges to Camel's Micrometer registry, when metrics are enabled. */
    public static void registerMetrics(CamelContext context, CorrelationCache cache, ServiceTargets targets,
                                       HaIngestor ingestor, HaWebSocketClient ws) {
        MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters == null) {
            return;
        }
        Gauge.builder("hestia_cache_memory_hits", cache, c -> c.stats().memoryHits()).register(meters);
        Gauge.builder("hestia_cache_store_hits", cache, c -> c.stats().storeHits()).register(meters);
        Gauge.builder("hestia_cache_misses", cache, c -> c.stats().misses()).register(meters);
        Gauge.builder("hestia_cache_evictions", cache, c -> c.stats().evictions()).register(meters);
        Gauge.builder("hestia_cache_memory_entries", cache, c -> c.stats().memorySize()).register(meters);
        Gauge.builder("hestia_cache_hit_ratio", cache, c -> c.stats().hitRate()).register(meters);
        for (String name : targets.views().keySet()) {
            Gauge.builder("hestia_service_breaker_open", targets,
                            t -> "OPEN".equals(t.breakerState(name)) ? 1 : 0)
                    .tag("target", name).description("1 while the circuit breaker of the target is open")
                    .register(meters);
            Gauge.builder("hestia_service_calls", targets, t -> t.view(name).calls()).tag("target", name)
                    .register(meters);
            Gauge.builder("hestia_service_failures", targets, t -> t.view(name).failures()).tag("target", name)
                    .register(meters);
        }
        Gauge.builder("hestia_ha_connected", ws, w -> w.status() == HaWebSocketClient.Status.CONNECTED ? 1 : 0)
                .register(meters);
        Gauge.builder("hestia_ha_live_events_written", ingestor, HaIngestor::liveWritten).register(meters);
        Gauge.builder("hestia_ha_ingest_queue", ingestor, HaIngestor::queued).register(meters);
    }
}
