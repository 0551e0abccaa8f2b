package io.hestia.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's static files: the page, its JavaScript modules and its style sheet, served from the jar's
 * {@code web/} folder (or, for development, from a directory given by {@code hestia.web.dir}, read on every
 * request so an edit shows on reload).
 *
 * <p>Only names made of plain path segments with a known web extension are served; nothing outside the folder
 * can be named (no {@code ..}, no absolute paths, no backslashes or escapes), so the class path's other
 * resources (application.properties among them) are never reachable. Jar assets are read once and kept with a
 * strong ETag.
 */
public final class WebAssets {

    /** One file to send. */
    public record Asset(String name, byte[] body, String contentType, String etag) {
    }

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json",
            "webmanifest", "application/manifest+json");

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private final String root;
    private final ClassLoader loader;
    private final Path devDir;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    /**
     * @param root   class-path folder, e.g. {@code web}
     * @param devDir a directory to serve instead (re-read on every request), or null
     */
    public WebAssets(String root, Path devDir) {
        this.root = root.endsWith("/") ? root : root + "/";
        this.loader = WebAssets.class.getClassLoader();
        this.devDir = devDir == null ? null : devDir.toAbsolutePath().normalize();
    }

    /**
     * The asset for a request path relative to the dashboard's mount ({@code ""} or {@code /} is the page).
     *
     * @return empty when the name is not a servable asset or no such file exists
     */
    public Optional<Asset> find(String relativePath) {
        String name = normalise(relativePath);
        if (name == null) {
            return Optional.empty();
        }
        if (devDir != null) {
            return load(name);
        }
        Asset cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        // only files that exist are kept: names that miss (anyone may ask for any) must not grow the map
        Optional<Asset> loaded = load(name);
        loaded.ifPresent(a -> cache.putIfAbsent(name, a));
        return loaded;
    }

    /** The file name an asset path stands for, or null when it is not one this class serves. */
    static String normalise(String relativePath) {
        String p = relativePath == null ? "" : relativePath;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            return "index.html";
        }
        if (p.length() > 200) {
            return null;
        }
        String[] segments = p.split("/", -1);
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches() || s.contains("..")) {
                return null;
            }
        }
        return TYPES.containsKey(extension(p)) ? p : null;
    }

    private Optional<Asset> load(String name) {
        byte[] body;
        try {
            if (devDir != null) {
                Path file = devDir.resolve(name).normalize();
                if (!file.startsWith(devDir) || !Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                body = Files.readAllBytes(file);
            } else {
                try (InputStream in = loader.getResourceAsStream(root + name)) {
                    if (in == null) {
                        return Optional.empty();
                    }
                    body = in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard file " + name, e);
        }
        return Optional.of(new Asset(name, body, TYPES.get(extension(name)), etag(body)));
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        return dot <= slash ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
