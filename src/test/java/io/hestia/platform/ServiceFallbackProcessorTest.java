package io.hestia.platform;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** The fallback's reason: a read timeout and the breaker's time limit are the same thing to the caller. */
class ServiceFallbackProcessorTest {

    private static String reason(Throwable caught) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            if (caught != null) {
                exchange.setProperty(Exchange.EXCEPTION_CAUGHT, caught);
            }
            new ServiceFallbackProcessor().process(exchange);
            assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
            return exchange.getMessage().getHeader(CamelServiceCaller.FALLBACK_REASON, String.class);
        }
    }

    @Test
    void aSocketReadTimeoutIsTheTimeLimit() throws Exception {
        // the socket's read timeout equals the breaker's time limit: whichever fires first, the same reason
        assertThat(reason(new RuntimeException(new SocketTimeoutException("Read timed out"))))
                .isEqualTo("no answer within the time limit");
        assertThat(reason(null)).isEqualTo("no answer within the time limit");
    }

    @Test
    void otherFailuresKeepTheirCause() throws Exception {
        assertThat(reason(new IllegalStateException("connection refused"))).contains("connection refused");
    }

    @Test
    void aReadTimeoutThatEscapesTheFallbackReadsTheSame() {
        // when the socket's timeout wins the race it can reach the caller as the exchange's exception
        assertThat(CamelServiceCaller.describe(new RuntimeException(new SocketTimeoutException("Read timed out"))))
                .isEqualTo("no answer within the time limit");
        assertThat(CamelServiceCaller.describe(new RuntimeException(new java.io.IOException("reset"))))
                .isEqualTo("IOException: reset");
    }
}
