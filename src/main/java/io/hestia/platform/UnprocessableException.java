package io.hestia.platform;

import java.util.Map;

/**
 * Well-formed input that Hestia will not act on (an automation that fails validation, a rollback to a deletion);
 * becomes a 422 problem whose extra members (e.g. the validation report) are {@link #extensions()}.
 */
public class UnprocessableException extends RuntimeException {

    private final transient Map<String, Object> extensions;

    public UnprocessableException(String detail, Map<String, Object> extensions) {
        super(detail);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
