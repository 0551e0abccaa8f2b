package io.hestia.query.nlu;

import java.util.List;

/**
 * Words of a request recognised as one thing: a name in the home (entity, area or floor), a device noun, or a state
 * word. A home name that is also a device noun ("Light", "Gas") carries both readings; the parser picks one by what
 * the sentence asks.
 *
 * @param from    first token
 * @param to      token after the last
 * @param text    the words as written (normalised)
 * @param targets home things named (empty for a plain noun or state word)
 * @param kinds   device kinds meant by a noun (empty otherwise)
 * @param states  states meant by a state word (empty otherwise)
 * @param fuzzy   true when a typo was corrected to find it
 */
public record Span(int from, int to, String text, List<PhraseIndex.Target> targets, List<Lexicon.Kind> kinds,
                   List<Lexicon.StateWord> states, boolean fuzzy) {

    public boolean names(PhraseIndex.Type type) {
        for (PhraseIndex.Target t : targets) {
            if (t.type() == type) {
                return true;
            }
        }
        return false;
    }

    public boolean isNoun() {
        return !kinds.isEmpty();
    }

    public boolean isState() {
        return !states.isEmpty();
    }

    /** Best confidence among the targets of a type (1.0 for a lexicon word). */
    public double confidence(PhraseIndex.Type type) {
        double best = 0;
        for (PhraseIndex.Target t : targets) {
            if (t.type() == type) {
                best = Math.max(best, t.confidence());
            }
        }
        return fuzzy ? best * 0.85 : best;
    }
}
