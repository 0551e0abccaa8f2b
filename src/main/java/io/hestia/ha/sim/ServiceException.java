package io.hestia.ha.sim;

/** A refused service call, with the error class HA would raise. */
final class ServiceException extends Exception {

    enum Kind {
        /** ServiceNotFound: REST 400, WS {@code not_found}. */
        NOT_FOUND,
        /** vol.Invalid on the service data: REST 400, WS {@code invalid_format}. */
        INVALID,
        /** ServiceValidationError: REST 400, WS {@code service_validation_error} ("Validation error: ..."). */
        VALIDATION,
        /** ServiceValidationError about return_response: REST answers its own fixed messages. */
        RESPONSE_NOT_SUPPORTED,
        RESPONSE_REQUIRED
    }

    final Kind kind;

    ServiceException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }
}
