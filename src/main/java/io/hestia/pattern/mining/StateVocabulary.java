package io.hestia.pattern.mining;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns state strings to small ints for the event pass, remembering which are numbers (sensor readings), so
 * detectors can skip readings without parsing. Not thread-safe: one per analysis.
 */
public final class StateVocabulary {

    /** The id passed for an unknown previous state. */
    public static final int NONE = -1;
    /** Labels of the two ids that stand for numeric readings (see {@link #reading}). */
    static final String READING_A = "<reading>";
    static final String READING_B = "<reading'>";

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> states = new ArrayList<>();
    private final List<Boolean> numeric = new ArrayList<>();

    public int id(String state) {
        Integer id = ids.get(state);
        if (id != null) {
            return id;
        }
        int next = states.size();
        ids.put(state, next);
        states.add(state);
        numeric.add(isNumber(state) || state.equals(READING_A) || state.equals(READING_B));
        return next;
    }

    /**
     * The id of a numeric reading. Readings are not interned one by one (an energy meter's every value is new, which
     * would hold an object per event): all readings share two ids, and a reading that differs from the entity's
     * previous one gets the other id of the pair than {@code previousId}, so "changed" stays visible to detectors.
     *
     * @param sameAsPrevious whether the reading equals the entity's previous raw state
     * @param previousId     the entity's previous state id, or {@link #NONE}
     */
    public int reading(boolean sameAsPrevious, int previousId) {
        int a = id(READING_A);
        int b = id(READING_B);
        if (sameAsPrevious && (previousId == a || previousId == b)) {
            return previousId;
        }
        return previousId == a ? b : a;
    }

    /** The id of a state already seen, or {@link #NONE}. */
    public int find(String state) {
        Integer id = ids.get(state);
        return id == null ? NONE : id;
    }

    public String state(int id) {
        return id < 0 ? null : states.get(id);
    }

    public boolean numeric(int id) {
        return id >= 0 && numeric.get(id);
    }

    /** unavailable / unknown: no real state. */
    public boolean missing(int id) {
        String s = state(id);
        return s == null || s.equals("unavailable") || s.equals("unknown");
    }

    public int size() {
        return states.size();
    }

    public static boolean isNumber(String s) {
        int n = s.length();
        if (n == 0 || n > 40) {
            return false;
        }
        int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        boolean digit = false;
        boolean dot = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digit;
    }
}
