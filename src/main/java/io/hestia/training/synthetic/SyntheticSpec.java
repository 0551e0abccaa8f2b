package io.hestia.training.synthetic;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param seed        everything is derived from it: the same spec gives the same home, event for event
 * @param type        home type, or null to draw it from the seed with the original's distribution
 * @param deviceCount devices in the device registry (10..100), or null to draw it with the original's sizes
 * @param days        days of history (1..1000), ending at {@code end}
 * @param end         the history ends here (exclusive)
 * @param zone        the home's time zone; routines are planted in its local time (DST-correct)
 */
public record SyntheticSpec(long seed, HomeType type, Integer deviceCount, int days, Instant end, ZoneId zone) {

    public static final int MIN_DEVICES = 10;
    public static final int MAX_DEVICES = 100;
    public static final int MAX_DAYS = 1000;

    public SyntheticSpec {
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        if (deviceCount != null && (deviceCount < MIN_DEVICES || deviceCount > MAX_DEVICES)) {
            throw new IllegalArgumentException("deviceCount must be " + MIN_DEVICES + ".." + MAX_DEVICES + ", was "
                    + deviceCount);
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 1.." + MAX_DAYS + ", was " + days);
        }
    }

    /** Seed only: drawn type and size, 14 days ending 2026-01-05T00:00Z, Europe/Berlin. */
    public static SyntheticSpec of(long seed) {
        return new SyntheticSpec(seed, null, null, 14, Instant.parse("2026-01-05T00:00:00Z"),
                ZoneId.of("Europe/Berlin"));
    }

    public SyntheticSpec withType(HomeType t) {
        return new SyntheticSpec(seed, t, deviceCount, days, end, zone);
    }

    public SyntheticSpec withDeviceCount(Integer n) {
        return new SyntheticSpec(seed, type, n, days, end, zone);
    }

    public SyntheticSpec withDays(int d) {
        return new SyntheticSpec(seed, type, deviceCount, d, end, zone);
    }

    public SyntheticSpec withEnd(Instant e) {
        return new SyntheticSpec(seed, type, deviceCount, days, e, zone);
    }

    public SyntheticSpec withZone(ZoneId z) {
        return new SyntheticSpec(seed, type, deviceCount, days, end, z);
    }
}
