package org.datacollab.contracts.vocabulary;

import java.util.Set;

import static org.datacollab.contracts.vocabulary.Challenge.*;
import static org.datacollab.contracts.vocabulary.Driver.*;
import static org.datacollab.contracts.vocabulary.Mechanism.*;

/** The paper's synthesis per model (seed 000 Table 9), used by model fit, risk and recommendations. */
public record ModelProfile(Set<Driver> drivers, Set<Challenge> challenges, Set<Mechanism> mechanisms) {

    public static ModelProfile of(PartnershipModel model) {
        return switch (model) {
            case RESOURCE_DEPENDENCE -> new ModelProfile(
                    Set.of(ORGANIZATIONAL_GAINS, INDUSTRY_PRESSURE),
                    Set.of(CONFIDENTIALITY, COST_AND_RESOURCES),
                    Set.of(SEARCH_WIN_WIN, LEADERSHIP, EXPLICIT_BUSINESS_CASE));
            case SOCIAL_ISSUE -> new ModelProfile(
                    Set.of(URGENCY, SOCIETAL_PRESSURE),
                    Set.of(PARTNER_FIT, TIGHT_TIMELINE),
                    Set.of(STAKEHOLDER_PRESSURE_NETWORK, DUTY_TO_SHARE_AWARENESS));
            case SOCIETAL_SECTOR -> new ModelProfile(
                    Set.of(GOVERNMENT_VISION),
                    Set.of(COST_AND_RESOURCES, INTEROPERABILITY, SKILLS_AND_TOOLS, PROVIDER_RECRUITMENT,
                            COORDINATION, SUSTAINING_EFFORT),
                    Set.of(NATIONAL_LEVEL_PROVIDER, DATA_STANDARDIZATION, ENABLING_TECHNOLOGY, TRAINING_AND_CULTURE));
        };
    }

    /** Whether a driver, challenge or mechanism value belongs to this profile. */
    public boolean contains(Enum<?> value) {
        return drivers.contains(value) || challenges.contains(value) || mechanisms.contains(value);
    }
}
