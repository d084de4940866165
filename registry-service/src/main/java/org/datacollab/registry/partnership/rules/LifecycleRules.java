package org.datacollab.registry.partnership.rules;

import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.contracts.vocabulary.Role;
import org.datacollab.lifecycle.Transitions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.datacollab.contracts.vocabulary.Phase.*;
import static org.datacollab.registry.partnership.rules.RuleViolation.conflict;
import static org.datacollab.registry.partnership.rules.RuleViolation.unprocessable;

/**
 * DOMAIN.md section 4 as one decision: given what is known and a requested fact, the facts to record
 * (the fact itself, completed, and any phase change the registry makes itself, {@link Transitions}), or a
 * {@link RuleViolation}.
 * Pure: no I/O, "now" is a parameter.
 */
public final class LifecycleRules {

    private LifecycleRules() {
    }

    public static List<PartnershipFact> decide(PartnershipState state, PartnershipFact requested, Instant now) {
        FieldRules.check(requested);
        if (requested instanceof PartnershipFormed formed) {
            if (state.exists()) {
                throw conflict("partnership-ref-unique", "ref", "A partnership with ref '" + formed.ref() + "' already exists.");
            }
            requireNotInFuture(formed.occurredAt(), now);
            return List.of(formed);
        }
        if (!state.exists()) {
            throw unprocessable("partnership-formed-first", "fact", "A partnership's history starts with PartnershipFormed.");
        }
        if (state.phase() == ENDED) {
            throw conflict("ended-is-final", "fact",
                    "Partnership '" + state.ref() + "' has ended; nothing but reading is possible after ENDED.");
        }
        requireNotInFuture(requested.occurredAt(), now);
        if (requested.occurredAt().isBefore(state.formed().occurredAt())) {
            throw unprocessable("occurred-before-formation", "occurredAt", "occurredAt " + requested.occurredAt()
                    + " lies before the partnership's formation on " + state.formed().occurredAt() + ".");
        }
        List<PartnershipFact> decided = new ArrayList<>();
        decided.add(complete(state, requested));
        Transitions.automaticPhaseChange(state.phase(), requested).ifPresent(decided::add);
        return decided;
    }

    private static void requireNotInFuture(Instant occurredAt, Instant now) {
        if (occurredAt.isAfter(now)) {
            throw unprocessable("occurred-in-future", "occurredAt",
                    "occurredAt " + occurredAt + " lies in the future; the registry records what has happened.");
        }
    }

    /** Checks the fact against the state and fills in what the registry knows ({@code from} fields). */
    private static PartnershipFact complete(PartnershipState s, PartnershipFact fact) {
        return switch (fact) {
            case PartnershipFormed f -> f;
            case ModelReclassified f -> {
                // from none: an unclassified partnership gets its first model (from left out)
                if (f.to() == s.model()) {
                    throw conflict("model-changes", "to", "The partnership already declares " + f.to() + ".");
                }
                yield new ModelReclassified(f.occurredAt(), s.model(), f.to(), f.reason());
            }
            case PartnerJoined f -> {
                if (s.isPartner(f.organization().ref())) {
                    throw conflict("partner-joins-once", "organization.ref", "Organization '" + f.organization().ref()
                            + "' is already a partner; change its roles with PartnerRolesChanged.");
                }
                yield f;
            }
            case PartnerRolesChanged f -> {
                requirePartner(s, f.organization(), "organization");
                yield f;
            }
            case PartnerLeft f -> {
                requirePartner(s, f.organization(), "organization");
                yield f;
            }
            case DriverObserved f -> {
                requireKnown(s, f.organization(), "organization");
                yield f;
            }
            case ChallengeRaised f -> {
                if (s.challenges().containsKey(f.challengeId())) {
                    throw conflict("challenge-id-unique", "challengeId",
                            "A challenge with id '" + f.challengeId() + "' was already raised in this partnership.");
                }
                requireKnown(s, f.raisedBy(), "raisedBy");
                yield f;
            }
            case MechanismApplied f -> {
                for (int i = 0; i < f.addresses().size(); i++) {
                    requireOpenChallenge(s, f.addresses().get(i), "addresses[" + i + "]",
                            "mechanism-addresses-open-challenges", "A mechanism may only address open challenges");
                }
                yield f;
            }
            case ChallengeResolved f -> {
                requireOpenChallenge(s, f.challengeId(), "challengeId", "challenge-resolved-once",
                        "A challenge is resolved once");
                yield f;
            }
            case AgreementSigned f -> {
                if (s.agreements().containsKey(f.agreementId())) {
                    throw conflict("agreement-id-unique", "agreementId",
                            "An agreement with id '" + f.agreementId() + "' was already signed.");
                }
                for (int i = 0; i < f.parties().size(); i++) {
                    requireKnown(s, f.parties().get(i), "parties[" + i + "]");
                }
                requireNotBefore(f.validUntil(), f.occurredAt(), "validUntil");
                yield f;
            }
            case AgreementEnded f -> {
                var agreement = s.agreements().get(f.agreementId());
                if (agreement == null) {
                    throw unprocessable("unknown-agreement", "agreementId", "No agreement '" + f.agreementId() + "' was signed.");
                }
                if (agreement.ended()) {
                    throw conflict("agreement-ends-once", "agreementId", "Agreement '" + f.agreementId() + "' has already ended.");
                }
                yield f;
            }
            case DataDelivered f -> {
                if (!s.holds(f.provider(), Role.DATA_PROVIDER)) {
                    throw conflict("delivery-needs-provider", "provider", "'" + f.provider()
                            + "' is not a current partner holding DATA_PROVIDER; only data providers deliver.");
                }
                yield f;
            }
            case ProviderInvited f -> {
                if (s.isPartner(f.organization().ref())) {
                    throw conflict("invitee-not-partner", "organization.ref",
                            "'" + f.organization().ref() + "' is already a partner.");
                }
                yield f;
            }
            case ProviderDeclined f -> {
                if (!s.invited().contains(f.organization())) {
                    throw unprocessable("decline-needs-invitation", "organization",
                            "'" + f.organization() + "' has no open invitation to decline.");
                }
                yield f;
            }
            case FundingSecured f -> {
                if (s.fundings().containsKey(f.fundingId())) {
                    throw conflict("funding-id-unique", "fundingId", "A funding with id '" + f.fundingId() + "' was already secured.");
                }
                requireKnown(s, f.funder(), "funder");
                requireNotBefore(f.until(), f.occurredAt(), "until");
                yield f;
            }
            case FundingEnded f -> {
                Boolean ended = s.fundings().get(f.fundingId());
                if (ended == null) {
                    throw unprocessable("unknown-funding", "fundingId", "No funding '" + f.fundingId() + "' was secured.");
                }
                if (ended) {
                    throw conflict("funding-ends-once", "fundingId", "Funding '" + f.fundingId() + "' has already ended.");
                }
                yield f;
            }
            case LeadershipChanged f -> {
                if (f.lead() != null) {
                    requirePartner(s, f.lead(), "lead");
                }
                yield f;
            }
            case ParticipationAssessed f -> {
                requireKnown(s, f.organization(), "organization");
                yield f;
            }
            case PhaseChanged f -> new PhaseChanged(f.occurredAt(), s.phase(), requestedPhase(s, f.to()), f.reason());
            case PartnershipEnded f -> f;
            case PartnershipDescribed f -> DescriptionRules.normal(f);
        };
    }

    private static final Set<Phase> ACTIVE_FOR_SUSPENSION = EnumSet.of(FORMING, AGREED, OPERATING, SCALING, SUSTAINED);

    /** The phases a user may request (DOMAIN.md section 4). */
    private static Phase requestedPhase(PartnershipState s, Phase to) {
        Phase from = s.phase();
        if (from == SUSPENDED) {
            if (to != s.suspendedFrom()) {
                throw conflict("resume-to-suspended-phase", "to", "The partnership was suspended from "
                        + s.suspendedFrom() + "; a resume must name that phase, not " + to + ".");
            }
            return to;
        }
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
        return to;
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
