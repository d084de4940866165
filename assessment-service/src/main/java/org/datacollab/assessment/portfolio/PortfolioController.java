package org.datacollab.assessment.portfolio;

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

    private final AssessmentStore assessments;

    public PortfolioController(AssessmentStore assessments) {
        this.assessments = assessments;
    }

    @GetMapping("/organizations/{organization}")
    public Mono<Map<String, Object>> organization(@PathVariable String organization, Caller caller) {
        QueryBounds.text(organization, "organization", Limits.REF);
        return portfolio("organization", organization, null, caller, false);
    }

    /** Every partnership the caller may see (its organization's, its steward's, its jurisdictions'), by risk: the dashboard's list. */
    @GetMapping("/mine")
    public Mono<Map<String, Object>> mine(Caller caller) {
        return portfolio("caller", caller.organization() == null ? caller.subject() : caller.organization(), null, caller, true);
    }

    @GetMapping("/jurisdictions/{jurisdiction}")
    public Mono<Map<String, Object>> jurisdiction(@PathVariable String jurisdiction, Caller caller) {
        QueryBounds.text(jurisdiction, "jurisdiction", Limits.REF);
        return portfolio("jurisdiction", null, jurisdiction, caller, false);
    }

    /** Only the partnerships the caller may see are listed and counted: another organization's do not exist here. */
    private Mono<Map<String, Object>> portfolio(String kind, String organization, String jurisdiction, Caller caller, boolean everything) {
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
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(kind, organization != null ? organization : jurisdiction);
            body.put("total", found.size());
            body.put("countsByLevel", counts);
            body.put("partnerships", found.stream().map(d -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("ref", d.getString("_id"));
                item.put("name", d.getString("name"));
                item.put("jurisdiction", d.getString("jurisdiction"));
                item.put("phase", d.getString("phase"));
                item.put("level", d.getString("level"));
                item.put("score", d.getInteger("score"));
                item.put("signals", d.getList("signals", String.class));
                item.put("asOf", d.getString("asOf"));
                return item;
            }).toList());
            return body;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
