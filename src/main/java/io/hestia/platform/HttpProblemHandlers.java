package io.hestia.platform;

import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The HTTP edge, ahead of every route: the bearer-token check for {@code /api} (health and metrics stay
 * open) and the body-size limit, both answered as RFC 9457 problems before a body is read.
 */
final class HttpProblemHandlers {

    private HttpProblemHandlers() {
    }

    static void install(CamelContext context, int port, long maxBodyBytes, ApiAuth auth) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("the platform-http Vert.x router for port " + port + " is not bound");
        }
        router.route("/api/*").order(-1000).handler(ctx -> {
            String path = ctx.request().path();
            if (auth.enabled()) {
                try {
                    auth.check(ctx.request().getHeader("Authorization"));
                } catch (UnauthorizedException e) {
                    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"hestia\"");
                    respond(ctx, Problems.problem(401, "unauthorized", "Unauthorized", e.getMessage(), path));
                    return;
                }
            }
            String length = ctx.request().getHeader("Content-Length");
            if (length != null) {
                long n;
                try {
                    n = Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                    respond(ctx, Problems.problem(400, "invalid-input", "Invalid input",
                            "Content-Length is not a number", path));
                    return;
                }
                if (n > maxBodyBytes) {
                    respond(ctx, Problems.problem(413, "payload-too-large", "Payload too large",
                            "the request body is " + n + " bytes; at most " + maxBodyBytes
                                    + " are accepted (send at most 100,000 events per request)", path));
                    return;
                }
            }
            ctx.next();
        });
    }

    private static void respond(RoutingContext ctx, Problems.Problem p) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(p.status())
                .putHeader("Content-Type", "application/problem+json")
                .end(Json.write(p.body()));
    }
}
