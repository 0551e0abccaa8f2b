package io.hestia.platform;

/** A dependency (HA, another service, the store) cannot serve the request now; becomes a 503 problem. */
public class UnavailableException extends RuntimeException {
    public UnavailableException(String detail) {
        super(detail);
    }

    public UnavailableException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
