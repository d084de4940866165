package org.datacollab.security;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The authenticated caller of an exchange (empty when the request was not authenticated, e.g. the API description). */
public final class Callers {

    private Callers() {
    }

    public static Mono<Caller> of(ServerWebExchange exchange) {
        return exchange.getPrincipal().ofType(CallerAuthentication.class).map(CallerAuthentication::caller);
    }
}
