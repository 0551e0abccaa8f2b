package io.hestia.platform;

import java.util.Map;

/** Options of the jar's sub-commands ({@code eval patterns}, {@code eval intents}): {@code --key value} pairs. */
public final class CommandOptions {

    private CommandOptions() {
    }

    /**
     * Reads {@code --key value} pairs from {@code args[from]} on into {@code opts}, whose keys are the known options
     * (with their defaults, or null).
     *
     * @return null, or the problem with the first unknown or incomplete option
     */
    public static String read(String[] args, int from, Map<String, String> opts) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !opts.containsKey(a.substring(2)) || i + 1 >= args.length) {
                return "unknown or incomplete option " + a;
            }
            opts.put(a.substring(2), args[++i]);
        }
        return null;
    }
}
