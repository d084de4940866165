package org.datacollab.gateway.identity;

import io.micrometer.core.instrument.MeterRegistry;
import org.datacollab.problem.Problem;
import org.datacollab.problem.ProblemException;
import org.datacollab.security.Caller;
import org.datacollab.security.InternalTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The door. Every request to {@code /api/**} and {@code /admin/**} (except the services' API descriptions)
 * must present an API key ({@code Authorization: Bearer dck_...} or {@code X-API-Key}) or an OIDC bearer JWT.
 * The caller is rate limited per key (429 with Retry-After), and the request goes on without the presented
 * credential and without any identity header the client sent, carrying instead the gateway's internal token
 * (valid for a minute) and a request id ({@code X-Request-Id}, the client's if it sent one).
 */
@Component
public class IdentityFilter implements WebFilter, Ordered {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String API_KEY = "X-API-Key";
    private static final Logger log = LoggerFactory.getLogger(IdentityFilter.class);

    private final ApiKeys keys;
    private final BearerTokens bearerTokens;
    private final InternalTokens internalTokens;
    private final RateLimits limits;
    private final MeterRegistry meters;

    public IdentityFilter(ApiKeys keys, BearerTokens bearerTokens, InternalTokens internalTokens, RateLimits limits, MeterRegistry meters) {
        this.keys = keys;
        this.bearerTokens = bearerTokens;
        this.internalTokens = internalTokens;
        this.limits = limits;
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    static boolean guarded(String path) {
        return (path.startsWith("/api/") && !path.matches("/api/[a-z]+/v3/api-docs.*")) || path.startsWith("/admin/");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        String requestId = Optional.ofNullable(exchange.getRequest().getHeaders().getFirst(REQUEST_ID))
                .filter(id -> id.matches("[A-Za-z0-9._:-]{1,100}")).orElseGet(() -> UUID.randomUUID().toString());
        exchange.getResponse().getHeaders().set(REQUEST_ID, requestId);
        if (!guarded(path)) {
            return chain.filter(exchange);
        }
        return Mono.fromCallable(() -> authenticate(exchange))
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                .flatMap(caller -> {
                    if (caller.isEmpty()) {
                        meters.counter("gateway.requests.refused", "reason", "unauthenticated").increment();
                        return Mono.<Void>error(Problem.of(HttpStatus.UNAUTHORIZED, "credentials-required", "Authorization",
                                "Present an API key (Authorization: Bearer dck_..., or X-API-Key) or an OIDC bearer token.").exception());
                    }
                    Duration wait = limits.take(caller.get().subject());
                    if (!wait.isZero()) {
                        meters.counter("gateway.requests.refused", "reason", "rate-limited").increment();
                        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                        return Mono.<Void>error(new ProblemException(Problem.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limit", "Authorization",
                                "Too many requests for this key; retry after " + seconds + " s."), wait));
                    }
                    if (path.startsWith("/admin/") && !caller.get().isAdmin()) {
                        return Mono.<Void>error(Problem.forbidden("role-required", "This takes the ADMIN role.").exception());
                    }
                    exchange.getAttributes().put(Caller.class.getName(), caller.get());
                    String token = internalTokens.mint(caller.get(), requestId);
                    ServerWebExchange forwarded = exchange.mutate().request(r -> r.headers(h -> {
                        h.remove(API_KEY);
                        h.headerNames().stream().filter(name -> name.toLowerCase().startsWith("x-datacollab-")
                                || name.equalsIgnoreCase("x-organization")).toList().forEach(h::remove);
                        h.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                        h.set(REQUEST_ID, requestId);
                    })).build();
                    log.debug("{} {} as {} ({})", exchange.getRequest().getMethod(), path, caller.get().subject(), requestId);
                    return chain.filter(forwarded);
                });
    }

    private Optional<Caller> authenticate(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String apiKey = headers.getFirst(API_KEY);
        if (apiKey != null) {
            return keys.authenticate(apiKey.trim());
        }
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String credential = authorization.substring(7).trim();
        Optional<Caller> byKey = keys.authenticate(credential);
        return byKey.isPresent() || credential.startsWith(ApiKeys.PREFIX) ? byKey : bearerTokens.authenticate(credential);
    }
}
