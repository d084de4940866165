package org.datacollab.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Every request but health, metrics and the API description must carry the gateway's internal token
 * ({@code Authorization: Bearer ...}); without a valid one it is answered 401 and reaches no handler.
 * The verified caller is put in the exchange for handlers ({@link Caller} parameters).
 */
public final class InternalTokenFilter implements WebFilter, Ordered {

    public static final String CALLER = Caller.class.getName();
    private static final Logger log = LoggerFactory.getLogger(InternalTokenFilter.class);

    private final InternalTokens tokens;

    public InternalTokenFilter(InternalTokens tokens) {
        this.tokens = tokens;
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

    private static Mono<Void> refuse(ServerWebExchange exchange) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = """
                {"type":"urn:datacollab:problem:internal-token-required","title":"Unauthorized","status":401,\
                "detail":"Requests reach this service only through the gateway, with its internal token.",\
                "rule":"internal-token-required","field":"Authorization"}""".getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
