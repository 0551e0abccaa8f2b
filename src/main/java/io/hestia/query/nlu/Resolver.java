package io.hestia.query.nlu;

import io.hestia.query.HomeIndex;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the entities a part of a request means: by name (filtered by what the verb or the asked state allows, and by
 * the named place), or by kind (a device noun or a state word) within a scope (areas, floors, the speaker's area or
 * the whole home).
 */
final class Resolver {

    private final HomeIndex home;
    private final PhraseIndex names;

    Resolver(HomeIndex home, PhraseIndex names) {
        this.home = home;
        this.names = names;
    }

    /** Where to look: named areas and floors; empty lists mean the whole home. */
    record Scope(List<String> areaIds, List<String> floorIds) {
        static final Scope HOME = new Scope(List.of(), List.of());

        boolean isHome() {
            return areaIds.isEmpty() && floorIds.isEmpty();
        }
    }

    boolean inScope(HomeIndex.Entity e, Scope scope) {
        if (scope.isHome()) {
            return true;
        }
        if (e.areaId() != null && scope.areaIds().contains(e.areaId())) {
            return true;
        }
        String floor = home.floorOf(e);
        return floor != null && scope.floorIds().contains(floor);
    }

    /** Entities of a kind in scope. */
    List<HomeIndex.Entity> ofKind(Lexicon.Kind kind, Scope scope, Predicate<HomeIndex.Entity> allowed) {
        List<HomeIndex.Entity> out = new ArrayList<>();
        for (HomeIndex.Entity e : home.ofDomain(kind.domain())) {
            if (kind.matches(e.domain(), e.deviceClass()) && allowed.test(e) && inScope(e, scope)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The entities a name span names, keeping those the predicate allows. */
    List<HomeIndex.Entity> named(Span span, Predicate<HomeIndex.Entity> allowed) {
        // the best-named entities that the predicate allows: an exact name beats a shortened one
        Set<HomeIndex.Entity> out = new LinkedHashSet<>();
        double best = 0;
        for (PhraseIndex.Target t : span.targets()) {
            if (t.type() == PhraseIndex.Type.ENTITY) {
                HomeIndex.Entity e = home.entity(t.id());
                if (e != null && allowed.test(e)) {
                    if (t.confidence() > best + 1e-9) {
                        out.clear();
                        best = t.confidence();
                    }
                    if (t.confidence() >= best - 1e-9) {
                        out.add(e);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Entities the predicate allows whose name begins with these words ("front door" for "Front Door Lock"). */
    List<HomeIndex.Entity> nameStartsWith(String words, Predicate<HomeIndex.Entity> allowed) {
        String prefix = words.toLowerCase(java.util.Locale.ROOT) + " ";
        List<HomeIndex.Entity> out = new ArrayList<>();
        List<HomeIndex.Entity> all = home.entities();
        String[] lower = names.lowerNames();
        for (int i = 0; i < lower.length; i++) {
            if (lower[i] != null && lower[i].startsWith(prefix) && allowed.test(all.get(i))) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /** Domains a verb can act on, as HA's services do. */
    private static final Set<String> SWITCHABLE = Set.of("light", "switch", "fan", "cover", "lock", "climate",
            "media_player", "scene", "script", "input_boolean", "humidifier", "siren", "valve", "vacuum", "automation",
            "water_heater", "remote", "group", "camera");
    // "open the front door" never unlatches a lock (HA's lock.open): that must be said as "unlock"
    private static final Set<String> OPENABLE = Set.of("cover", "valve");
    private static final Set<String> SETTABLE = Set.of("light", "climate", "cover", "valve", "fan", "media_player",
            "humidifier", "water_heater", "number", "input_number");

    static Predicate<HomeIndex.Entity> actionable(Words.Verb verb) {
        if (verb == null) {
            return e -> true;
        }
        return switch (verb) {
            case ON, OFF, TOGGLE -> e -> SWITCHABLE.contains(e.domain());
            case OPEN, CLOSE -> e -> OPENABLE.contains(e.domain());
            case LOCK, UNLOCK -> e -> e.domain().equals("lock");
            case SET, DIM, BRIGHTEN -> e -> SETTABLE.contains(e.domain());
            case PAUSE, PLAY, NEXT, PREVIOUS, VOLUME -> e -> e.domain().equals("media_player");
            case NOTIFY -> e -> true;
            case FLASH -> e -> e.domain().equals("light");
        };
    }
}
