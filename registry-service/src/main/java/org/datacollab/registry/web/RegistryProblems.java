package org.datacollab.registry.web;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.datacollab.problem.Problem;
import org.datacollab.problem.ProblemMapping;
import org.datacollab.registry.importing.HistoryFormat;
import org.datacollab.registry.partnership.rules.AccessRefused;
import org.datacollab.registry.partnership.HistoryRejected;
import org.datacollab.registry.partnership.rules.RuleViolation;
import org.datacollab.registry.readmodel.ReadModelController.UnknownOrganization;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The registry's own rejections as problems (docs/problems.md): a value that breaks a field rule (400), a
 * lifecycle rule of DOMAIN.md section 4 (409), a history that makes no sense (422), a partnership the caller
 * may not see (404, as if it did not exist). Nothing is recorded when any of these is answered.
 */
@Component
public class RegistryProblems implements ProblemMapping {

    @Override
    public Optional<Problem> problemOf(Throwable error) {
        return Optional.ofNullable(switch (error) {
            case UnknownOrganization e -> Problem.notFound("unknown-organization", "ref", e.getMessage());
            case InvalidInput e -> withLimit(Problem.invalid(e.rule(), e.field(), e.getMessage()), e.limit());
            case RuleViolation e -> violation(e, e.field());
            case HistoryRejected e -> violation(e.violation(), "history[" + e.index() + "]." + e.violation().field())
                    .with("index", e.index()).with("fact", e.fact());
            case HistoryFormat.EntryRejected e -> Problem.of(HttpStatus.UNPROCESSABLE_CONTENT, e.rule(), e.field(), e.getMessage())
                    .with("index", e.index()).with("fact", e.fact());
            case AccessRefused e when e.kind() == AccessRefused.Kind.NOT_VISIBLE ->
                    Problem.notFound("unknown-partnership", "ref", e.getMessage());
            case AccessRefused e -> Problem.forbidden("role-required", e.getMessage());
            case UnknownPartnership e -> Problem.notFound("unknown-partnership", "ref", e.getMessage());
            case AggregateNotFoundException e -> Problem.notFound("unknown-partnership", "ref",
                    "No partnership has ref '" + e.getAggregateIdentifier() + "'.");
            case AggregateStreamCreationException e -> Problem.conflict("partnership-ref-unique", "ref",
                    "A partnership with this ref already exists.");
            case ConflictingModificationException e -> Problem.of(HttpStatus.PRECONDITION_FAILED, "stale-version", "If-Match",
                    "The partnership changed since the version in If-Match; read it again and retry.");
            case ConcurrencyException e -> Problem.conflict("concurrent-modification", "ref",
                    "Another request recorded a fact of this partnership at the same moment; retry.");
            default -> null;
        });
    }

    private static Problem violation(RuleViolation e, String field) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        return withLimit(Problem.of(status, e.rule(), field, e.getMessage()), e.limit());
    }

    private static Problem withLimit(Problem problem, Long limit) {
        return limit == null ? problem : problem.with("limit", limit);
    }
}
