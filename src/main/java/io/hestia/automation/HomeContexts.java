package io.hestia.automation;

import io.hestia.automation.validate.HomeContext;
import io.hestia.ha.HaRestClient;
import io.hestia.store.RegistryStore;

import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The home the validator checks references against: the registries from Hestia's store (rebuilt when they change)
 * and HA's service list and temperature unit (read from HA, kept for {@code servicesTtlMs}). When HA cannot be
 * reached, the last service list is kept; without one, services are not checked (and the report says so through
 * {@link HomeContext#services()} being null).
 */
public final class HomeContexts implements Supplier<HomeContext> {

    private static final Logger LOG = Logger.getLogger(HomeContexts.class.getName());

    private final RegistryStore registries;
    private final Supplier<HaRestClient> ha;
    private final Clock clock;
    private final long servicesTtlMs;

    private volatile HomeContext current;
    private volatile String registryStamp;
    private volatile long servicesReadAt = Long.MIN_VALUE / 2;
    private volatile Map<String, Set<String>> services;
    private volatile String temperatureUnit;

    public HomeContexts(RegistryStore registries, Supplier<HaRestClient> ha, Clock clock, long servicesTtlMs) {
        this.registries = registries;
        this.ha = ha;
        this.clock = clock;
        this.servicesTtlMs = servicesTtlMs;
    }

    @Override
    public HomeContext get() {
        boolean refreshServices = clock.millis() - servicesReadAt >= servicesTtlMs;
        if (refreshServices) {
            readHa();
        }
        String stamp = registries.version() + "|" + registries.fingerprint();
        HomeContext c = current;
        if (c == null || refreshServices || !stamp.equals(registryStamp)) {
            synchronized (this) {
                Set<String> entities = new HashSet<>();
                registries.entities(null, null, null, Integer.MAX_VALUE).forEach(e -> entities.add(e.entityId()));
                Set<String> areas = new HashSet<>();
                registries.areas().forEach(a -> areas.add(a.areaId()));
                Set<String> floors = new HashSet<>();
                registries.floors().forEach(f -> floors.add(f.floorId()));
                c = new HomeContext(Set.copyOf(entities), Set.copyOf(areas), Set.copyOf(floors),
                        Set.copyOf(registries.deviceIds()), Set.of(), services, temperatureUnit);
                current = c;
                registryStamp = stamp;
            }
        }
        return c;
    }

    /** Forgets HA's service list so the next validation reads it again (after HA changed). */
    public void invalidate() {
        servicesReadAt = Long.MIN_VALUE / 2;
    }

    private void readHa() {
        HaRestClient client = ha.get();
        servicesReadAt = clock.millis();
        if (client == null) {
            return;
        }
        try {
            services = Map.copyOf(client.services());
            String unit = client.config().path("unit_system").path("temperature").asText(null);
            if (unit != null) {
                temperatureUnit = unit;
            }
        } catch (RuntimeException e) {
            LOG.fine("HA's service list could not be read: " + e.getMessage());
        }
    }
}
