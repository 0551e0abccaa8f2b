package io.hestia.platform;

/** Missing or wrong API token; becomes a 401 problem. */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String detail) {
        super(detail);
    }
}
