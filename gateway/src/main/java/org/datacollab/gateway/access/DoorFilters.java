package org.datacollab.gateway.access;

import io.micrometer.core.instrument.MeterRegistry;
import org.datacollab.problem.Problem;
import org.datacollab.problem.ProblemResponses;
import org.datacollab.security.CallerAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.WebFilter;

import java.time.Duration;

/**
 * The gateway's limits around authentication: failed attempts per client address (before and after the
 * credential is checked) and requests per authenticated caller.
 */
@Component
public class DoorFilters {

    static final Problem CREDENTIALS_REQUIRED = Problem.of(HttpStatus.UNAUTHORIZED, "credentials-required", HttpHeaders.AUTHORIZATION,
            "Present an API key (Authorization: Bearer dck_..., or X-API-Key) or an OIDC bearer token.");
    private static final Problem CREDENTIALS_REFUSED = Problem.of(HttpStatus.UNAUTHORIZED, "credentials-required", HttpHeaders.AUTHORIZATION,
            "The API key or token is not valid (unknown, revoked, expired, or not for this API).");

    /** Exchange attribute: a read of a public path without a credential, forwarded as the anonymous caller. */
    static final String ANONYMOUS_READ = DoorFilters.class.getName() + ".anonymousRead";

    private final FailedLogins failures;
    private final RateLimits limits;
    private final ClientAddress clientAddress;
    private final ProblemResponses problems;
    private final MeterRegistry meters;

    public DoorFilters(FailedLogins failures, RateLimits limits, ClientAddress clientAddress, ProblemResponses problems, MeterRegistry meters) {
        this.failures = failures;
        this.limits = limits;
        this.clientAddress = clientAddress;
        this.problems = problems;
        this.meters = meters;
    }

    /** Before authentication: an address with too many recent failures is answered 429 while it presents credentials. */
    WebFilter failedLoginGate() {
        return (exchange, chain) -> {
            HttpHeaders headers = exchange.getRequest().getHeaders();
            if (!headers.containsHeader(HttpHeaders.AUTHORIZATION) && !headers.containsHeader("X-API-Key")) {
                return chain.filter(exchange);
            }
            Duration wait = failures.wait(clientAddress.of(exchange));
            if (wait.isZero()) {
                return chain.filter(exchange);
            }
            meters.counter("gateway.requests.refused", "reason", "failed-logins").increment();
            return problems.write(exchange, Problem.of(HttpStatus.TOO_MANY_REQUESTS, "failed-logins", HttpHeaders.AUTHORIZATION,
                    "Too many failed authentications from this address; retry after " + seconds(wait) + " s."), wait);
        };
    }

    /** A credential that does not verify: 401, and one failure more for the client's address. */
    ServerAuthenticationFailureHandler failure() {
        return (webFilterExchange, refused) -> {
            failures.failed(clientAddress.of(webFilterExchange.getExchange()));
            meters.counter("gateway.requests.refused", "reason", "unauthenticated").increment();
            webFilterExchange.getExchange().getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return problems.write(webFilterExchange.getExchange(), CREDENTIALS_REFUSED);
        };
    }

    /**
     * After authentication: a caller over its rate is answered 429 with Retry-After. A request without a credential
     * for a read a service answers ({@link PublicPaths#forwarded()}) is counted against its client address instead,
     * and marked {@link #ANONYMOUS_READ} so that {@link InternalTokenRelay} forwards it as the anonymous caller.
     */
    WebFilter rateLimit() {
        return (exchange, chain) -> exchange.getPrincipal().ofType(CallerAuthentication.class)
                .map(authentication -> limits.take(authentication.caller().subject()))
                .switchIfEmpty(PublicPaths.forwarded().matches(exchange).map(match -> {
                    if (!match.isMatch()) {
                        // not a public read: the access rules answer 401
                        return Duration.ZERO;
                    }
                    exchange.getAttributes().put(ANONYMOUS_READ, Boolean.TRUE);
                    return limits.takeAnonymous(clientAddress.of(exchange));
                }))
                .flatMap(wait -> {
                    if (wait.isZero()) {
                        return chain.filter(exchange);
                    }
                    meters.counter("gateway.requests.refused", "reason", "rate-limited").increment();
                    String who = Boolean.TRUE.equals(exchange.getAttribute(ANONYMOUS_READ)) ? "this address" : "this key";
                    return problems.write(exchange, Problem.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limit", HttpHeaders.AUTHORIZATION,
                            "Too many requests for " + who + "; retry after " + seconds(wait) + " s."), wait);
                });
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
