package io.hestia.platform;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Turns the exchange's caught exception into an {@code application/problem+json} response. */
public final class ProblemProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (error == null) {
            error = exchange.getException();
        }
        String path = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        Problems.Problem p = Problems.of(error == null ? new IllegalStateException("unknown failure") : error, path);
        if (p.status() >= 500) {
            org.slf4j.LoggerFactory.getLogger(ProblemProcessor.class).warn("{} failed: {}", path, p.body().get("detail"),
                    error);
        }
        exchange.getMessage().removeHeaders("*", "Camel*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, p.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        if (p.status() == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"hestia\"");
        }
        exchange.getMessage().setBody(Json.write(p.body()));
    }
}
