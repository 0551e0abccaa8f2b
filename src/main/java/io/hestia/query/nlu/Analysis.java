package io.hestia.query.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The first pass over a request: tokens, typo corrections, and the spans the home's names, the device nouns and the
 * state words cover (longest match first; a home name wins a tie, and carries the noun reading when it is also a
 * device noun). Clause splitting and meaning are the {@link SentenceParser}'s.
 */
public final class Analysis {

    final List<Tok> toks;
    final List<String> stems;
    final boolean[] corrected;
    final Span[] spanAt;
    final List<Span> spans = new ArrayList<>();

    private static final Set<String> VERB_WORDS = Set.of("turn", "switch", "set", "change", "make", "open", "close",
            "lock", "unlock", "start", "stop", "toggle", "dim", "activate", "deactivate", "put", "run");

    Analysis(String text, PhraseIndex names) {
        this.toks = Text.tokenize(text);
        int n = toks.size();
        this.stems = new ArrayList<>(n);
        this.corrected = new boolean[n];
        for (int i = 0; i < n; i++) {
            Tok t = toks.get(i);
            String s = t.isNumber() ? t.word() : t.stem();
            if (!t.isNumber() && !t.isTime() && !names.knows(s) && !known(s)) {
                String fix = names.correct(s);
                if (fix != null) {
                    s = fix;
                    corrected[i] = true;
                }
            }
            stems.add(s);
        }
        this.spanAt = new Span[n];
        scan(names);
    }

    private static boolean known(String stem) {
        return Lexicon.FILLER.contains(stem) || Lexicon.NOUNS.containsKey(stem) || Lexicon.STATES.containsKey(stem)
                || VERB_WORDS.contains(stem) || Lexicon.COLORS.contains(stem) || Lexicon.WEEKDAYS.contains(stem)
                || Lexicon.WHOLE_HOME.contains(stem) || Words.ALL_KNOWN.contains(stem);
    }

    private void scan(PhraseIndex names) {
        int n = toks.size();
        int i = 0;
        while (i < n) {
            Tok t = toks.get(i);
            if (t.isTime() || t.word().equals(",")) {
                i++;
                continue;
            }
            // keys of the phrases starting here, built once by appending: "living", "living room", ...
            int maxLen = Math.min(Math.max(names.maxLength(), Math.max(Lexicon.maxNounLength,
                    Lexicon.maxStateLength)), n - i);
            String[] keys = new String[maxLen + 1];
            StringBuilder b = new StringBuilder();
            for (int len = 1; len <= maxLen; len++) {
                if (len > 1) {
                    b.append(' ');
                }
                b.append(stems.get(i + len - 1));
                keys[len] = b.toString();
            }
            int homeLen = 0;
            List<PhraseIndex.Target> homeTargets = List.of();
            for (int len = Math.min(names.maxLength(), maxLen); len >= 1; len--) {
                List<PhraseIndex.Target> found = names.lookup(keys[len]);
                if (!found.isEmpty()) {
                    homeLen = len;
                    homeTargets = found;
                    break;
                }
            }
            int nounLen = 0;
            List<Lexicon.Kind> kinds = List.of();
            for (int len = Math.min(Lexicon.maxNounLength, maxLen); len >= 1; len--) {
                List<Lexicon.Kind> found = Lexicon.NOUNS.get(keys[len]);
                if (found != null) {
                    nounLen = len;
                    kinds = found;
                    break;
                }
            }
            int stateLen = 0;
            List<Lexicon.StateWord> states = List.of();
            for (int len = Math.min(Lexicon.maxStateLength, maxLen); len >= 1; len--) {
                List<Lexicon.StateWord> found = Lexicon.STATES.get(keys[len]);
                if (found != null) {
                    stateLen = len;
                    states = found;
                    break;
                }
            }
            Span span = null;
            if (homeLen > 0 && homeLen == nounLen && homeTargets.stream().allMatch(x -> x.confidence() <= 0.8)) {
                homeLen = 0; // "motion" is the device noun, not the end of "Entrance Motion"
            }
            if (homeLen > 0 && homeLen >= nounLen && homeLen >= stateLen) {
                span = new Span(i, i + homeLen, text(i, i + homeLen), homeTargets,
                        homeLen == nounLen ? kinds : List.of(), List.of(), anyCorrected(i, i + homeLen));
            } else if (nounLen > 0 && nounLen >= stateLen) {
                span = new Span(i, i + nounLen, text(i, i + nounLen), List.of(), kinds, List.of(), false);
            } else if (stateLen > 0) {
                span = new Span(i, i + stateLen, text(i, i + stateLen), List.of(), List.of(), states, false);
            }
            if (span == null) {
                i++;
                continue;
            }
            spans.add(span);
            Arrays.fill(spanAt, span.from(), span.to(), span);
            i = span.to();
        }
    }

    private boolean anyCorrected(int from, int to) {
        for (int i = from; i < to; i++) {
            if (corrected[i]) {
                return true;
            }
        }
        return false;
    }


    String text(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(toks.get(i).word());
        }
        return b.toString();
    }

    /** Replaces a span (a verb reading wins over a state reading, for instance) and frees its tokens. */
    void drop(Span s) {
        spans.remove(s);
        for (int i = s.from(); i < s.to(); i++) {
            if (spanAt[i] == s) {
                spanAt[i] = null;
            }
        }
    }
}
