package org.datacollab.contracts.vocabulary;

import java.util.List;
import java.util.Optional;

import static org.datacollab.contracts.vocabulary.Challenge.*;
import static org.datacollab.contracts.vocabulary.PartnershipModel.*;

/**
 * What partners do about challenges (DOMAIN.md section 2). {@code addresses} guides recommendations only:
 * a user may apply any mechanism to any open challenge. The declaration order is the table's order,
 * which recommendations follow within each group.
 */
public enum Mechanism {
    SEARCH_WIN_WIN(RESOURCE_DEPENDENCE, MISALIGNED_INCENTIVES, COST_AND_RESOURCES, CONFIDENTIALITY),
    EXPLICIT_BUSINESS_CASE(RESOURCE_DEPENDENCE, MISALIGNED_INCENTIVES, COST_AND_RESOURCES),
    LEADERSHIP(RESOURCE_DEPENDENCE, COORDINATION, MISALIGNED_INCENTIVES, CULTURAL_DIFFERENCES, PARTNER_FIT),
    STAKEHOLDER_PRESSURE_NETWORK(SOCIAL_ISSUE, PARTNER_FIT, MISALIGNED_INCENTIVES),
    DUTY_TO_SHARE_AWARENESS(SOCIAL_ISSUE, LEGAL_UNCERTAINTY, NO_SHARING_POLICY, SKILLS_AND_TOOLS),
    NATIONAL_LEVEL_PROVIDER(SOCIETAL_SECTOR, PROVIDER_RECRUITMENT, CONTINUED_SUPPLY),
    DATA_STANDARDIZATION(SOCIETAL_SECTOR, INTEROPERABILITY, DATA_QUALITY),
    ENABLING_TECHNOLOGY(SOCIETAL_SECTOR, SKILLS_AND_TOOLS, COST_AND_RESOURCES, DATA_QUALITY),
    TRAINING_AND_CULTURE(SOCIETAL_SECTOR, SKILLS_AND_TOOLS, CULTURAL_DIFFERENCES, SUSTAINING_EFFORT),
    DATA_SHARING_AGREEMENT(null, CONFIDENTIALITY, DATA_RISKS, DATA_GOVERNANCE, TIGHT_TIMELINE, PUBLIC_TRUST),
    COORDINATING_BODY(null, COORDINATION, DATA_GOVERNANCE, PROVIDER_RECRUITMENT),
    FUNDING_ARRANGEMENT(null, COST_AND_RESOURCES, SUSTAINING_EFFORT),
    TRANSPARENCY_MEASURES(null, PUBLIC_TRUST, DATA_RISKS);

    private final PartnershipModel typicalOf;
    private final List<Challenge> addresses;

    Mechanism(PartnershipModel typicalOf, Challenge... addresses) {
        this.typicalOf = typicalOf;
        this.addresses = List.of(addresses);
    }

    public List<Challenge> addresses() {
        return addresses;
    }

    public Optional<PartnershipModel> typicalOf() {
        return Optional.ofNullable(typicalOf);
    }
}
