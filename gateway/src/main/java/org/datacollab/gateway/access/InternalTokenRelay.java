package org.datacollab.gateway.access;

import org.datacollab.gateway.identity.PresentedCredential;
import org.datacollab.gateway.identity.Revocations;
import org.datacollab.security.Caller;
import org.datacollab.security.CallerAuthentication;
import org.datacollab.security.InternalTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import java.util.Optional;

/**
 * What a service receives instead of the client's credential: the gateway's internal token for the caller Spring
 * Security authenticated, or for the anonymous caller ({@link Caller#anonymous()}) on a public read without a
 * credential (the public catalogue, the API descriptions; each service lets that caller read only its
 * {@code datacollab.security.anonymous-reads}), the request id, and no identity header the client sent. The forwarded request ends when the caller's key is revoked ({@link Revocations}).
 */
@Component
public class InternalTokenRelay implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(InternalTokenRelay.class);

    private final InternalTokens tokens;
    private final Revocations revocations;

    public InternalTokenRelay(InternalTokens tokens, Revocations revocations) {
        this.tokens = tokens;
        this.revocations = revocations;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal().ofType(CallerAuthentication.class).map(CallerAuthentication::caller)
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(caller -> caller.isEmpty() && Boolean.TRUE.equals(exchange.getAttribute(DoorFilters.ANONYMOUS_READ))
                        ? anonymous(exchange, chain) : forward(exchange, chain, caller));
    }

    /** A public read without a credential: nothing to revoke. */
    private Mono<Void> anonymous(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(withToken(exchange, Optional.of(Caller.anonymous())));
    }

    private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, Optional<Caller> caller) {
        ServerWebExchange forwarded = withToken(exchange, caller);
        if (caller.isEmpty()) {
            return chain.filter(forwarded);
        }
        log.debug("{} {} as {} ({})", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), caller.get().subject(),
                exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        return revocations.untilRevoked(caller.get().subject(), chain.filter(forwarded), () -> closeUpstream(forwarded));
    }

    /** The request without the client's credential or identity headers, with the internal token for the caller. */
    private ServerWebExchange withToken(ServerWebExchange exchange, Optional<Caller> caller) {
        String requestId = exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER);
        return exchange.mutate().request(request -> request.headers(headers -> {
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.remove(PresentedCredential.API_KEY_HEADER);
            headers.headerNames().stream().filter(name -> name.toLowerCase().startsWith("x-datacollab-")
                    || name.equalsIgnoreCase("x-organization")).toList().forEach(headers::remove);
            caller.ifPresent(c -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.mint(c, requestId)));
        })).build();
    }

    /** The connection to the service is closed too, so that the service's stream ends as well. */
    private static void closeUpstream(ServerWebExchange exchange) {
        Connection upstream = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
        if (upstream != null) {
            upstream.dispose();
        }
    }
}
