package io.hestia.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.JsonBody;
import io.hestia.query.QueryService.Answer;
import io.hestia.query.QueryService.Result;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query service's HTTP-facing operations over request bodies as strings, so the routes only wire: ask, clarify,
 * read one query. Bodies are checked for shape here (a bad field is a 400 problem naming it); what depends on the
 * home or the session (an unknown area, a question that is not open) is checked by {@link QueryService}.
 */
public final class QueryApi {

    static final int MAX_CONVERSATION_ID = 200;
    static final int MAX_ANSWERS = 20;

    private final QueryService service;

    public QueryApi(QueryService service) {
        this.service = service;
    }

    /** {@code {query, context?: {area_id}, conversation_id?}}. */
    public Map<String, Object> ask(String body) {
        JsonNode json = JsonBody.object(body);
        JsonNode query = json.get("query");
        if (query == null || query.isNull()) {
            throw InvalidInputException.of("query", "is required: the request as text");
        }
        if (!query.isTextual()) {
            throw InvalidInputException.of("query", "must be text, was " + kind(query));
        }
        String area = null;
        JsonNode context = json.get("context");
        if (context != null && !context.isNull()) {
            if (!context.isObject()) {
                throw InvalidInputException.of("context", "must be an object such as {\"area_id\": \"kitchen\"}");
            }
            area = optionalText(context.get("area_id"), "context.area_id", 200);
        }
        String conversation = optionalText(json.get("conversation_id"), "conversation_id", MAX_CONVERSATION_ID);
        return view(service.ask(query.textValue(), area, conversation));
    }

    /** {@code {answers: [{question_id, answer}]}}. */
    public Map<String, Object> clarify(String id, String body) {
        JsonNode json = JsonBody.object(body);
        JsonNode answers = json.get("answers");
        if (answers == null || !answers.isArray() || answers.isEmpty()) {
            throw InvalidInputException.of("answers", "must be a non-empty list of {question_id, answer}");
        }
        if (answers.size() > MAX_ANSWERS) {
            throw InvalidInputException.of("answers", "must hold at most " + MAX_ANSWERS + " answers");
        }
        List<Answer> list = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            JsonNode a = answers.get(i);
            String at = "answers[" + i + "]";
            if (!a.isObject()) {
                throw InvalidInputException.of(at, "must be an object {question_id, answer}");
            }
            JsonNode q = a.get("question_id");
            if (q == null || !q.isTextual() || q.textValue().isBlank()) {
                throw InvalidInputException.of(at + ".question_id", "is required: the id of an open question");
            }
            JsonNode v = a.get("answer");
            if (v == null || !(v.isTextual() || v.isNumber())) {
                throw InvalidInputException.of(at + ".answer", "is required: an option's value or text");
            }
            list.add(new Answer(q.textValue(), v.asText()));
        }
        return view(service.clarify(id, list));
    }

    public Map<String, Object> get(String id) {
        return view(service.get(id));
    }

    /** The API view of a query (snake_case; optional parts left out when empty). */
    static Map<String, Object> view(Result r) {
        Understanding u = r.understanding();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query_id", r.queryId());
        out.put("query", r.text());
        out.put("status", r.status());
        out.put("intent", u.intent());
        out.put("slots", u.slots());
        out.put("entities", u.entities());
        out.put("areas", u.areas());
        out.put("floors", u.floors());
        if (!u.triggers().isEmpty()) {
            out.put("triggers", u.triggers());
        }
        if (!u.conditions().isEmpty()) {
            out.put("conditions", u.conditions());
        }
        if (!u.actions().isEmpty()) {
            out.put("actions", u.actions());
        }
        if (u.draft() != null) {
            out.put("automation_draft", u.draft());
        }
        if (r.validation() != null) {
            out.put("validation", r.validation());
        }
        out.put("clarification", clarification(r));
        out.put("suggestions", r.suggestions());
        out.put("notes", r.notes());
        out.put("unparsed", u.unparsed());
        out.put("confidence", Math.round(u.confidence() * 1000) / 1000.0);
        out.put("processing_ms", r.processingMs());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("area_id", r.contextAreaId());
        out.put("context", context);
        out.put("conversation_id", r.conversationId());
        out.put("created_at", Instant.ofEpochMilli(r.createdAt()).toString());
        out.put("updated_at", Instant.ofEpochMilli(r.updatedAt()).toString());
        return out;
    }

    private static Map<String, Object> clarification(Result r) {
        boolean needed = QueryService.NEEDS_CLARIFICATION.equals(r.status());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("needed", needed);
        c.put("session_id", needed || r.rounds() > 0 ? r.queryId() : null);
        c.put("round", r.rounds());
        c.put("max_rounds", r.maxRounds());
        c.put("questions", r.understanding().questions());
        c.put("answers", r.answers());
        if (!r.history().isEmpty()) {
            List<Map<String, Object>> rounds = new ArrayList<>();
            for (QueryService.Round h : r.history()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("round", h.round());
                m.put("questions", h.questions());
                m.put("answers", h.answers());
                m.put("answered_at", Instant.ofEpochMilli(h.answeredAt()).toString());
                rounds.add(m);
            }
            c.put("history", rounds);
        }
        return c;
    }

    private static String optionalText(JsonNode n, String field, int max) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.textValue().isBlank()) {
            throw InvalidInputException.of(field, "must be non-empty text, was " + kind(n));
        }
        if (n.textValue().length() > max) {
            throw InvalidInputException.of(field, "must be at most " + max + " characters");
        }
        return n.textValue();
    }

    private static String kind(JsonNode n) {
        return n.isTextual() ? "empty text" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
