package org.datacollab.gateway.identity;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * What a request presents, not yet verified: an API key ({@code X-API-Key}, or {@code Authorization: Bearer
 * dck_...}) or a bearer token (an OIDC JWT, or the operator's bootstrap key).
 */
public final class PresentedCredential extends AbstractAuthenticationToken {

    public static final String API_KEY_HEADER = "X-API-Key";

    private final String value;
    private final boolean apiKeyHeader;

    PresentedCredential(String value, boolean apiKeyHeader) {
        super(List.of());
        this.value = value;
        this.apiKeyHeader = apiKeyHeader;
    }

    public String value() {
        return value;
    }

    /** Whether it came as an API key (its header, or its form), rather than as a token for the identity provider. */
    public boolean looksLikeApiKey() {
        return apiKeyHeader || value.startsWith(ApiKeys.PREFIX);
    }

    @Override
    public Object getCredentials() {
        return value;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }

    /** Reads the credential of a request; none when it presents none (public paths are read without one). */
    public static ServerAuthenticationConverter converter() {
        return exchange -> {
            HttpHeaders headers = exchange.getRequest().getHeaders();
            String apiKey = headers.getFirst(API_KEY_HEADER);
            if (apiKey != null) {
                return Mono.just(new PresentedCredential(apiKey.trim(), true));
            }
            String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Mono.empty();
            }
            return Mono.just(new PresentedCredential(authorization.substring(7).trim(), false));
        };
    }
}
