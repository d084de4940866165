package org.datacollab.bounds;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds every request body by {@link BodyLimits}: a declared Content-Length beyond the limit is refused at once,
 * and a body without one (chunked) is counted as it arrives and refused as soon as it passes the limit, before
 * anything downstream (a controller, the registry's idempotency filter, the gateway's proxy) holds more of it.
 * Runs first, so no other filter ever buffers more than the limit.
 */
public final class BodyLimitFilter implements WebFilter, Ordered {

    private final BodyLimits limits;

    public BodyLimitFilter(BodyLimits limits) {
        this.limits = limits;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long limit = limits.limitFor(exchange.getRequest().getPath().pathWithinApplication().value());
        if (exchange.getRequest().getHeaders().getContentLength() > limit) {
            return Mono.error(new BodyTooLarge(limit));
        }
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(new BodyTooLarge(limit));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }
}
