package io.hestia.training.synthetic;

import java.util.SplittableRandom;

/**
 * Home types of the original generator, with its distribution per 100 homes: single-family 30, apartment 20,
 * condo 15, townhouse 10, cottage 10, studio 5, multi-story 5, ranch 5.
 */
public enum HomeType {
    SINGLE_FAMILY("single_family", 30, true),
    APARTMENT("apartment", 20, false),
    CONDO("condo", 15, false),
    TOWNHOUSE("townhouse", 10, true),
    COTTAGE("cottage", 10, true),
    STUDIO("studio", 5, false),
    MULTI_STORY("multi_story", 5, true),
    RANCH("ranch", 5, false);

    private final String id;
    private final int weight;
    private final boolean multiStorey;

    HomeType(String id, int weight, boolean multiStorey) {
        this.id = id;
        this.weight = weight;
        this.multiStorey = multiStorey;
    }

    /** The original's name, e.g. {@code single_family}. */
    public String id() {
        return id;
    }

    /** Homes of this type per 100 homes. */
    public int weight() {
        return weight;
    }

    /** True if homes of this type have more than one floor (and so a floor registry). */
    public boolean multiStorey() {
        return multiStorey;
    }

    /** Draws a type with the original's distribution. */
    public static HomeType draw(SplittableRandom random) {
        int r = random.nextInt(100);
        for (HomeType t : values()) {
            r -= t.weight;
            if (r < 0) {
                return t;
            }
        }
        return SINGLE_FAMILY;
    }

    /** Draws a device count with the original's sizes: 10–20 30%, 20–40 40%, 40–60 20%, 60–100 10%. */
    public static int drawDeviceCount(SplittableRandom random) {
        int r = random.nextInt(100);
        if (r < 30) {
            return 10 + random.nextInt(10);        // small 10..19
        }
        if (r < 70) {
            return 20 + random.nextInt(20);        // medium 20..39
        }
        if (r < 90) {
            return 40 + random.nextInt(20);        // large 40..59
        }
        return 60 + random.nextInt(41);            // XL 60..100
    }

    public static HomeType fromId(String id) {
        for (HomeType t : values()) {
            if (t.id.equals(id) || t.name().equalsIgnoreCase(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown home type '" + id + "'");
    }
}
