package io.hestia.automation.validate;

import java.util.Locale;

/**
 * How much risk a deploy accepts: the safety score must reach the level's threshold; strict and moderate also
 * refuse any critical safety finding.
 */
public enum SafetyLevel {
    STRICT(80, true), MODERATE(60, true), PERMISSIVE(40, false);

    private final int threshold;
    private final boolean refusesCritical;

    SafetyLevel(int threshold, boolean refusesCritical) {
        this.threshold = threshold;
        this.refusesCritical = refusesCritical;
    }

    public int threshold() {
        return threshold;
    }

    public boolean refusesCritical() {
        return refusesCritical;
    }

    /** The level named {@code name} (any case). */
    public static SafetyLevel parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("safety level must be strict, moderate or permissive, not " + name);
        }
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
