package org.datacollab.assessment.portfolio;

import io.swagger.v3.oas.annotations.Operation;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;
import org.datacollab.bounds.QueryBounds;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.assessment.risk.AssessmentStore;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.*;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A city data office's view: the partnerships of an organization (where it is a current partner) or of a
 * jurisdiction, sorted by risk (highest score first), with counts by level.
 */
@RestController
@RequestMapping(path = "/portfolios", produces = MediaType.APPLICATION_JSON_VALUE)
public class PortfolioController {

    /**
     * A portfolio: whose it is (one of {@code organization}, {@code jurisdiction}, or {@code caller} for
     * {@code /mine}), how many partnerships, their counts by level, and the partnerships by risk.
     */
    public record Portfolio(@JsonInclude(JsonInclude.Include.NON_NULL) String organization,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String jurisdiction,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String caller,
                            int total, Map<String, Long> countsByLevel, List<PortfolioItem> partnerships) {
    }

    /** A partnership of a portfolio with its latest assessment. */
    public record PortfolioItem(String ref, String name, String jurisdiction, String phase, String level, Integer score,
                                List<String> signals, String asOf) {
    }

    private final AssessmentStore assessments;

    public PortfolioController(AssessmentStore assessments) {
        this.assessments = assessments;
    }

    @GetMapping("/organizations/{organization}")
    @Operation(operationId = "organizationPortfolio")
    public Mono<Portfolio> organization(@PathVariable String organization, Caller caller) {
        QueryBounds.text(organization, "organization", Limits.REF);
        return portfolio("organization", organization, null, caller, false);
    }

    /** Every partnership the caller may see (its organization's, its steward's, its jurisdictions'), by risk: the dashboard's list. */
    @GetMapping("/mine")
    @Operation(operationId = "myPortfolio")
    public Mono<Portfolio> mine(Caller caller) {
        return portfolio("caller", caller.organization() == null ? caller.subject() : caller.organization(), null, caller, true);
    }

    @GetMapping("/jurisdictions/{jurisdiction}")
    @Operation(operationId = "jurisdictionPortfolio")
    public Mono<Portfolio> jurisdiction(@PathVariable String jurisdiction, Caller caller) {
        QueryBounds.text(jurisdiction, "jurisdiction", Limits.REF);
        return portfolio("jurisdiction", null, jurisdiction, caller, false);
    }

    /** Only the partnerships the caller may see are listed and counted: another organization's do not exist here. */
    private Mono<Portfolio> portfolio(String kind, String organization, String jurisdiction, Caller caller, boolean everything) {
        return Mono.fromCallable(() -> {
            // an administrator's whole portfolio reads everything; anyone else's is read by the keys it may see
            List<Document> listed = !everything ? assessments.portfolio(organization, jurisdiction)
                    : caller.isAdmin() ? assessments.all() : assessments.visibleTo(caller);
            List<Document> found = listed.stream()
                    .filter(d -> AssessmentStore.visible(d, caller)).toList();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (RiskLevel level : RiskLevel.values()) {
                counts.put(level.name(), found.stream().filter(d -> level.name().equals(d.getString("level"))).count());
            }
            String whose = organization != null ? organization : jurisdiction;
            List<PortfolioItem> items = found.stream().map(d -> new PortfolioItem(d.getString("_id"), d.getString("name"),
                    d.getString("jurisdiction"), d.getString("phase"), d.getString("level"), d.getInteger("score"),
                    d.getList("signals", String.class), d.getString("asOf"))).toList();
            return new Portfolio(kind.equals("organization") ? whose : null, kind.equals("jurisdiction") ? whose : null,
                    kind.equals("caller") ? whose : null, found.size(), counts, items);
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
