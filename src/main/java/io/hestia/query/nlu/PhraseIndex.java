package io.hestia.query.nlu;

import io.hestia.query.HomeIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The home's names as token phrases: every entity name and alias (and the words of its entity id, for entities HA
 * shows by id), every area and floor name and alias, keyed by their stems. Built once per {@link HomeIndex} and read
 * by concurrent parses.
 */
public final class PhraseIndex {

    public enum Type { ENTITY, AREA, FLOOR }

    /** One thing a phrase names, and how surely (a name 1.0, an alias 0.95, entity-id words 0.8). */
    public record Target(Type type, String id, double confidence) {
    }

    private final Map<String, List<Target>> phrases = new HashMap<>();
    private final Set<String> vocabulary = new HashSet<>();
    private final Map<Integer, List<String>> vocabularyByLength = new HashMap<>();
    private int maxLength = 1;
    private final String[] lowerNames;

    public PhraseIndex(HomeIndex home) {
        lowerNames = new String[home.entities().size()];
        for (int i = 0; i < lowerNames.length; i++) {
            String name = home.entities().get(i).name();
            lowerNames[i] = name == null ? null : name.toLowerCase(Locale.ROOT);
        }
        for (HomeIndex.Floor f : home.floors()) {
            add(f.name(), new Target(Type.FLOOR, f.id(), 1.0));
            for (String a : f.aliases()) {
                add(a, new Target(Type.FLOOR, f.id(), 0.95));
            }
        }
        levelWords(home);
        for (HomeIndex.Area a : home.areas()) {
            add(a.name(), new Target(Type.AREA, a.id(), 1.0));
            for (String al : a.aliases()) {
                add(al, new Target(Type.AREA, a.id(), 0.95));
            }
        }
        for (HomeIndex.Entity e : home.entities()) {
            add(e.name(), new Target(Type.ENTITY, e.entityId(), 1.0));
            // "Kitchen Coffee Maker" in the kitchen is also "the coffee maker"
            HomeIndex.Area area = home.area(e.areaId());
            String rest = withoutPrefix(e.name(), area == null ? null : area.name());
            if (rest != null) {
                addPartial(rest, new Target(Type.ENTITY, e.entityId(), 0.8));
            }
            // "Front Door Lock" is also what "the front door" may mean when a lock state is asked
            String head = withoutLastWord(e.name());
            if (head != null) {
                addPartial(head, new Target(Type.ENTITY, e.entityId(), 0.7));
            }
            for (String al : e.aliases()) {
                add(al, new Target(Type.ENTITY, e.entityId(), 0.95));
            }
            if (e.name() == null) {
                String objectId = e.entityId().substring(e.entityId().indexOf('.') + 1).replace('_', ' ');
                add(objectId, new Target(Type.ENTITY, e.entityId(), 0.8));
            }
        }
        for (String w : vocabulary) {
            vocabularyByLength.computeIfAbsent(w.length(), k -> new ArrayList<>()).add(w);
        }
    }

    private static String withoutLastWord(String name) {
        if (name == null) {
            return null;
        }
        String[] words = name.strip().split("\\s+");
        return words.length >= 3 ? String.join(" ", java.util.Arrays.copyOf(words, words.length - 1)) : null;
    }

    /**
     * "upstairs" and "downstairs" when no floor is called so: the floors above the lowest level, and the ground
     * floor (level 0, else the lowest), by HA's floor levels.
     */
    private void levelWords(HomeIndex home) {
        List<HomeIndex.Floor> leveled = home.floors().stream().filter(f -> f.level() != null)
                .sorted(java.util.Comparator.comparing(HomeIndex.Floor::level)).toList();
        if (leveled.size() < 2) {
            return;
        }
        int ground = leveled.stream().anyMatch(f -> f.level() == 0) ? 0 : leveled.get(0).level();
        boolean upSaid = phrases.containsKey(String.join(" ", Text.stems("upstairs")));
        boolean downSaid = phrases.containsKey(String.join(" ", Text.stems("downstairs")));
        for (HomeIndex.Floor f : leveled) {
            if (f.level() > ground && !upSaid) {
                add("upstairs", new Target(Type.FLOOR, f.id(), 0.9));
            }
            if (f.level() == ground && !downSaid) {
                add("downstairs", new Target(Type.FLOOR, f.id(), 0.9));
            }
        }
    }

    /** A shortened name never shadows an area, a floor or a device noun. */
    private void addPartial(String phrase, Target target) {
        String key = String.join(" ", Text.stems(phrase.toLowerCase(Locale.ROOT)));
        for (Target t : phrases.getOrDefault(key, List.of())) {
            if (t.type() != Type.ENTITY) {
                return;
            }
        }
        if (Lexicon.NOUNS.containsKey(key)) {
            return;
        }
        add(phrase, target);
    }

    private static String withoutPrefix(String name, String prefix) {
        if (name == null || prefix == null) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT);
        String p = prefix.toLowerCase(Locale.ROOT) + " ";
        return n.startsWith(p) && n.length() > p.length() + 2 ? name.substring(p.length()) : null;
    }

    private void add(String phrase, Target target) {
        if (phrase == null || phrase.isBlank()) {
            return;
        }
        // a name may be an HA template such as "Trader Joe[']s": keep the plain reading
        String plain = phrase.replaceAll("\\[[^\\]]*\\]", "").toLowerCase(Locale.ROOT);
        List<String> stems = Text.stems(plain);
        if (stems.isEmpty()) {
            return;
        }
        String key = String.join(" ", stems);
        List<Target> list = phrases.computeIfAbsent(key, k -> new ArrayList<>(1));
        for (int i = 0; i < list.size(); i++) {
            Target t = list.get(i);
            if (t.type() == target.type() && t.id().equals(target.id())) {
                if (t.confidence() < target.confidence()) {
                    list.set(i, target);
                }
                return;
            }
        }
        list.add(target);
        maxLength = Math.max(maxLength, stems.size());
        for (String s : stems) {
            if (s.length() >= 3 && Character.isLetter(s.charAt(0))) {
                vocabulary.add(s);
            }
        }
    }

    /** Lower-case entity names in {@link HomeIndex#entities()} order (null for an entity without a name). */
    String[] lowerNames() {
        return lowerNames;
    }

    /** The targets of a phrase key (stems joined by single spaces), or an empty list. */
    public List<Target> lookup(String key) {
        return phrases.getOrDefault(key, List.of());
    }

    /** The targets of exactly these stems, or an empty list. */
    public List<Target> lookup(List<String> stems, int from, int to) {
        if (to - from > maxLength || to <= from) {
            return List.of();
        }
        String key = from + 1 == to ? stems.get(from) : String.join(" ", stems.subList(from, to));
        return phrases.getOrDefault(key, List.of());
    }

    public int maxLength() {
        return maxLength;
    }

    public boolean knows(String stem) {
        return vocabulary.contains(stem);
    }

    /**
     * The name word closest to a word the home does not know (a typo), or null: edit distance 1 for words of 4 to 6
     * letters, 2 from 7 letters; ties resolve to the first found in a stable order.
     */
    public String correct(String stem) {
        int n = stem.length();
        if (n < 4) {
            return null;
        }
        int max = n >= 7 ? 2 : 1;
        String best = null;
        int bestDistance = max + 1;
        for (int len = n - max; len <= n + max; len++) {
            for (String w : vocabularyByLength.getOrDefault(len, List.of())) {
                int d = Text.distance(stem, w, max);
                if (d < bestDistance || (d == bestDistance && best != null && w.compareTo(best) < 0)) {
                    bestDistance = d;
                    best = w;
                }
            }
        }
        return bestDistance <= max ? best : null;
    }

    /** Names closest to a phrase by shared trigrams, for "did you mean" options. */
    public List<Target> similar(String phrase, HomeIndex home, int limit) {
        Set<String> grams = trigrams(phrase);
        List<Map.Entry<Double, Target>> scored = new ArrayList<>();
        for (HomeIndex.Entity e : home.entities()) {
            String name = e.name() == null ? e.entityId() : e.name();
            Set<String> other = trigrams(name);
            int shared = 0;
            for (String g : grams) {
                if (other.contains(g)) {
                    shared++;
                }
            }
            if (shared > 0) {
                double score = 2.0 * shared / (grams.size() + other.size());
                scored.add(Map.entry(score, new Target(Type.ENTITY, e.entityId(), score)));
            }
        }
        scored.sort((a, b) -> Double.compare(b.getKey(), a.getKey()));
        List<Target> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, scored.size()); i++) {
            if (scored.get(i).getKey() >= 0.2) {
                out.add(scored.get(i).getValue());
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern NON_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

    private static Set<String> trigrams(String s) {
        String p = "  " + NON_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").trim() + " ";
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 3 <= p.length(); i++) {
            out.add(p.substring(i, i + 3));
        }
        return out;
    }
}
