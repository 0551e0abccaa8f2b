package io.hestia.platform;

import java.util.List;

/** Input that cannot be accepted; becomes a 400 problem listing every bad field. */
public class InvalidInputException extends RuntimeException {

    /** One bad value: {@code field} names where ("[12].last_changed", "query.limit"), {@code row} is 0-based or null. */
    public record FieldError(Integer row, String field, String message) {
    }

    private final transient List<FieldError> errors;

    public InvalidInputException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(field + ": " + message, List.of(new FieldError(null, field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
