package io.hestia.query.llm;

import io.hestia.query.HomeIndex;
import io.hestia.query.Parser;
import io.hestia.query.Understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The local parser, helped by the LLM where it could not place a request. The local parser always runs first; its
 * result is returned untouched (and the LLM is not called) unless
 * <ul>
 *     <li>its intent is {@link Understanding#UNKNOWN}, or</li>
 *     <li>its confidence is below {@code hestia.query.llm.min-confidence}, or</li>
 *     <li>it resolved no entity although the request shares a word with an entity, area or floor of the home.</li>
 * </ul>
 * Then the LLM's answer, when it is valid, replaces the local result; its {@link Understanding#unparsed()} holds
 * {@value LlmInterpreter#SOURCE_NOTE} and its confidence is 0.7. Otherwise the local result is returned with one
 * more entry in {@code unparsed} saying why: {@code llm: failed: <reason>}, {@code llm: rejected: <reason>} or
 * {@value LlmInterpreter#NO_INTERPRETATION}.
 */
public final class LlmAssistedParser implements Parser {

    private final Parser local;
    private final LlmInterpreter llm;

    public LlmAssistedParser(Parser local, LlmInterpreter llm) {
        this.local = Objects.requireNonNull(local, "local");
        this.llm = Objects.requireNonNull(llm, "llm");
    }

    @Override
    public Understanding parse(String text, HomeIndex home, String contextAreaId, Map<String, String> answers) {
        Understanding understood = local.parse(text, home, contextAreaId, answers);
        if (!needsHelp(understood, text, home)) {
            return understood;
        }
        LlmInterpreter.Outcome outcome;
        try {
            outcome = llm.interpret(text, home, contextAreaId, answers);
        } catch (RuntimeException e) {
            // the helper is optional: whatever goes wrong in it, the local result stands
            outcome = new LlmInterpreter.Outcome(null, LlmInterpreter.FAILED + e);
        }
        return outcome.accepted() ? outcome.understanding() : withNote(understood, outcome.note());
    }

    /** Whether the LLM is asked about a local result. */
    boolean needsHelp(Understanding understood, String text, HomeIndex home) {
        return Understanding.UNKNOWN.equals(understood.intent())
                || understood.confidence() < llm.settings().minConfidence()
                || understood.entities().isEmpty() && Words.namesSomething(text, home);
    }

    static Understanding withNote(Understanding u, String note) {
        List<String> unparsed = new ArrayList<>(u.unparsed());
        unparsed.add(note);
        return new Understanding(u.intent(), u.slots(), u.entities(), u.areas(), u.floors(), u.triggers(),
                u.conditions(), u.actions(), u.draft(), u.questions(), u.confidence(), unparsed);
    }
}
