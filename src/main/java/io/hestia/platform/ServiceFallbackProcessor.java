package io.hestia.platform;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.CircuitBreakerConstants;

/**
 * The service client's fallback: when an attempt failed (5xx, I/O error, timeout) or the breaker is open,
 * answers with an empty 503 marked as a fallback with its reason, so the caller can retry or report the
 * target as unavailable instead of failing blindly.
 */
public final class ServiceFallbackProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        // open: the breaker refused the call (it runs the fallback without a caught exception then); a time-out
        // also comes without one, but with the breaker closed or half-open, and is worth retrying
        String state = exchange.getProperty(CircuitBreakerConstants.RESPONSE_STATE, String.class);
        boolean open = "OPEN".equals(state) || "FORCED_OPEN".equals(state)
                || Boolean.TRUE.equals(exchange.getProperty(CircuitBreakerConstants.RESPONSE_REJECTED, Boolean.class))
                || (cause != null && cause.getClass().getSimpleName().equals("CallNotPermittedException"));
        // the breaker's time limit and the socket's read timeout are the same length, so either may fire first:
        // both are the target not answering in time, and are reported alike
        String reason = open ? CamelServiceCaller.BREAKER_OPEN
                : cause == null ? CamelServiceCaller.NO_ANSWER_IN_TIME : CamelServiceCaller.describe(cause);
        exchange.setException(null);
        var msg = exchange.getMessage();
        msg.setHeader(CamelServiceCaller.FALLBACK_HEADER, true);
        msg.setHeader(CamelServiceCaller.FALLBACK_REASON, reason);
        msg.setHeader(CamelServiceCaller.BREAKER_OPEN_HEADER, open);
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
        msg.setBody(null);
    }
}
