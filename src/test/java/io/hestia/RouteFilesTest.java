package io.hestia;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route file in the source tree is listed in HestiaApplication.ROUTE_FILES, and every listed one exists. */
class RouteFilesTest {

    @Test
    void theListedRouteFilesAreExactlyTheOnesInTheSourceTree() throws IOException {
        Path root = Path.of("src/main/resources/routes");
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".camel.yaml"))
                    .forEach(f -> onDisk.add(root.relativize(f).toString().replace('\\', '/')));
        }
        Set<String> listed = new TreeSet<>();
        HestiaApplication.ROUTE_FILES.forEach((folder, names) ->
                names.forEach(n -> listed.add(folder + "/" + n + ".camel.yaml")));
        assertThat(listed).isEqualTo(onDisk);
        assertThat(HestiaApplication.ROUTE_FILES.keySet()).containsAll(HestiaApplication.SERVICES);
    }

    @Test
    void theIncludePatternHasThePlatformAndOnlyTheSelectedServices() {
        String pattern = HestiaApplication.routesPattern(Set.of("training"));
        assertThat(pattern).contains("routes/platform/service-client.camel.yaml", "routes/ha/home-data.camel.yaml",
                "routes/training/synthetic-homes.camel.yaml").doesNotContain("*");
        assertThat(List.of(HestiaApplication.routesPattern(Set.of()).split(","))).noneMatch(p -> p.contains("training"));
    }
}
