package org.datacollab.gateway.access;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

import java.util.List;

/**
 * The only paths anyone may read without a credential, in one list (docs/security.md). Everything else under
 * the public port needs an API key or an OIDC token. Patterns match the normalized, decoded path (the firewall
 * has refused every path whose decoded form differs from what a route would see). To open a path to anonymous
 * readers (e.g. the public catalogue), add its pattern here, and a row to the access matrix test.
 */
public final class PublicPaths {

    /** GET patterns readable without a credential. */
    public static final List<String> ANONYMOUS_READS = List.of(
            // the dashboard's page, scripts and styles (its data comes from the API, with the viewer's key)
            "/", "/dashboard", "/dashboard/", "/dashboard/**", "/webjars/**", "/favicon.ico",
            // the API explorer and the API descriptions (they describe the API, not its data)
            "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**",
            "/api/registry/v3/api-docs", "/api/assessment/v3/api-docs", "/api/notifications/v3/api-docs");

    private PublicPaths() {
    }

    public static ServerWebExchangeMatcher matcher() {
        List<ServerWebExchangeMatcher> matchers = ANONYMOUS_READS.stream()
                .<ServerWebExchangeMatcher>map(pattern -> new PathPatternParserServerWebExchangeMatcher(pattern, HttpMethod.GET))
                .toList();
        return new OrServerWebExchangeMatcher(matchers);
    }
}
