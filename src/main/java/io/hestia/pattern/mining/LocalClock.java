package io.hestia.pattern.mining;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Fast local wall-clock arithmetic for a time-ordered pass: minute of the day and local date (as an epoch day) of
 * an instant in the home's zone. Caches the current UTC offset until the zone's next transition, so daylight saving
 * days are exact (on the spring-forward day 02:30 does not exist; on the fall-back day 02:30 happens twice, and
 * both map to minute 150). Works out of order too, just slower. Not thread-safe.
 */
public final class LocalClock {

    private final ZoneRules rules;
    private long validFrom = Long.MAX_VALUE;
    private long validUntil = Long.MIN_VALUE;
    private long offsetMs;

    public LocalClock(ZoneId zone) {
        this.rules = zone.getRules();
    }

    private void locate(long timeMs) {
        if (timeMs >= validFrom && timeMs < validUntil) {
            return;
        }
        Instant at = Instant.ofEpochMilli(timeMs);
        ZoneOffset offset = rules.getOffset(at);
        offsetMs = offset.getTotalSeconds() * 1000L;
        ZoneOffsetTransition prev = rules.previousTransition(at.plusMillis(1));
        ZoneOffsetTransition next = rules.nextTransition(at);
        validFrom = prev == null ? Long.MIN_VALUE : prev.toEpochSecond() * 1000L;
        validUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond() * 1000L;
    }

    /** Local wall-clock milliseconds since the epoch (the instant shifted by the zone's offset). */
    public long localMs(long timeMs) {
        locate(timeMs);
        return timeMs + offsetMs;
    }

    /** Minute of the local day, 0..1439. */
    public int minuteOfDay(long timeMs) {
        return (int) Math.floorMod(Math.floorDiv(localMs(timeMs), 60_000L), 1440L);
    }

    /** Local date as an epoch day (days since 1970-01-01 in the home's calendar). */
    public long epochDay(long timeMs) {
        return Math.floorDiv(localMs(timeMs), 86_400_000L);
    }
}
