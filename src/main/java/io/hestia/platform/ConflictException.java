package io.hestia.platform;

/** The request conflicts with the current state (e.g. a run already in progress); becomes a 409 problem. */
public class ConflictException extends RuntimeException {
    public ConflictException(String detail) {
        super(detail);
    }
}
