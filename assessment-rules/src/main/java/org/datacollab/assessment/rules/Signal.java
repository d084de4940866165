package org.datacollab.assessment.rules;

/** The risk signals of DOMAIN.md section 5, in alphabetical order (the order active signals are listed in). */
public enum Signal {
    AGREEMENT_EXPIRING,
    CHALLENGE_OVERLOAD,
    DELIVERY_GAP,
    FUNDING_CLIFF,
    LEADERSHIP_GAP,
    MODEL_TYPICAL_CHALLENGE_OPEN,
    PARTICIPATION_DILEMMA,
    PROVIDER_ATTRITION,
    RECRUITMENT_STALL,
    SHARING_WITHOUT_AGREEMENT,
    SINGLE_PROVIDER_DEPENDENCY,
    STAGNATION,
    UNADDRESSED_CHALLENGE
}
