package io.hestia.dashboard;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Path;
import java.util.List;

/**
 * Front-end work aid: opens every dashboard page of a running Hestia in chromium, prints script errors and
 * writes a screenshot of each (desktop and phone width). {@code java -cp ... io.hestia.dashboard.DashboardTour
 * http://localhost:8080 target/tour}
 */
public final class DashboardTour {

    private DashboardTour() {
    }

    public static void main(String[] args) {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        Path out = Path.of(args.length > 1 ? args[1] : "target/tour");
        List<String> pages = List.of("overview", "suggestions", "patterns/routines", "patterns/together",
                "patterns/synergies", "patterns/anomalies", "ask", "automations", "training");
        try (Playwright pw = Chromium.playwright(); Browser browser = Chromium.launch(pw)) {
            for (int width : new int[] {1280, 390}) {
                Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(width, width > 500 ? 900 : 844));
                page.onPageError(e -> System.out.println("ERROR (uncaught) " + e));
                page.onConsoleMessage(m -> System.out.println(m.type() + ": " + m.text()));
                for (String name : pages) {
                    page.navigate(base + "/#/" + name);
                    page.waitForSelector("main .page-body:not([aria-busy])");
                    page.waitForLoadState();
                    Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
                    System.out.println(width + " " + name + " overflow=" + overflow);
                    page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                            .setPath(out.resolve(name.replace('/', '-') + "-" + width + ".png")));
                }
                page.close();
            }
        }
    }
}
