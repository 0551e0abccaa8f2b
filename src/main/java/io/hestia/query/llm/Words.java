package io.hestia.query.llm;

import io.hestia.query.HomeIndex;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The content words of a request or a registry name, compared loosely: lower case, split on anything but letters
 * and digits, words of fewer than three letters and common command words left out, a plural "s" dropped. Used to
 * tell whether a request names something of the home and which entities to show the LLM first.
 */
final class Words {

    private static final Set<String> STOP = Set.of(
            "the", "and", "for", "all", "any", "turn", "switch", "set", "make", "put", "please", "can", "you",
            "could", "would", "when", "then", "than", "with", "from", "into", "onto", "off", "what", "whats",
            "how", "are", "was", "were", "its", "this", "that", "these", "those", "there", "here", "every",
            "each", "after", "before", "until", "while", "also", "too", "not", "dont", "but", "just", "some",
            "minute", "minutes", "hour", "hours", "second", "seconds", "today", "tonight", "percent");

    private Words() {
    }

    /** The content words of a text, in order, without repeats. */
    static Set<String> of(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null) {
            return out;
        }
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() < 3 || STOP.contains(w)) {
                continue;
            }
            out.add(w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1) : w);
        }
        return out;
    }

    /** The words by which the person may name an entity: its name, aliases, object id, domain and area. */
    static Set<String> of(HomeIndex home, HomeIndex.Entity e) {
        Set<String> out = of(e.name(), e.aliases());
        out.addAll(of(e.entityId().substring(e.entityId().indexOf('.') + 1)));
        out.addAll(of(e.domain()));
        HomeIndex.Area area = home.area(e.areaId());
        if (area != null) {
            out.addAll(of(area.name(), area.aliases()));
        }
        return out;
    }

    /** The words of a name and its aliases. */
    static Set<String> of(String name, List<String> aliases) {
        Set<String> out = of(name);
        aliases.forEach(a -> out.addAll(of(a)));
        return out;
    }

    /** How many of the request's words are among the given words. */
    static int shared(Set<String> request, Set<String> words) {
        int n = 0;
        for (String w : request) {
            if (words.contains(w)) {
                n++;
            }
        }
        return n;
    }

    /**
     * True when the request shares a word with an entity, area or floor of the home: it names something the local
     * parser may have missed.
     */
    static boolean namesSomething(String text, HomeIndex home) {
        Set<String> request = of(text);
        if (request.isEmpty()) {
            return false;
        }
        for (HomeIndex.Floor f : home.floors()) {
            if (shared(request, of(f.name(), f.aliases())) > 0) {
                return true;
            }
        }
        for (HomeIndex.Area a : home.areas()) {
            if (shared(request, of(a.name(), a.aliases())) > 0) {
                return true;
            }
        }
        for (HomeIndex.Entity e : home.entities()) {
            if (shared(request, of(home, e)) > 0) {
                return true;
            }
        }
        return false;
    }
}
