package io.hestia.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hestia.ha.HaRestClient;
import io.hestia.store.StoreException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps failures to RFC 9457 problem details. Plain Java: {@link ProblemProcessor} applies the result to the
 * HTTP exchange.
 */
public final class Problems {

    private Problems() {
    }

    /** A problem document and its HTTP status. */
    public record Problem(int status, Map<String, Object> body) {
    }

    public static Problem of(Throwable error, String instance) {
        Throwable e = unwrap(error);
        Problem p;
        if (e instanceof InvalidInputException ie) {
            p = problem(400, "invalid-input", "Invalid input", ie.getMessage(), instance);
            p.body().put("errors", ie.errors());
        } else if (e instanceof JsonProcessingException je) {
            var loc = je.getLocation();
            p = problem(400, "malformed-json", "Malformed JSON", "the body is not valid JSON"
                    + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")")
                    + ": " + je.getOriginalMessage(), instance);
        } else if (e instanceof UnauthorizedException) {
            p = problem(401, "unauthorized", "Unauthorized", e.getMessage(), instance);
        } else if (e instanceof NotFoundException) {
            p = problem(404, "not-found", "Not found", e.getMessage(), instance);
        } else if (e instanceof ConflictException) {
            p = problem(409, "conflict", "Conflict", e.getMessage(), instance);
        } else if (e instanceof UnprocessableException ue) {
            p = problem(422, "unprocessable", "Not accepted", e.getMessage(), instance);
            p.body().putAll(ue.extensions());
        } else if (e instanceof PayloadTooLargeException) {
            p = problem(413, "payload-too-large", "Payload too large", e.getMessage(), instance);
        } else if (e instanceof HaRestClient.HaHttpException he) {
            int status = he.status() >= 400 && he.status() < 500 ? 422 : 502;
            p = problem(status, "home-assistant-error", "Home Assistant refused the request",
                    "Home Assistant answered " + he.status() + ": " + he.haMessage(), instance);
            p.body().put("ha_status", he.status());
            p.body().put("ha_message", he.haMessage());
        } else if (e instanceof UnavailableException) {
            p = problem(503, "unavailable", "Service unavailable", e.getMessage(), instance);
        } else if (e instanceof StoreException) {
            p = problem(503, "store-unavailable", "Store unavailable", e.getMessage(), instance);
        } else {
            p = problem(500, "internal-error", "Internal error",
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), instance);
        }
        return p;
    }

    public static Problem problem(int status, String type, String title, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://hestia.dev/problems/" + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        return new Problem(status, body);
    }

    /**
     * The first cause in the chain that Hestia maps to a specific problem; else the error inside the usual
     * wrappers (CompletionException, ExecutionException, InvocationTargetException, Camel's runtime wrappers).
     */
    private static Throwable unwrap(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidInputException || t instanceof JsonProcessingException
                    || t instanceof UnauthorizedException || t instanceof NotFoundException
                    || t instanceof ConflictException || t instanceof PayloadTooLargeException
                    || t instanceof UnprocessableException
                    || t instanceof HaRestClient.HaHttpException || t instanceof UnavailableException
                    || t instanceof StoreException) {
                return t;
            }
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && isWrapper(t)) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean isWrapper(Throwable t) {
        if (t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.lang.reflect.InvocationTargetException) {
            return true;
        }
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.apache.camel.RuntimeCamelException")) {
                return true; // and its subclasses (CamelExecutionException, ...)
            }
        }
        return false;
    }
}
