package org.datacollab.registry.partnership.rules;

import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.contracts.vocabulary.Role;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.datacollab.contracts.vocabulary.Phase.*;
import static org.datacollab.registry.partnership.rules.RuleViolation.conflict;
import static org.datacollab.registry.partnership.rules.RuleViolation.unprocessable;

/**
 * DOMAIN.md section 4, every rule in one list, in the order they are checked: a requested fact is refused by the
 * first rule it breaks (docs/problems.md lists the same slugs). A new fact's rule is added here, nowhere else.
 */
final class LifecyclePolicies {

    private LifecyclePolicies() {
    }

    private static final Set<Phase> ACTIVE_FOR_SUSPENSION = EnumSet.of(FORMING, AGREED, OPERATING, SCALING, SUSTAINED);

    static final List<Policy> ALL = List.of(
            Policy.of("partnership-ref-unique", (s, fact, now) -> {
                if (fact instanceof PartnershipFormed formed && s.exists()) {
                    throw conflict("partnership-ref-unique", "ref", "A partnership with ref '" + formed.ref() + "' already exists.");
                }
            }),
            Policy.of("partnership-formed-first", (s, fact, now) -> {
                if (!(fact instanceof PartnershipFormed) && !s.exists()) {
                    throw unprocessable("partnership-formed-first", "fact", "A partnership's history starts with PartnershipFormed.");
                }
            }),
            Policy.of("ended-is-final", (s, fact, now) -> {
                if (!(fact instanceof PartnershipFormed) && s.phase() == ENDED) {
                    throw conflict("ended-is-final", "fact",
                            "Partnership '" + s.ref() + "' has ended; nothing but reading is possible after ENDED.");
                }
            }),
            Policy.of("occurred-in-future", (s, fact, now) -> {
                if (fact.occurredAt().isAfter(now)) {
                    throw unprocessable("occurred-in-future", "occurredAt",
                            "occurredAt " + fact.occurredAt() + " lies in the future; the registry records what has happened.");
                }
            }),
            Policy.of("occurred-before-formation", (s, fact, now) -> {
                if (!(fact instanceof PartnershipFormed) && fact.occurredAt().isBefore(s.formed().occurredAt())) {
                    throw unprocessable("occurred-before-formation", "occurredAt", "occurredAt " + fact.occurredAt()
                            + " lies before the partnership's formation on " + s.formed().occurredAt() + ".");
                }
            }),
            Policy.of("model-changes", (s, fact, now) -> {
                // from none: an unclassified partnership gets its first model
                if (fact instanceof ModelReclassified f && f.to() == s.model()) {
                    throw conflict("model-changes", "to", "The partnership already declares " + f.to() + ".");
                }
            }),
            Policy.of("partner-joins-once", (s, fact, now) -> {
                if (fact instanceof PartnerJoined f && s.isPartner(f.organization().ref())) {
                    throw conflict("partner-joins-once", "organization.ref", "Organization '" + f.organization().ref()
                            + "' is already a partner; change its roles with PartnerRolesChanged.");
                }
            }),
            Policy.of("invitee-not-partner", (s, fact, now) -> {
                if (fact instanceof ProviderInvited f && s.isPartner(f.organization().ref())) {
                    throw conflict("invitee-not-partner", "organization.ref", "'" + f.organization().ref() + "' is already a partner.");
                }
            }),
            Policy.of("challenge-id-unique", (s, fact, now) -> {
                if (fact instanceof ChallengeRaised f && s.challenges().containsKey(f.challengeId())) {
                    throw conflict("challenge-id-unique", "challengeId",
                            "A challenge with id '" + f.challengeId() + "' was already raised in this partnership.");
                }
            }),
            Policy.of("agreement-id-unique", (s, fact, now) -> {
                if (fact instanceof AgreementSigned f && s.agreements().containsKey(f.agreementId())) {
                    throw conflict("agreement-id-unique", "agreementId", "An agreement with id '" + f.agreementId() + "' was already signed.");
                }
            }),
            Policy.of("funding-id-unique", (s, fact, now) -> {
                if (fact instanceof FundingSecured f && s.fundings().containsKey(f.fundingId())) {
                    throw conflict("funding-id-unique", "fundingId", "A funding with id '" + f.fundingId() + "' was already secured.");
                }
            }),
            Policy.of("unknown-partner", (s, fact, now) -> {
                switch (fact) {
                    case PartnerRolesChanged f -> requirePartner(s, f.organization(), "organization");
                    case PartnerLeft f -> requirePartner(s, f.organization(), "organization");
                    case LeadershipChanged f when f.lead() != null -> requirePartner(s, f.lead(), "lead");
                    default -> { }
                }
            }),
            Policy.of("unknown-organization", (s, fact, now) -> {
                switch (fact) {
                    case DriverObserved f -> requireKnown(s, f.organization(), "organization");
                    case ChallengeRaised f -> requireKnown(s, f.raisedBy(), "raisedBy");
                    case AgreementSigned f -> {
                        for (int i = 0; i < f.parties().size(); i++) {
                            requireKnown(s, f.parties().get(i), "parties[" + i + "]");
                        }
                    }
                    case FundingSecured f -> requireKnown(s, f.funder(), "funder");
                    case ParticipationAssessed f -> requireKnown(s, f.organization(), "organization");
                    default -> { }
                }
            }),
            Policy.of("date-before-occurrence", (s, fact, now) -> {
                switch (fact) {
                    case AgreementSigned f -> requireNotBefore(f.validUntil(), f.occurredAt(), "validUntil");
                    case FundingSecured f -> requireNotBefore(f.until(), f.occurredAt(), "until");
                    default -> { }
                }
            }),
            Policy.of("mechanism-addresses-open-challenges", (s, fact, now) -> {
                if (fact instanceof MechanismApplied f) {
                    for (int i = 0; i < f.addresses().size(); i++) {
                        requireOpenChallenge(s, f.addresses().get(i), "addresses[" + i + "]",
                                "mechanism-addresses-open-challenges", "A mechanism may only address open challenges");
                    }
                }
            }),
            Policy.of("challenge-resolved-once", (s, fact, now) -> {
                if (fact instanceof ChallengeResolved f) {
                    requireOpenChallenge(s, f.challengeId(), "challengeId", "challenge-resolved-once", "A challenge is resolved once");
                }
            }),
            Policy.of("agreement-ends-once", (s, fact, now) -> {
                if (fact instanceof AgreementEnded f) {
                    var agreement = s.agreements().get(f.agreementId());
                    if (agreement == null) {
                        throw unprocessable("unknown-agreement", "agreementId", "No agreement '" + f.agreementId() + "' was signed.");
                    }
                    if (agreement.ended()) {
                        throw conflict("agreement-ends-once", "agreementId", "Agreement '" + f.agreementId() + "' has already ended.");
                    }
                }
            }),
            Policy.of("delivery-needs-provider", (s, fact, now) -> {
                if (fact instanceof DataDelivered f && !s.holds(f.provider(), Role.DATA_PROVIDER)) {
                    throw conflict("delivery-needs-provider", "provider", "'" + f.provider()
                            + "' is not a current partner holding DATA_PROVIDER; only data providers deliver.");
                }
            }),
            Policy.of("decline-needs-invitation", (s, fact, now) -> {
                if (fact instanceof ProviderDeclined f && !s.invited().contains(f.organization())) {
                    throw unprocessable("decline-needs-invitation", "organization",
                            "'" + f.organization() + "' has no open invitation to decline.");
                }
            }),
            Policy.of("funding-ends-once", (s, fact, now) -> {
                if (fact instanceof FundingEnded f) {
                    Boolean ended = s.fundings().get(f.fundingId());
                    if (ended == null) {
                        throw unprocessable("unknown-funding", "fundingId", "No funding '" + f.fundingId() + "' was secured.");
                    }
                    if (ended) {
                        throw conflict("funding-ends-once", "fundingId", "Funding '" + f.fundingId() + "' has already ended.");
                    }
                }
            }),
            Policy.of("resume-to-suspended-phase", (s, fact, now) -> {
                if (fact instanceof PhaseChanged f && s.phase() == SUSPENDED && f.to() != s.suspendedFrom()) {
                    throw conflict("resume-to-suspended-phase", "to", "The partnership was suspended from "
                            + s.suspendedFrom() + "; a resume must name that phase, not " + f.to() + ".");
                }
            }),
            Policy.of("phase-transition", (s, fact, now) -> {
                if (fact instanceof PhaseChanged f && s.phase() != SUSPENDED) {
                    requireRequestable(s.phase(), f.to());
                }
            }));

    /** The phases a user may request (DOMAIN.md section 4); the others the registry reaches itself. */
    private static void requireRequestable(Phase from, Phase to) {
        boolean allowed = switch (to) {
            case SCALING -> from == OPERATING;
            case OPERATING -> from == SCALING;
            case SUSTAINED -> from == OPERATING || from == SCALING;
            case SUSPENDED -> ACTIVE_FOR_SUSPENSION.contains(from);
            case FORMING, AGREED, ENDED -> false;
        };
        if (!allowed) {
            String hint = switch (to) {
                case ENDED -> " A partnership ends with PartnershipEnded.";
                case AGREED, OPERATING -> " The registry moves to " + to + " itself on the first agreement or delivery.";
                default -> "";
            };
            throw conflict("phase-transition", "to", "A partnership in " + from + " cannot be moved to " + to
                    + ". Users may request SCALING from OPERATING, OPERATING from SCALING, SUSTAINED from OPERATING"
                    + " or SCALING, SUSPENDED from any active phase, and a resume to the phase suspended from." + hint);
        }
    }

    private static void requirePartner(PartnershipState s, String organization, String field) {
        if (!s.isPartner(organization)) {
            throw unprocessable("unknown-partner", field, "'" + organization + "' is not a current partner of '" + s.ref() + "'.");
        }
    }

    private static void requireKnown(PartnershipState s, String organization, String field) {
        if (organization != null && !s.knows(organization)) {
            throw unprocessable("unknown-organization", field, "Organization '" + organization
                    + "' is not known to partnership '" + s.ref() + "'; declare it (history import) or let it join first.");
        }
    }

    private static void requireOpenChallenge(PartnershipState s, String challengeId, String field, String closedRule, String closedWords) {
        var challenge = s.challenges().get(challengeId);
        if (challenge == null) {
            throw unprocessable("unknown-challenge", field, "No challenge '" + challengeId + "' was raised in '" + s.ref() + "'.");
        }
        if (challenge.resolved()) {
            throw conflict(closedRule, field, closedWords + "; challenge '" + challengeId + "' is already resolved.");
        }
    }

    private static void requireNotBefore(LocalDate date, Instant occurredAt, String field) {
        if (date != null && date.isBefore(LocalDate.ofInstant(occurredAt, ZoneOffset.UTC))) {
            throw unprocessable("date-before-occurrence", field, field + " " + date + " lies before the fact itself (" + occurredAt + ").");
        }
    }
}
