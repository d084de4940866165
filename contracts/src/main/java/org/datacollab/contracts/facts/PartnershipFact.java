package org.datacollab.contracts.facts;

import java.time.Instant;

/**
 * A fact the registry records about a partnership (DOMAIN.md section 3). The record's simple name is the
 * fact's name in the API, the history format and the CloudEvents {@code type}.
 */
public sealed interface PartnershipFact permits
        PartnershipFormed, ModelReclassified, PartnerJoined, PartnerRolesChanged, PartnerLeft,
        DriverObserved, ChallengeRaised, MechanismApplied, ChallengeResolved, AgreementSigned, AgreementEnded,
        DataDelivered, ProviderInvited, ProviderDeclined, FundingSecured, FundingEnded, LeadershipChanged,
        ParticipationAssessed, PhaseChanged, PartnershipEnded, PartnershipDescribed {

    /** When it happened in the world (the registry adds recordedAt when it records it). */
    Instant occurredAt();

    /** The fact's name as DOMAIN.md writes it. */
    default String factName() {
        return getClass().getSimpleName();
    }
}
