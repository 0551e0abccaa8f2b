package io.hestia.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.ha.home.HomeFiles;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.Json;
import io.hestia.platform.NotFoundException;
import io.hestia.store.SyntheticHomeStore;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code POST /api/v1/synthetic/homes}: generates a deterministic synthetic home, keeps its spec and ground
 * truth, and answers with the home file. The home itself is not stored: its spec regenerates it exactly.
 */
public final class SyntheticHomesService {

    /** Home files over this many device-days (about a million events) are refused. */
    static final int MAX_DEVICE_DAYS = 3000;

    private final SyntheticHomeStore store;
    private final Clock clock;

    public SyntheticHomesService(SyntheticHomeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A generated home: its id and its home file (YAML). */
    public record Generated(String id, String homeFile) {
    }

    /** Parses and validates the request body {@code {seed, type?, size?, days?, time_zone?}}. */
    public Generated generate(String body) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw InvalidInputException.of("body", "is not valid JSON: " + e.getMessage());
        }
        if (!json.isObject()) {
            throw InvalidInputException.of("body", "must be a JSON object");
        }
        long seed = json.hasNonNull("seed") ? integer(json, "seed", Long.MIN_VALUE, Long.MAX_VALUE) : 42;
        HomeType type = null;
        if (json.hasNonNull("type")) {
            String t = json.get("type").asText().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                type = HomeType.valueOf(t);
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("type", "must be one of " + Arrays.toString(HomeType.values())
                        .toLowerCase(Locale.ROOT));
            }
        }
        Integer size = json.hasNonNull("size") ? (int) integer(json, "size", 10, 100) : null;
        int days = json.hasNonNull("days") ? (int) integer(json, "days", 1, 90) : 30;
        ZoneId zone = ZoneId.of("UTC");
        if (json.hasNonNull("time_zone")) {
            try {
                zone = ZoneId.of(json.get("time_zone").asText());
            } catch (RuntimeException e) {
                throw InvalidInputException.of("time_zone", "is not an IANA time zone id");
            }
        }
        if ((size == null ? 100 : size) * days > MAX_DEVICE_DAYS) {
            throw InvalidInputException.of("days", "size x days may be at most " + MAX_DEVICE_DAYS
                    + " (about a million events in one home file)");
        }
        Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        SyntheticHome home = SyntheticHomeGenerator.generate(new SyntheticSpec(seed, type, size, days, end, zone));
        String id = idOf(seed);
        store.insert(new SyntheticHomeStore.Row(id, seed, type == null ? "drawn" : type.id(), home.home().devices().size(),
                days, end.toEpochMilli(), zone.getId(), Json.write(home.truth()), clock.millis()));
        return new Generated(id, HomeFiles.toYaml(home.home()));
    }

    private static String idOf(long seed) {
        byte[] random = new byte[4];
        new java.security.SecureRandom().nextBytes(random);
        return "syn-" + Long.toUnsignedString(seed, 36) + "-" + HexFormat.of().formatHex(random);
    }

    /** The planted routines, sequences and anomalies of a generated home. */
    public String truth(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("no synthetic home " + id)).truthJson();
    }

    private static long integer(JsonNode json, String field, long min, long max) {
        JsonNode n = json.get(field);
        if (!n.isIntegralNumber()) {
            throw InvalidInputException.of(field, "must be a whole number");
        }
        long v = n.asLong();
        if (v < min || v > max) {
            throw InvalidInputException.of(field, "must be between " + min + " and " + max + ", was " + v);
        }
        return v;
    }
}
