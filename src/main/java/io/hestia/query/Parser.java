package io.hestia.query;

import java.util.Map;

/** Turns one plain-language request into an {@link Understanding} over a home. */
@FunctionalInterface
public interface Parser {

    /**
     * @param text          the request as typed or spoken
     * @param home          the home's registries
     * @param contextAreaId the area the request comes from ("here", and commands without a place), or null
     * @param answers       clarification answers so far: question id to the chosen option value (or free text)
     */
    Understanding parse(String text, HomeIndex home, String contextAreaId, Map<String, String> answers);
}
