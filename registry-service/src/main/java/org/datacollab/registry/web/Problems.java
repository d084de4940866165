package org.datacollab.registry.web;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.datacollab.registry.importing.HistoryFormat;
import org.datacollab.registry.partnership.HistoryRejected;
import org.datacollab.registry.partnership.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import java.net.URI;

/**
 * Every rejection as RFC 9457 problem+json: {@code type} names the rule ({@value #TYPE_PREFIX}&lt;rule&gt;,
 * listed in docs/problems.md), and the extension members {@code rule} and {@code field} say which rule and
 * which field. Nothing is recorded when any of these is answered.
 */
@RestControllerAdvice
public class Problems {

    static final String TYPE_PREFIX = "urn:datacollab:problem:";
    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInput e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.rule(), e.field(), e.getMessage());
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> rule(RuleViolation e) {
        return problem(status(e), title(e), e.rule(), e.field(), e.getMessage());
    }

    @ExceptionHandler(HistoryRejected.class)
    ResponseEntity<ProblemDetail> history(HistoryRejected e) {
        RuleViolation v = e.violation();
        ResponseEntity<ProblemDetail> answer = problem(status(v), title(v), v.rule(),
                "history[" + e.index() + "]." + v.field(), e.getMessage());
        answer.getBody().setProperty("index", e.index());
        answer.getBody().setProperty("fact", e.fact());
        return answer;
    }

    @ExceptionHandler(HistoryFormat.EntryRejected.class)
    ResponseEntity<ProblemDetail> entry(HistoryFormat.EntryRejected e) {
        ResponseEntity<ProblemDetail> answer = problem(HttpStatus.UNPROCESSABLE_CONTENT, "The history makes no sense",
                e.rule(), e.field(), e.getMessage());
        answer.getBody().setProperty("index", e.index());
        answer.getBody().setProperty("fact", e.fact());
        return answer;
    }

    @ExceptionHandler(org.datacollab.registry.partnership.AccessRefused.class)
    ResponseEntity<ProblemDetail> refused(org.datacollab.registry.partnership.AccessRefused e) {
        return e.kind() == org.datacollab.registry.partnership.AccessRefused.Kind.NOT_VISIBLE
                ? problem(HttpStatus.NOT_FOUND, "Unknown partnership", "unknown-partnership", "ref", e.getMessage())
                : problem(HttpStatus.FORBIDDEN, "Not permitted", "role-required", "Authorization", e.getMessage());
    }

    @ExceptionHandler(org.datacollab.registry.readmodel.ReadModelController.UnknownOrganization.class)
    ResponseEntity<ProblemDetail> unknownOrganization(InvalidInput e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown organization", "unknown-organization", "ref", e.getMessage());
    }

    @ExceptionHandler(UnknownPartnership.class)
    ResponseEntity<ProblemDetail> unknown(UnknownPartnership e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown partnership", "unknown-partnership", "ref", e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknown(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown partnership", "unknown-partnership", "ref",
                "No partnership has ref '" + e.getAggregateIdentifier() + "'.");
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> exists(AggregateStreamCreationException e) {
        return problem(HttpStatus.CONFLICT, "Lifecycle rule broken", "partnership-ref-unique", "ref",
                "A partnership with this ref already exists.");
    }

    @ExceptionHandler(ConflictingModificationException.class)
    ResponseEntity<ProblemDetail> stale(ConflictingModificationException e) {
        return problem(HttpStatus.PRECONDITION_FAILED, "Stale version", "stale-version", "If-Match",
                "The partnership changed since the version in If-Match; read it again and retry. " + e.getMessage());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "Concurrent modification", "concurrent-modification", "ref",
                "Another request recorded a fact of this partnership at the same moment; retry.");
    }

    @ExceptionHandler(DataBufferLimitException.class)
    ResponseEntity<ProblemDetail> tooLarge(DataBufferLimitException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Body too large", "body-size", null, e.getMessage());
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    ResponseEntity<ProblemDetail> mediaType(UnsupportedMediaTypeStatusException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "content-type", "Content-Type",
                "Send application/json.");
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> input(ServerWebInputException e) {
        if (e.getCause() instanceof DecodingException d && d.getCause() instanceof DataBufferLimitException limit) {
            return tooLarge(limit);
        }
        String field = e.getMethodParameter() != null ? e.getMethodParameter().getParameterName() : null;
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "value-format", field, e.getReason());
    }

    /** The problem any exception of this API becomes, as a map (for per-item results such as NDJSON imports). */
    public java.util.Map<String, Object> describe(Throwable e) {
        ResponseEntity<ProblemDetail> answer = switch (e) {
            case InvalidInput x -> invalid(x);
            case RuleViolation x -> rule(x);
            case HistoryRejected x -> history(x);
            case HistoryFormat.EntryRejected x -> entry(x);
            case AggregateStreamCreationException x -> exists(x);
            case ConcurrencyException x -> concurrent(x);
            case org.datacollab.registry.partnership.AccessRefused x -> refused(x);
            default -> problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "internal", null, String.valueOf(e.getMessage()));
        };
        ProblemDetail problem = answer.getBody();
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("type", String.valueOf(problem.getType()));
        map.put("status", problem.getStatus());
        map.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            map.putAll(problem.getProperties());
        }
        return map;
    }

    private static HttpStatus status(RuleViolation e) {
        return switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    private static String title(RuleViolation e) {
        return switch (e.kind()) {
            case INVALID -> "Invalid request";
            case CONFLICT -> "Lifecycle rule broken";
            case UNPROCESSABLE -> "The request makes no sense";
        };
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String rule, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + rule));
        problem.setTitle(title);
        problem.setProperty("rule", rule);
        if (field != null) {
            problem.setProperty("field", field);
        }
        log.info("rejected ({} {}): {}", status.value(), rule, detail);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
