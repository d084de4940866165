package org.datacollab.assessment.portfolio;

import io.swagger.v3.oas.annotations.Operation;
import org.datacollab.assessment.catalogue.CatalogueFeed;
import org.datacollab.assessment.risk.Evaluator;
import org.datacollab.bounds.QueryBounds;
import org.datacollab.catalogue.CatalogueEntry;
import org.datacollab.catalogue.PortfolioFigures;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.function.Predicate;

/**
 * The figures a portfolio is judged by ({@link PortfolioFigures}), for the caller's own portfolio (every
 * partnership it may see), an organization's (where it is a current partner) or a jurisdiction's, counting only
 * the partnerships the caller may see. Answered from the in-memory catalogue, which every evaluation keeps current.
 */
@RestController
@RequestMapping(path = "/portfolios", produces = MediaType.APPLICATION_JSON_VALUE)
public class PortfolioFiguresController {

    /** Which portfolio ({@code mine}, {@code organization}, {@code jurisdiction}) of whom, and its figures. */
    public record Answer(String portfolio, String of, PortfolioFigures figures) {
    }

    private final CatalogueFeed catalogue;
    private final Evaluator evaluator;

    public PortfolioFiguresController(CatalogueFeed catalogue, Evaluator evaluator) {
        this.catalogue = catalogue;
        this.evaluator = evaluator;
    }

    @GetMapping("/mine/figures")
    @Operation(operationId = "myPortfolioFigures")
    public Mono<Answer> mine(Caller caller) {
        return figures("mine", caller.organization() == null ? caller.subject() : caller.organization(), e -> true, caller);
    }

    @GetMapping("/organizations/{organization}/figures")
    @Operation(operationId = "organizationPortfolioFigures")
    public Mono<Answer> organization(@PathVariable String organization, Caller caller) {
        QueryBounds.text(organization, "organization", Limits.REF);
        return figures("organization", organization, e -> e.partners().stream().anyMatch(p -> p.ref().equals(organization)), caller);
    }

    @GetMapping("/jurisdictions/{jurisdiction}/figures")
    @Operation(operationId = "jurisdictionPortfolioFigures")
    public Mono<Answer> jurisdiction(@PathVariable String jurisdiction, Caller caller) {
        QueryBounds.text(jurisdiction, "jurisdiction", Limits.REF);
        return figures("jurisdiction", jurisdiction, e -> jurisdiction.equals(e.jurisdiction()), caller);
    }

    private Mono<Answer> figures(String portfolio, String of, Predicate<CatalogueEntry> in, Caller caller) {
        Predicate<CatalogueEntry> visible = e -> caller.maySee(e.partners().stream().map(CatalogueEntry.Partner::ref).toList(),
                e.steward(), e.jurisdiction());
        return Mono.fromSupplier(() -> new Answer(portfolio, of,
                PortfolioFigures.of(catalogue.index().entries(in.and(visible)), evaluator.today())));
    }
}
