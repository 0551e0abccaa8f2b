package io.hestia.dashboard;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Playwright driving the machine's chromium (Debian's package, installed by .ci/run): Playwright is told never to
 * download a browser, and is given the executable. {@code -Dhestia.chromium=PATH} or {@code CHROMIUM_PATH} names
 * another one.
 */
final class Chromium {

    private static final List<String> KNOWN = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/lib/chromium/chromium", "/usr/bin/google-chrome");

    private Chromium() {
    }

    static Path executable() {
        String configured = System.getProperty("hestia.chromium", System.getenv("CHROMIUM_PATH"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException("hestia.chromium / CHROMIUM_PATH names " + p + ", which is not an executable");
            }
            return p;
        }
        return KNOWN.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new IllegalStateException("No chromium found (looked at " + KNOWN + "). Install Debian's: "
                        + "apt-get install chromium (as .ci/run does), or set -Dhestia.chromium=PATH"));
    }

    static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable())
                .setHeadless(true));
    }
}
