package io.hestia.automation;

import io.hestia.automation.validate.AutomationValidator;
import io.hestia.automation.validate.HomeContext;
import io.hestia.automation.validate.SafetyLevel;
import io.hestia.automation.validate.ValidationReport;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.function.Supplier;

/**
 * {@code POST /api/v1/automations/validate}: the body (YAML or JSON, one automation) and the optional query
 * parameters {@code level} (strict, moderate, permissive) and {@code home} ({@code false}: structure and safety only)
 * to the validator's report, as JSON. A report is always 200, valid or not; only an empty body is a 400.
 */
public final class ValidationProcessor implements Processor {

    private final AutomationValidator validator;
    private final Supplier<HomeContext> home;
    private final SafetyLevel defaultLevel;

    public ValidationProcessor(AutomationValidator validator, Supplier<HomeContext> home, SafetyLevel defaultLevel) {
        this.validator = validator;
        this.home = home;
        this.defaultLevel = defaultLevel;
    }

    @Override
    public void process(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            throw InvalidInputException.of("body", "must be one automation as YAML or JSON");
        }
        SafetyLevel level = AutomationApi.level("level", exchange.getMessage().getHeader("level", String.class));
        String homeParam = exchange.getMessage().getHeader("home", String.class);
        if (homeParam != null && !homeParam.equals("true") && !homeParam.equals("false")) {
            throw InvalidInputException.of("home", "must be true or false, was " + homeParam);
        }
        HomeContext context = "false".equals(homeParam) ? HomeContext.none() : home.get();
        ValidationReport report = validator.validateText(body, context, level == null ? defaultLevel : level);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(Json.write(report));
    }
}
