package io.hestia;

import io.hestia.platform.HestiaConfiguration;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * Runs Hestia on Camel Main. The services this process runs come from {@code hestia.services} (or a Camel
 * Main profile that sets it); each adds its route folder {@code routes/<service>/}.
 */
public final class HestiaApplication {

    public static final List<String> SERVICES = List.of("training", "pattern", "query", "automation");

    private HestiaApplication() {
    }

    public static void main(String[] args) throws Exception {
        configureLogging();
        Main main = new Main();
        configure(main);
        main.run(args);
    }

    /** Applies the bundled logging.properties unless the JVM was given its own configuration. */
    public static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (var in = HestiaApplication.class.getResourceAsStream("/logging.properties")) {
            if (in != null) {
                java.util.logging.LogManager.getLogManager().readConfiguration(in);
            }
        } catch (java.io.IOException e) {
            System.err.println("logging.properties could not be read: " + e);
        }
    }

    /** Adds Hestia's configuration and the per-service route selection to a Camel Main. */
    public static void configure(Main main) {
        main.configure().addConfiguration(HestiaConfiguration.class);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport m) {
                String services = m.getCamelContext().getPropertiesComponent()
                        .resolveProperty("hestia.services").orElse(String.join(",", SERVICES));
                m.configure().setRoutesIncludePattern(routesPattern(parseServices(services)));
            }
        });
    }

    /**
     * Route files by folder. Listed rather than found by a wildcard: each wildcard pattern makes Camel scan the
     * whole jar (twice), which was most of the start-up time. {@code RouteFilesTest} fails when a file under
     * src/main/resources/routes is missing here.
     */
    public static final Map<String, List<String>> ROUTE_FILES = Map.of(
            "platform", List.of("error-handling", "service-client", "service-clients", "platform-api", "dashboard"),
            "ha", List.of("ha-client", "home-data"),
            "training", List.of("synthetic-homes", "training-api", "training-jobs"),
            "pattern", List.of("analysis", "patterns-api"),
            "query", List.of("query-api", "llm-client"),
            "automation", List.of("automation-api", "automation-jobs"));

    /** The route files of the platform, HA and the given services, as an include pattern without wildcards. */
    public static String routesPattern(Set<String> services) {
        List<String> folders = new java.util.ArrayList<>(List.of("platform", "ha"));
        folders.addAll(services);
        StringBuilder pattern = new StringBuilder();
        for (String folder : folders) {
            for (String file : ROUTE_FILES.get(folder)) {
                pattern.append(pattern.length() == 0 ? "" : ",").append("classpath:routes/").append(folder)
                        .append('/').append(file).append(".camel.yaml");
            }
        }
        return pattern.toString();
    }

    /** @throws IllegalArgumentException naming an unknown service */
    public static Set<String> parseServices(String csv) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : csv.split(",")) {
            String name = s.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!SERVICES.contains(name)) {
                throw new IllegalArgumentException("hestia.services: unknown service '" + name + "' (known: "
                        + String.join(", ", SERVICES) + ")");
            }
            out.add(name);
        }
        return out;
    }
}
