package io.hestia.platform;


import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * When an API token is configured, requires {@code Authorization: Bearer <token>} (compared in constant time).
 * Applied at the HTTP edge by {@link HttpProblemHandlers}.
 */
public final class ApiAuth {

    private final byte[] token;

    public ApiAuth(String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    public boolean enabled() {
        return token != null;
    }

    /** @throws UnauthorizedException when a token is configured and the header does not carry it */
    public void check(String authorizationHeader) {
        if (token == null) {
            return;
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthorizedException("this API needs 'Authorization: Bearer <token>'");
        }
        byte[] given = authorizationHeader.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw new UnauthorizedException("the bearer token is not valid");
        }
    }
}
