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
        boolean rejected = Boolean.TRUE.equals(
                exchange.getProperty(CircuitBreakerConstants.RESPONSE_REJECTED, Boolean.class));
        String reason = cause == null ? "no answer" : CamelServiceCaller.describe(cause);
        // the breaker runs the fallback without a caught exception when it refused the call (open)
        if (rejected || cause == null || (cause != null && cause.getClass().getSimpleName().equals("CallNotPermittedException"))) {
            reason = CamelServiceCaller.BREAKER_OPEN;
        }
        exchange.setException(null);
        var msg = exchange.getMessage();
        msg.setHeader(CamelServiceCaller.FALLBACK_HEADER, true);
        msg.setHeader(CamelServiceCaller.FALLBACK_REASON, reason);
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
        msg.setBody(null);
    }
}
