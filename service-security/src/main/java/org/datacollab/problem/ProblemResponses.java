package org.datacollab.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/**
 * Writes a {@link Problem} as {@code application/problem+json} with the service's own message writers: for
 * filters and security handlers, which answer before any controller, and for the {@link ProblemHandler}.
 */
public final class ProblemResponses {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final ServerResponse.Context context;

    public ProblemResponses(ServerCodecConfigurer codecs) {
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        return write(exchange, problem, null);
    }

    /** Answers the exchange with the problem (and Retry-After, when given); nothing when already committed. */
    public Mono<Void> write(ServerWebExchange exchange, Problem problem, Duration retryAfter) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.empty();
        }
        return ServerResponse.status(problem.status())
                .contentType(PROBLEM_JSON)
                .headers(headers -> retryAfter(headers, retryAfter))
                .bodyValue(problem)
                .flatMap(response -> response.writeTo(exchange, context));
    }

    /** For controllers that answer a problem as a value rather than by throwing. */
    public static ResponseEntity<Problem> entity(Problem problem) {
        return ResponseEntity.status(problem.status()).contentType(PROBLEM_JSON).body(problem);
    }

    static void retryAfter(HttpHeaders headers, Duration retryAfter) {
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        }
    }
}
