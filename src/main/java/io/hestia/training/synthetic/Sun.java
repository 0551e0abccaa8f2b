package io.hestia.training.synthetic;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.hestia.ha.HaTime;
import io.hestia.ha.home.StateEvent;

/**
 * HA's {@code sun.sun} for a synthetic home: where the sun is, when it rises and sets, and the entity's state
 * history. Positions follow NOAA's solar calculator (the Meeus-based formulas of its spreadsheet: equation of time
 * and declination from the Julian century, an hour angle for the zenith of each event, refined by iteration): within
 * a few minutes of almanac times (SunTest checks Berlin and Sydney at the solstices within three).
 *
 * <p>As HA: the state is {@code above_horizon} from sunrise to sunset (the sun's centre 0.833° below the horizon:
 * refraction and the solar disc), else {@code below_horizon}; dawn and dusk are civil (6° below); noon and midnight
 * are the solar transits. Where the sun does not rise or set on a day (polar night or day) that day simply has no
 * such transition.
 *
 * <p>Pure arithmetic on the location and the time: nothing here draws from the generator's random streams, so a
 * home's other entities, events and truth are the same with or without the sun.
 */
final class Sun {

    static final String ENTITY_ID = "sun.sun";
    static final String NAME = "Sun";
    static final String ABOVE = "above_horizon";
    static final String BELOW = "below_horizon";

    /** Sunrise and sunset: the sun's centre this far below the horizon (refraction 0.567° + radius 0.266°). */
    static final double HORIZON_ZENITH = 90.833;
    /** Civil dawn and dusk. */
    static final double CIVIL_ZENITH = 96.0;

    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    /** How far ahead the next rising (etc.) is searched: past the longest polar night. */
    private static final int SEARCH_DAYS = 370;

    /** When a zone's standard offset is read (a fixed instant: the same home on every run). */
    private static final java.time.Instant OFFSETS_AT = java.time.Instant.parse("2026-01-01T00:00:00Z");

    /** Where the home is: degrees north and east. */
    record Location(double latitude, double longitude) {
        Location {
            if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
                throw new IllegalArgumentException("not a location: " + latitude + ", " + longitude);
            }
        }
    }

    /**
     * A plausible place for a home in {@code zone}: the latitude the generator's weather already uses for the zone
     * ({@link Simulation#latitude}), so daylight and the seasons agree, and the longitude of the zone's
     * representative city (else its standard offset times 15°), moved by up to 1.5° (six minutes of solar time) by
     * the seed. The seed is mixed with a constant into a random of its own: the generator's streams are untouched.
     */
    static Location locate(ZoneId zone, long seed) {
        double latitude = Simulation.latitude(zone);
        double longitude = switch (zone.getId()) {
            case "Europe/Berlin" -> 13.40;
            case "Europe/London" -> -0.13;
            case "Europe/Paris" -> 2.35;
            case "Europe/Amsterdam" -> 4.90;
            case "Europe/Madrid" -> -3.70;
            case "Europe/Lisbon" -> -9.14;
            case "Europe/Rome" -> 12.50;
            case "Europe/Athens" -> 23.73;
            case "Europe/Istanbul" -> 28.98;
            case "Europe/Oslo" -> 10.75;
            case "Europe/Stockholm" -> 18.07;
            case "Europe/Helsinki" -> 24.94;
            case "America/New_York" -> -74.00;
            case "America/Chicago" -> -87.63;
            case "America/Denver" -> -104.99;
            case "America/Los_Angeles" -> -118.24;
            case "America/Phoenix" -> -112.07;
            case "America/Anchorage" -> -149.90;
            case "Asia/Tokyo" -> 139.69;
            case "Asia/Singapore" -> 103.82;
            case "Asia/Kolkata" -> 88.36;
            case "Australia/Sydney" -> 151.21;
            case "Pacific/Auckland" -> 174.76;
            default -> zone.getRules().getStandardOffset(OFFSETS_AT).getTotalSeconds() / 240.0;   // 15° an hour
        };
        SplittableRandom own = new SplittableRandom(seed ^ 0x53756e2e73756e00L);   // "Sun.sun\0"
        longitude += (own.nextDouble() * 2 - 1) * 1.5;
        longitude = Math.max(-180, Math.min(180, longitude));
        return new Location(latitude, longitude);
    }

    private final Location at;
    private final double sinLat;
    private final double cosLat;

    Sun(Location at) {
        this.at = at;
        double lat = Math.toRadians(Math.max(-89.99, Math.min(89.99, at.latitude())));
        this.sinLat = Math.sin(lat);
        this.cosLat = Math.cos(lat);
    }

    // ------------------------------------------------------------------------------------------------ positions

    /** Declination (radians) and equation of time (minutes) at an instant: NOAA's spreadsheet formulas. */
    private record Solar(double declination, double equationOfTime) {
    }

    private static Solar solar(long epochMs) {
        double jd = epochMs / (double) DAY + 2_440_587.5;
        double t = (jd - 2_451_545.0) / 36_525.0;
        double l0 = mod360(280.46646 + t * (36_000.76983 + t * 0.0003032));
        double m = Math.toRadians(357.52911 + t * (35_999.05029 - 0.0001537 * t));
        double e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
        double c = Math.sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t))
                + Math.sin(2 * m) * (0.019993 - 0.000101 * t) + Math.sin(3 * m) * 0.000289;
        double omega = Math.toRadians(125.04 - 1934.136 * t);
        double lambda = Math.toRadians(l0 + c - 0.00569 - 0.00478 * Math.sin(omega));
        double eps0 = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
        double eps = Math.toRadians(eps0 + 0.00256 * Math.cos(omega));
        double declination = Math.asin(Math.sin(eps) * Math.sin(lambda));
        double y = Math.tan(eps / 2);
        y *= y;
        double l = Math.toRadians(l0);
        double eq = y * Math.sin(2 * l) - 2 * e * Math.sin(m) + 4 * e * y * Math.sin(m) * Math.cos(2 * l)
                - 0.5 * y * y * Math.sin(4 * l) - 1.25 * e * e * Math.sin(2 * m);
        return new Solar(declination, 4 * Math.toDegrees(eq));
    }

    private static double mod360(double x) {
        double r = x % 360;
        return r < 0 ? r + 360 : r;
    }

    /** The sun's hour angle at an instant, radians (0 at solar noon, negative in the morning). */
    private double hourAngle(long epochMs, Solar s) {
        double minutes = Math.floorMod(epochMs, DAY) / (double) MINUTE;
        double trueSolar = minutes + s.equationOfTime() + 4 * at.longitude();
        double deg = trueSolar / 4 - 180;
        deg = ((deg + 180) % 360 + 360) % 360 - 180;
        return Math.toRadians(deg);
    }

    /** Geometric elevation of the sun's centre, degrees (no refraction). */
    double geometricElevation(long epochMs) {
        Solar s = solar(epochMs);
        double h = hourAngle(epochMs, s);
        double sinEl = sinLat * Math.sin(s.declination()) + cosLat * Math.cos(s.declination()) * Math.cos(h);
        return Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, sinEl))));
    }

    /** Apparent elevation (with NOAA's refraction correction), degrees, as HA's {@code elevation}. */
    double elevation(long epochMs) {
        double el = geometricElevation(epochMs);
        return el + refraction(el);
    }

    /** NOAA's atmospheric refraction approximation, degrees. */
    private static double refraction(double el) {
        if (el > 85) {
            return 0;
        }
        double te = Math.tan(Math.toRadians(el));
        double arcsec;
        if (el > 5) {
            arcsec = 58.1 / te - 0.07 / (te * te * te) + 0.000086 / Math.pow(te, 5);
        } else if (el > -0.575) {
            arcsec = 1735 + el * (-518.2 + el * (103.4 + el * (-12.79 + el * 0.711)));
        } else {
            arcsec = -20.772 / te;
        }
        return arcsec / 3600;
    }

    /** Azimuth, degrees clockwise from north, as HA's {@code azimuth}. */
    double azimuth(long epochMs) {
        Solar s = solar(epochMs);
        double h = hourAngle(epochMs, s);
        double lat = Math.asin(sinLat);
        double az = Math.toDegrees(Math.atan2(Math.sin(h),
                Math.cos(h) * Math.sin(lat) - Math.tan(s.declination()) * Math.cos(lat))) + 180;
        return mod360(az);
    }

    // ------------------------------------------------------------------------------------------------ events

    private static long dayStart(long epochDay) {
        return epochDay * DAY;
    }

    /**
     * Solar noon of the solar day numbered {@code epochDay} (the upper transit nearest to 12:00 UTC of that day
     * shifted by the longitude), epoch ms.
     */
    long noon(long epochDay) {
        long t = dayStart(epochDay) + Math.round((720 - 4 * at.longitude()) * MINUTE);
        for (int i = 0; i < 2; i++) {
            t = dayStart(epochDay) + Math.round((720 - 4 * at.longitude() - solar(t).equationOfTime()) * MINUTE);
        }
        return t;
    }

    /** Solar midnight before the noon of {@code epochDay} (the lower transit), epoch ms. */
    long midnight(long epochDay) {
        long t = noon(epochDay) - 720 * MINUTE;
        return dayStart(epochDay) + Math.round((-4 * at.longitude() - solar(t).equationOfTime()) * MINUTE);
    }

    /**
     * When the sun's centre passes {@code zenithDeg} on the solar day {@code epochDay}, rising (morning) or setting
     * (evening); {@link Long#MIN_VALUE} when it does not that day (polar day or night).
     */
    long crossing(long epochDay, double zenithDeg, boolean rising) {
        long noon = noon(epochDay);
        long t = noon;
        double cosZ = Math.cos(Math.toRadians(zenithDeg));
        for (int i = 0; i < 3; i++) {
            Solar s = solar(t);
            double cosH = (cosZ - sinLat * Math.sin(s.declination())) / (cosLat * Math.cos(s.declination()));
            if (cosH > 1 || cosH < -1) {
                return Long.MIN_VALUE;
            }
            double minutes = 4 * Math.toDegrees(Math.acos(cosH));
            double noonMinutes = 720 - 4 * at.longitude() - s.equationOfTime();
            t = dayStart(epochDay) + Math.round((noonMinutes + (rising ? -minutes : minutes)) * MINUTE);
        }
        return t;
    }

    long sunrise(long epochDay) {
        return crossing(epochDay, HORIZON_ZENITH, true);
    }

    long sunset(long epochDay) {
        return crossing(epochDay, HORIZON_ZENITH, false);
    }

    /** Whether the sun is up (its centre above −0.833°) at an instant: for times between transitions. */
    boolean up(long epochMs) {
        return geometricElevation(epochMs) > 90 - HORIZON_ZENITH;
    }

    /** Kinds of daily events, for {@link #next}. */
    enum Event { RISING, SETTING, DAWN, DUSK, NOON, MIDNIGHT }

    private long event(Event e, long epochDay) {
        return switch (e) {
            case RISING -> sunrise(epochDay);
            case SETTING -> sunset(epochDay);
            case DAWN -> crossing(epochDay, CIVIL_ZENITH, true);
            case DUSK -> crossing(epochDay, CIVIL_ZENITH, false);
            case NOON -> noon(epochDay);
            case MIDNIGHT -> midnight(epochDay);
        };
    }

    /** The first event of a kind after {@code epochMs}, or {@link Long#MIN_VALUE} if there is none within a year. */
    long next(Event e, long epochMs) {
        long day = Math.floorDiv(epochMs, DAY) - 1;
        for (int i = 0; i < SEARCH_DAYS; i++, day++) {
            long t = event(e, day);
            if (t != Long.MIN_VALUE && t > epochMs) {
                return t;
            }
        }
        return Long.MIN_VALUE;
    }

    /** A change of {@code sun.sun}'s state. */
    record Transition(long time, String state) {
    }

    /**
     * The sun's state changes in [from, to), in time order, alternating, at most one sunrise and one sunset per
     * solar day (none on a polar day or night).
     */
    List<Transition> transitions(long from, long to) {
        return walk(from, to).changes();
    }

    /** The state at an instant: that of the last change before it (consistent with {@link #transitions}). */
    String stateAt(long epochMs) {
        return walk(epochMs, epochMs).state();
    }

    /** Changes in [from, to) and the state at {@code to}. */
    private record Walk(List<Transition> changes, String state) {
    }

    private Walk walk(long from, long to) {
        long firstDay = Math.floorDiv(from, DAY) - 2;
        long lastDay = Math.floorDiv(to, DAY) + 1;
        List<Transition> raw = new ArrayList<>();
        for (long d = firstDay; d <= lastDay; d++) {
            long rise = sunrise(d);
            long set = sunset(d);
            if (rise != Long.MIN_VALUE) {
                raw.add(new Transition(rise, ABOVE));
            }
            if (set != Long.MIN_VALUE) {
                raw.add(new Transition(set, BELOW));
            }
        }
        raw.sort((a, b) -> Long.compare(a.time(), b.time()));
        List<Transition> out = new ArrayList<>();
        // two days before the window the sun's height decides; from then on the transitions do
        String state = up(dayStart(firstDay)) ? ABOVE : BELOW;
        for (Transition t : raw) {
            if (t.time() >= to) {
                break;
            }
            if (t.state().equals(state)) {
                continue;   // the edge of a polar day or night: no change
            }
            state = t.state();
            if (t.time() >= from) {
                out.add(t);
            }
        }
        return new Walk(out, state);
    }

    /**
     * HA's attributes of {@code sun.sun} at an instant: the next dawn, dusk, midnight, noon, rising and setting (UTC,
     * HA's timestamp format), elevation and azimuth (two decimals), rising (before the next noon comes the next
     * midnight), and the friendly name. An event that does not come within a year is left out.
     */
    Map<String, Object> attributes(long epochMs) {
        Map<String, Object> a = new LinkedHashMap<>();
        put(a, "next_dawn", next(Event.DAWN, epochMs));
        put(a, "next_dusk", next(Event.DUSK, epochMs));
        long midnight = next(Event.MIDNIGHT, epochMs);
        long noon = next(Event.NOON, epochMs);
        put(a, "next_midnight", midnight);
        put(a, "next_noon", noon);
        put(a, "next_rising", next(Event.RISING, epochMs));
        put(a, "next_setting", next(Event.SETTING, epochMs));
        a.put("elevation", round2(elevation(epochMs)));
        a.put("azimuth", round2(azimuth(epochMs)));
        a.put("rising", noon < midnight);
        a.put("friendly_name", NAME);
        return a;
    }

    private static void put(Map<String, Object> a, String key, long t) {
        if (t != Long.MIN_VALUE) {
            a.put(key, HaTime.format(t));
        }
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** The history and the state at the end of a window. */
    record History(List<StateEvent> events, String state, Map<String, Object> attributes) {
    }

    /**
     * {@code sun.sun}'s state changes in [from, to) as the generator writes events (origin LOCAL, no context: the
     * integration's own update; attributes as HA announces them at that moment; the first event's old state unknown,
     * as for every generated entity), and its state and attributes at {@code to}, the home's "now".
     */
    History history(long from, long to) {
        Walk walk = walk(from, to);
        List<StateEvent> events = new ArrayList<>(walk.changes().size());
        String old = null;
        for (Transition t : walk.changes()) {
            events.add(new StateEvent(ENTITY_ID, t.state(), attributes(t.time()), t.time(), t.time(), old, null,
                    null, null, EventBuffer.ORIGIN));
            old = t.state();
        }
        return new History(events, walk.state(), attributes(to));
    }
}
