package io.hestia.platform;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The service client's fallback: after retries are exhausted or while the breaker is open, answers with an
 * empty 503 marked as a fallback, so the caller reports the target as unavailable instead of failing blindly.
 */
public final class ServiceFallbackProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "no answer" : CamelServiceCaller.describe(cause);
        if (cause != null && cause.getClass().getSimpleName().equals("CallNotPermittedException")) {
            reason = "circuit breaker is open";
        }
        var msg = exchange.getMessage();
        msg.setHeader(CamelServiceCaller.FALLBACK_HEADER, true);
        msg.setHeader(CamelServiceCaller.FALLBACK_REASON, reason);
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
        msg.setBody(null);
    }
}
