package org.datacollab.registry.web;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The request's Idempotency-Key, scoped to its caller by {@link IdempotencyFilter} ({@code value} null when the
 * request had none). A handler declares it as a parameter; it goes with the command and is kept on the events it
 * records, where {@code RecentKeys} finds it when the command is retried.
 */
public record IdempotencyKey(String value) {

    /** The key of one part of a request (a line of an NDJSON import), so that each part is retried on its own. */
    public IdempotencyKey part(int index) {
        return new IdempotencyKey(value == null ? null : value + "#" + index);
    }

    /** Resolves {@link IdempotencyKey} parameters from the attribute the filter set; never documented as a parameter. */
    static final class Resolver implements HandlerMethodArgumentResolver {

        static {
            SpringDocUtils.getConfig().addRequestWrapperToIgnore(IdempotencyKey.class);
        }

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return IdempotencyKey.class.equals(parameter.getParameterType());
        }

        @Override
        public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
            return Mono.just(new IdempotencyKey(exchange.getAttribute(IdempotencyFilter.ATTRIBUTE)));
        }
    }
}
