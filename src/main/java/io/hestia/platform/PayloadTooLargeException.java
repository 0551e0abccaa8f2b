package io.hestia.platform;

/** A request carrying more than Hestia accepts at once; becomes a 413 problem. */
public class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(String detail) {
        super(detail);
    }
}
