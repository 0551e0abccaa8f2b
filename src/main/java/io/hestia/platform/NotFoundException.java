package io.hestia.platform;

/** The addressed resource does not exist; becomes a 404 problem. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String detail) {
        super(detail);
    }
}
