package io.hestia.query.llm;

import io.hestia.HestiaAppTestSupport;
import io.hestia.platform.ServiceTargets;
import io.hestia.query.Parser;
import io.hestia.query.RequestParser;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Without hestia.query.llm.url the query service parses locally only: no llm target, no route, no helper. */
class LlmOffByDefaultTest extends HestiaAppTestSupport {

    @Override
    protected Properties extraProperties() {
        Properties p = new Properties();
        p.put("hestia.ha.url", "http://127.0.0.1:9"); // nothing there; HA plays no part here
        p.put("hestia.ha.token", "t");
        return p;
    }

    @Test
    void theQueryParserIsTheLocalOneAndThereIsNoLlmTarget() {
        assertThat(context.getRegistry().lookupByNameAndType("queryParser", Parser.class))
                .isInstanceOf(RequestParser.class);
        assertThat(context.getRegistry().lookupByName("queryLlm")).isNull();
        ServiceTargets targets = context.getRegistry().lookupByNameAndType("serviceTargets", ServiceTargets.class);
        assertThat(targets.views()).containsKey("ha").doesNotContainKey("llm");
        assertThat(context.getRoute("service-llm")).isNull();
        assertThat(context.getRoute("service-ha")).isNotNull();
    }
}
