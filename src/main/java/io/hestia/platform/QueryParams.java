package io.hestia.platform;

/** Reading HTTP query parameters: a 400 naming the parameter when a value is not what it must be. */
public final class QueryParams {

    private QueryParams() {
    }

    /** A whole number from {@code min} to {@code max}, {@code dflt} when absent or blank. */
    public static int intParam(String name, String value, int dflt, int min, int max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        int v;
        try {
            v = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(name, "must be a whole number from " + min + " to " + max + ", was "
                    + value);
        }
        if (v < min || v > max) {
            throw InvalidInputException.of(name, "must be from " + min + " to " + max + ", was " + v);
        }
        return v;
    }
}
