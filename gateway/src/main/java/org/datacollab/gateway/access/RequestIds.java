package org.datacollab.gateway.access;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.UUID;

/**
 * Every request gets an id ({@code X-Request-Id}, the client's when it sent a plain one), before anything else
 * runs, so that refusals carry it too; it is answered to the client and forwarded to the service.
 */
@Component
public class RequestIds implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = Optional.ofNullable(exchange.getRequest().getHeaders().getFirst(HEADER))
                .filter(given -> given.matches("[A-Za-z0-9._:-]{1,100}")).orElseGet(() -> UUID.randomUUID().toString());
        exchange.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(exchange.mutate().request(request -> request.headers(headers -> headers.set(HEADER, id))).build());
    }
}
