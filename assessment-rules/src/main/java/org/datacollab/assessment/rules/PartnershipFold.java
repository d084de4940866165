package org.datacollab.assessment.rules;

import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.lifecycle.Transitions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the assessment needs to know about a partnership, folded fact by fact in timeline order (by date,
 * then by recording order). Mutable and package-private: {@link Assessor} feeds it and reads it.
 */
final class PartnershipFold {

    record ChallengeState(String challengeId, Challenge challenge, LocalDate raisedOn, LocalDate resolvedOn,
                          List<Mechanism> mechanisms, List<LocalDate> mechanismDates) {
        boolean openOn(LocalDate day) {
            return resolvedOn == null || resolvedOn.isAfter(day);
        }
    }

    record AgreementState(String agreementId, int recordedIndex, LocalDate signedOn, DeliveryCadence cadence,
                          LocalDate validUntil, LocalDate endedOn) {
        boolean inForceOn(LocalDate day) {
            return !signedOn.isAfter(day) && (endedOn == null || endedOn.isAfter(day))
                    && (validUntil == null || !validUntil.isBefore(day));
        }
    }

    record FundingState(String fundingId, LocalDate securedOn, LocalDate until, LocalDate endedOn) {
        boolean activeOn(LocalDate day) {
            return !securedOn.isAfter(day) && (endedOn == null || endedOn.isAfter(day))
                    && (until == null || !until.isBefore(day));
        }
    }

    record Invitation(String organization, LocalDate invitedOn) {
    }

    PartnershipFormed formed;
    LocalDate formedOn;
    /** The declared model; null while the partnership is unclassified (catalogue.md). */
    PartnershipModel model;
    /**
     * False while a partnership a catalogue import formed has no fact but descriptions and its ending: it is
     * catalogued only, and carries no risk (catalogue.md). The first other fact starts its monitoring.
     */
    boolean monitored;
    Phase phase = Phase.FORMING;
    Phase suspendedFrom;
    final Map<String, List<Role>> partners = new LinkedHashMap<>();
    final List<LocalDate> providerDepartures = new ArrayList<>();
    LocalDate lastProviderJoin;
    LocalDate scalingStartedOn;
    final List<Invitation> invitations = new ArrayList<>();
    final Set<String> declined = new LinkedHashSet<>();
    final Map<String, FundingState> fundings = new LinkedHashMap<>();
    final Map<String, ChallengeState> challenges = new LinkedHashMap<>();
    final Map<String, AgreementState> agreements = new LinkedHashMap<>();
    LocalDate firstDelivery;
    LocalDate lastDelivery;
    LocalDate lastFactOn;
    final Map<String, ParticipationAssessed> participation = new LinkedHashMap<>();
    final Map<String, LocalDate> participationOn = new LinkedHashMap<>();
    final Set<Driver> drivers = EnumSet.noneOf(Driver.class);
    final Set<Challenge> challengeTypes = EnumSet.noneOf(Challenge.class);
    final Set<Mechanism> mechanisms = EnumSet.noneOf(Mechanism.class);
    final List<PhaseSpan> phases = new ArrayList<>();
    private int recorded;

    record PhaseSpan(Phase phase, LocalDate from) {
    }

    void apply(PartnershipFact fact) {
        if (fact instanceof PartnershipDescribed) {
            return; // no part in the assessment, STAGNATION included (catalogue.md)
        }
        if (!(fact instanceof PartnershipFormed) && !(fact instanceof PartnershipEnded)) {
            monitored = true;
        }
        LocalDate on = Days.date(fact.occurredAt());
        int index = recorded++;
        if (lastFactOn == null || on.isAfter(lastFactOn)) {
            lastFactOn = on;
        }
        // the phase changes the registry records itself, derived here too, so that histories without them read alike
        Transitions.automaticPhaseChange(phase, fact).ifPresent(change -> changePhase(change.to(), on));
        switch (fact) {
            case PartnershipFormed f -> {
                formed = f;
                formedOn = on;
                model = f.model();
                monitored = !f.formedByCatalogue();
                phase = Phase.FORMING;
                phases.add(new PhaseSpan(Phase.FORMING, on));
            }
            case ModelReclassified f -> model = f.to();
            case PartnerJoined f -> {
                partners.put(f.organization().ref(), List.copyOf(f.roles()));
                if (f.roles().contains(Role.DATA_PROVIDER)) {
                    lastProviderJoin = on;
                }
            }
            case PartnerRolesChanged f -> partners.put(f.organization(), List.copyOf(f.roles()));
            case PartnerLeft f -> {
                List<Role> roles = partners.remove(f.organization());
                if (roles != null && roles.contains(Role.DATA_PROVIDER)) {
                    providerDepartures.add(on);
                }
            }
            case DriverObserved f -> drivers.add(f.driver());
            case ChallengeRaised f -> {
                challengeTypes.add(f.challenge());
                challenges.put(f.challengeId(), new ChallengeState(f.challengeId(), f.challenge(), on, null,
                        new ArrayList<>(), new ArrayList<>()));
            }
            case MechanismApplied f -> {
                mechanisms.add(f.mechanism());
                for (String id : f.addresses()) {
                    ChallengeState c = challenges.get(id);
                    if (c != null) {
                        c.mechanisms().add(f.mechanism());
                        c.mechanismDates().add(on);
                    }
                }
            }
            case ChallengeResolved f -> challenges.computeIfPresent(f.challengeId(), (id, c) ->
                    new ChallengeState(id, c.challenge(), c.raisedOn(), on, c.mechanisms(), c.mechanismDates()));
            case AgreementSigned f -> {
                agreements.put(f.agreementId(), new AgreementState(f.agreementId(), index, on,
                        f.deliveryCadence(), f.validUntil(), null));
            }
            case AgreementEnded f -> agreements.computeIfPresent(f.agreementId(), (id, a) ->
                    new AgreementState(id, a.recordedIndex(), a.signedOn(), a.cadence(), a.validUntil(), on));
            case DataDelivered f -> {
                if (firstDelivery == null) {
                    firstDelivery = on;
                }
                if (lastDelivery == null || on.isAfter(lastDelivery)) {
                    lastDelivery = on;
                }
            }
            case ProviderInvited f -> invitations.add(new Invitation(f.organization().ref(), on));
            case ProviderDeclined f -> declined.add(f.organization());
            case FundingSecured f -> fundings.put(f.fundingId(), new FundingState(f.fundingId(), on, f.until(), null));
            case FundingEnded f -> fundings.computeIfPresent(f.fundingId(), (id, x) ->
                    new FundingState(id, x.securedOn(), x.until(), on));
            case LeadershipChanged f -> Transitions.changeLead(partners, f.lead());
            case ParticipationAssessed f -> {
                participation.put(f.organization(), f);
                participationOn.put(f.organization(), on);
            }
            case PhaseChanged f -> {
                if (f.to() == Phase.SUSPENDED) {
                    suspendedFrom = phase;
                }
                if (f.to() == Phase.SCALING) {
                    scalingStartedOn = on;
                }
                changePhase(f.to(), on);
            }
            case PartnershipEnded f -> changePhase(Phase.ENDED, on);
            case PartnershipDescribed f -> { }
        }
    }

    /**
     * The registry records AGREED and OPERATING itself on the first agreement and delivery; the fold derives
     * them too (so it reads histories without them), and a PhaseChanged to the phase it is in changes nothing.
     */
    private void changePhase(Phase to, LocalDate on) {
        if (to == phase) {
            return;
        }
        phase = to;
        phases.add(new PhaseSpan(to, on));
    }

    boolean unclassified() {
        return model == null;
    }

    boolean holdsLead() {
        return partners.values().stream().anyMatch(roles -> roles.contains(Role.LEAD));
    }

    long providers() {
        return partners.values().stream().filter(roles -> roles.contains(Role.DATA_PROVIDER)).count();
    }
}
