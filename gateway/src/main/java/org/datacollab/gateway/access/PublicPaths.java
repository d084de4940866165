package org.datacollab.gateway.access;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

import java.util.List;
import java.util.stream.Stream;

/**
 * The only paths anyone may read without a credential, in one list (docs/security.md). Everything else under
 * the public port needs an API key or an OIDC token. Patterns match the normalized, decoded path (the firewall
 * has refused every path whose decoded form differs from what a route would see). To open a path to anonymous
 * readers, add its pattern here (to {@link #FORWARDED_READS} when a service answers it: the service must list it
 * in its {@code datacollab.security.anonymous-reads}), and a row to the access matrix test.
 */
public final class PublicPaths {

    /** Served by the gateway itself: the dashboard's page, scripts and styles, and the API explorer. */
    static final List<String> GATEWAY_FILES = List.of(
            // the dashboard's data comes from the API, with the viewer's key (the public catalogue page's without one)
            "/", "/dashboard", "/dashboard/", "/dashboard/**", "/webjars/**", "/favicon.ico",
            "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**");

    /**
     * Answered by a service: forwarded with the anonymous caller's internal token and limited per client address
     * ({@link RateLimits#takeAnonymous}). The API descriptions describe the API, not its data; the public catalogue
     * holds published entries only.
     */
    static final List<String> FORWARDED_READS = List.of(
            "/api/registry/v3/api-docs", "/api/assessment/v3/api-docs", "/api/notifications/v3/api-docs",
            "/api/catalogue/public");

    /** GET patterns readable without a credential. */
    public static final List<String> ANONYMOUS_READS = Stream.concat(GATEWAY_FILES.stream(), FORWARDED_READS.stream()).toList();

    private PublicPaths() {
    }

    /** Every anonymous read. */
    public static ServerWebExchangeMatcher matcher() {
        return matcher(ANONYMOUS_READS);
    }

    /** The anonymous reads a service answers. */
    static ServerWebExchangeMatcher forwarded() {
        return matcher(FORWARDED_READS);
    }

    private static ServerWebExchangeMatcher matcher(List<String> patterns) {
        return new OrServerWebExchangeMatcher(patterns.stream()
                .<ServerWebExchangeMatcher>map(pattern -> new PathPatternParserServerWebExchangeMatcher(pattern, HttpMethod.GET))
                .toList());
    }
}
