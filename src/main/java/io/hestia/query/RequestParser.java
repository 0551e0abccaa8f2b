package io.hestia.query;

import io.hestia.query.nlu.PhraseIndex;
import io.hestia.query.nlu.SentenceParser;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The local, rule-based parser: no model, no network. The phrase index of a home is built once per
 * {@link HomeIndex} snapshot and kept while that snapshot is in use (the few most recent snapshots).
 */
public final class RequestParser implements Parser {

    private static final int CACHED_HOMES = 8;
    private final Map<HomeIndex, PhraseIndex> indexes = Collections.synchronizedMap(new IdentityHashMap<>());
    private final java.util.ArrayDeque<HomeIndex> order = new java.util.ArrayDeque<>();

    @Override
    public Understanding parse(String text, HomeIndex home, String contextAreaId, Map<String, String> answers) {
        return SentenceParser.parse(text, home, index(home), contextAreaId, answers);
    }

    /** The phrase index of a home snapshot, built on first use. */
    public PhraseIndex index(HomeIndex home) {
        PhraseIndex idx = indexes.get(home);
        if (idx != null) {
            return idx;
        }
        synchronized (order) {
            idx = indexes.get(home);
            if (idx == null) {
                idx = new PhraseIndex(home);
                indexes.put(home, idx);
                order.addLast(home);
                while (order.size() > CACHED_HOMES) {
                    indexes.remove(order.removeFirst());
                }
            }
            return idx;
        }
    }
}
