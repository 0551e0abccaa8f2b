package io.hestia.store;

/** A failed database operation; the transaction it belonged to was rolled back. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
