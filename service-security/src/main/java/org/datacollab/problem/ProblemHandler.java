package org.datacollab.problem;

import org.datacollab.bounds.BodyTooLarge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.List;
import java.util.Optional;

/**
 * The one place where an error becomes an HTTP answer, in every service and the gateway: a {@link
 * ProblemException} as it is, a service's own exceptions through its {@link ProblemMapping}s, the framework's
 * (unreadable bodies, bodies over the limit, wrong media types, unknown paths) as problems naming the field and
 * the rule, and anything else as a 500 that reveals nothing of the cause (which is logged).
 * Runs before Spring Boot's own error handler.
 */
public final class ProblemHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final int MAX_DETAIL = 300;

    private final List<ProblemMapping> mappings;
    private final ProblemResponses responses;

    public ProblemHandler(List<ProblemMapping> mappings, ProblemResponses responses) {
        this.mappings = List.copyOf(mappings);
        this.responses = responses;
    }

    @Override
    public int getOrder() {
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Throwable cause = Exceptions.unwrap(error);
        Problem problem = problemOf(cause);
        if (problem.status() >= 500) {
            log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), cause);
        } else {
            log.debug("{} {}: {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), problem.status(), problem.rule());
        }
        if (cause instanceof MethodNotAllowedException notAllowed) {
            exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
        }
        return responses.write(exchange, problem, cause instanceof ProblemException thrown ? thrown.retryAfter() : null);
    }

    /** The problem an error becomes (also for per-item results, such as the lines of an NDJSON import). */
    public Problem problemOf(Throwable error) {
        if (error instanceof ProblemException thrown) {
            return thrown.problem();
        }
        for (ProblemMapping mapping : mappings) {
            Optional<Problem> mapped = mapping.problemOf(error);
            if (mapped.isPresent()) {
                return mapped.get();
            }
        }
        return framework(error);
    }

    static Problem framework(Throwable error) {
        BodyTooLarge bounded = cause(error, BodyTooLarge.class);
        if (bounded != null) {
            return Problem.tooLarge("body-size", null, bounded.getMessage()).with("limit", bounded.limit());
        }
        if (causedBy(error, DataBufferLimitException.class) || error instanceof PayloadTooLargeException) {
            return Problem.tooLarge("body-size", null, "The body is larger than this endpoint accepts (docs/problems.md lists the limits).");
        }
        return switch (error) {
            case WebExchangeBindException bind -> {
                FieldError field = bind.getFieldError();
                yield Problem.invalid("invalid-value", field == null ? null : field.getField(),
                        field == null ? "The request is invalid." : field.getField() + " " + field.getDefaultMessage() + ".");
            }
            case MissingRequestValueException missing -> Problem.invalid("required", missing.getName(),
                    missing.getName() + " is required.");
            case ServerWebInputException input when causedBy(input, TypeMismatchException.class) -> Problem.invalid("value-format",
                    parameter(input), "'" + parameter(input) + "' has a value of the wrong form: " + shorten(rootMessage(input)));
            case ServerWebInputException input when causedBy(input, UnrecognizedPropertyException.class) -> {
                UnrecognizedPropertyException unknown = cause(input, UnrecognizedPropertyException.class);
                String field = path(unknown);
                yield Problem.invalid("known-field", field, "'" + field + "' is not a field of this request; known fields: "
                        + unknown.getKnownPropertyIds() + ".");
            }
            case ServerWebInputException input when causedBy(input, DecodingException.class) -> Problem.invalid("malformed-json", null,
                    "The body cannot be read: " + shorten(rootMessage(input)));
            case ServerWebInputException input -> Problem.invalid("invalid-request", parameter(input), shorten(input.getReason()));
            case UnsupportedMediaTypeStatusException ignored -> Problem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content-type",
                    "Content-Type", "This endpoint does not accept that media type; send application/json.");
            case NotAcceptableStatusException ignored -> Problem.of(HttpStatus.NOT_ACCEPTABLE, "accept", "Accept",
                    "This endpoint cannot answer in a media type the Accept header allows.");
            case MethodNotAllowedException notAllowed -> Problem.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", null,
                    notAllowed.getHttpMethod() + " is not allowed here; allowed: " + notAllowed.getSupportedMethods() + ".");
            case ErrorResponse response when response.getStatusCode().value() == 404 -> Problem.notFound("not-found", null,
                    "Nothing is here.");
            case ErrorResponse response when response.getStatusCode().is4xxClientError() -> new Problem(response.getStatusCode().value(),
                    "http-" + response.getStatusCode().value(), null, shorten(response.getBody().getDetail()), null);
            default -> new Problem(HttpStatus.INTERNAL_SERVER_ERROR.value(), "internal", null,
                    "Something went wrong on our side; it is logged with this request's id (X-Request-Id).", null);
        };
    }

    /** A field's path in the body, such as {@code webhook.method} or {@code partnerships[2]}. */
    private static String path(JacksonException error) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : error.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String parameter(ServerWebInputException input) {
        return input.getMethodParameter() == null ? null : input.getMethodParameter().getParameterName();
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        return cause(error, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    static String shorten(String text) {
        if (text == null) {
            return null;
        }
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
    }
}
