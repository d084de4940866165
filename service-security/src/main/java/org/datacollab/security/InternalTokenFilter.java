package org.datacollab.security;

import org.datacollab.problem.Problem;
import org.datacollab.problem.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Every request but health, metrics and the API description must carry the gateway's internal token
 * ({@code Authorization: Bearer ...}); without a valid one it is answered 401 and reaches no handler.
 * The verified caller is put in the exchange for handlers ({@link Caller} parameters).
 */
public final class InternalTokenFilter implements WebFilter, Ordered {

    public static final String CALLER = Caller.class.getName();
    private static final Logger log = LoggerFactory.getLogger(InternalTokenFilter.class);

    private static final Problem REFUSED = Problem.of(HttpStatus.UNAUTHORIZED, "internal-token-required", HttpHeaders.AUTHORIZATION,
            "Requests reach this service only through the gateway, with its internal token.");

    private final InternalTokens tokens;
    private final ProblemResponses problems;

    public InternalTokenFilter(InternalTokens tokens, ProblemResponses problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    static boolean open(String path) {
        return path.startsWith("/actuator/") || path.equals("/actuator") || path.startsWith("/v3/api-docs");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (open(path)) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        Optional<Caller> caller = header != null && header.startsWith("Bearer ")
                ? tokens.verify(header.substring(7).trim()) : Optional.empty();
        if (caller.isEmpty()) {
            log.debug("refused {} {}: no valid internal token", exchange.getRequest().getMethod(), path);
            return refuse(exchange);
        }
        exchange.getAttributes().put(CALLER, caller.get());
        return chain.filter(exchange);
    }

    private Mono<Void> refuse(ServerWebExchange exchange) {
        return problems.write(exchange, REFUSED);
    }
}
