package io.hestia.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WebAssetsTest {

    private final WebAssets jar = new WebAssets("web", null);

    @Test
    void servesThePageAndItsModulesWithTheirTypes() {
        WebAssets.Asset page = jar.find("/").orElseThrow();
        assertThat(page.name()).isEqualTo("index.html");
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<script type=\"module\" src=\"/ui/app.js\">");
        assertThat(jar.find("app.js").orElseThrow().contentType()).startsWith("text/javascript");
        assertThat(jar.find("pages/overview.js")).isPresent();
        assertThat(jar.find("style.css").orElseThrow().contentType()).startsWith("text/css");
        assertThat(jar.find("icon.svg").orElseThrow().contentType()).isEqualTo("image/svg+xml");
    }

    @Test
    void etagIsStableAndDiffersBetweenFiles() {
        String a = jar.find("app.js").orElseThrow().etag();
        assertThat(new WebAssets("web", null).find("app.js").orElseThrow().etag()).isEqualTo(a);
        assertThat(jar.find("style.css").orElseThrow().etag()).isNotEqualTo(a).startsWith("\"").endsWith("\"");
    }

    @Test
    void nothingOutsideTheFolderOrOfAnotherKindIsServed() {
        assertThat(jar.find("../application.properties")).isEmpty();
        assertThat(jar.find("application.properties")).isEmpty(); // not a web type, and not in web/
        assertThat(jar.find("/../routes/platform/dashboard.camel.yaml")).isEmpty();
        assertThat(jar.find("pages/../../logging.properties")).isEmpty();
        assertThat(jar.find("..%2fapplication.properties")).isEmpty();
        assertThat(jar.find("pages\\overview.js")).isEmpty();
        assertThat(jar.find(".hidden.js")).isEmpty();
        assertThat(jar.find("pages//overview.js")).isEmpty();
        assertThat(jar.find("no-such-file.js")).isEmpty();
        assertThat(jar.find("x".repeat(300) + ".js")).isEmpty();
    }

    @Test
    void aDevelopmentDirectoryIsReadOnEveryRequestAndConfined(@TempDir Path dir) throws Exception {
        Path web = Files.createDirectories(dir.resolve("web"));
        Files.writeString(web.resolve("app.js"), "one");
        Files.writeString(dir.resolve("secret.js"), "outside");
        WebAssets dev = new WebAssets("web", web);
        assertThat(new String(dev.find("app.js").orElseThrow().body(), StandardCharsets.UTF_8)).isEqualTo("one");
        Files.writeString(web.resolve("app.js"), "two");
        assertThat(new String(dev.find("app.js").orElseThrow().body(), StandardCharsets.UTF_8)).isEqualTo("two");
        assertThat(dev.find("../secret.js")).isEmpty();
        assertThat(dev.find("index.html")).isEmpty(); // only the directory, never the jar's copy
    }

    @Test
    void ifNoneMatchTakesListsWeakTagsAndTheWildcard() {
        String tag = "\"abc\"";
        assertThat(WebAssetProcessor.matches(tag, tag)).isTrue();
        assertThat(WebAssetProcessor.matches("\"x\", W/\"abc\"", tag)).isTrue();
        assertThat(WebAssetProcessor.matches("*", tag)).isTrue();
        assertThat(WebAssetProcessor.matches("\"abd\"", tag)).isFalse();
        assertThat(WebAssetProcessor.matches(null, tag)).isFalse();
    }

    @Test
    void requestPathsMapBelowTheAssetMount() {
        assertThat(WebAssetProcessor.relative("/")).isEmpty();
        assertThat(WebAssetProcessor.relative("/ui/app.js")).isEqualTo("/app.js");
        assertThat(WebAssetProcessor.relative("/ui/pages/ask.js?v=1")).isEqualTo("/pages/ask.js");
        assertThat(WebAssetProcessor.relative("/ui")).isEmpty();
    }
}
