package org.datacollab.registry.web;

import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.registry.partnership.PartnershipService;
import org.datacollab.registry.partnership.rules.PartnershipAccess;
import org.datacollab.security.Caller;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;

/** A partnership's facts for a caller who may see them, shared by every controller that reads them. */
@Component
public class VisibleFacts {

    private final PartnershipService partnerships;

    public VisibleFacts(PartnershipService partnerships) {
        this.partnerships = partnerships;
    }

    /** The partnership's facts in recorded order; 404 when there is no such partnership or the caller may not see it. */
    public Mono<List<RecordedFact>> of(String ref, Caller caller) {
        return partnerships.facts(ref).map(facts -> {
            if (!PartnershipAccess.visible(facts, caller)) {
                throw new UnknownPartnership(ref);
            }
            return facts;
        });
    }
}
