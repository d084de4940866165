package org.datacollab.registry.partnership.rules;

import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.lifecycle.Transitions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.LocalDate;

/**
 * What the registry knows about one partnership after a sequence of facts, in recording order. A pure fold:
 * the aggregate decides with it, and the API replays it for the current state and for any {@code asOf}.
 */
public final class PartnershipState {

    public record ChallengeEntry(String challengeId, Challenge challenge, Instant raisedAt, boolean resolved) {
    }

    public record AgreementEntry(String agreementId, DeliveryCadence cadence, LocalDate validUntil, boolean ended) {
    }

    private PartnershipFormed formed;
    private PartnershipModel model;
    /** The latest catalogue description (each replaces the one before), or null. */
    private PartnershipDescribed description;
    private Phase phase;
    private Phase suspendedFrom;
    private long version = -1;
    private Instant lastOccurredAt;
    private long deliveries;
    private final Map<String, Organization> directory = new LinkedHashMap<>();
    private final Map<String, List<Role>> partners = new LinkedHashMap<>();
    private final Set<String> invited = new LinkedHashSet<>();
    private final Map<String, ChallengeEntry> challenges = new LinkedHashMap<>();
    private final Map<String, AgreementEntry> agreements = new LinkedHashMap<>();
    private final Map<String, Boolean> fundings = new LinkedHashMap<>();

    public static PartnershipState replay(Iterable<? extends PartnershipFact> facts) {
        PartnershipState state = new PartnershipState();
        facts.forEach(state::apply);
        return state;
    }

    /** An independent copy, to decide several facts in a row without touching this state. */
    public PartnershipState copy() {
        PartnershipState copy = new PartnershipState();
        copy.formed = formed;
        copy.model = model;
        copy.description = description;
        copy.phase = phase;
        copy.suspendedFrom = suspendedFrom;
        copy.version = version;
        copy.lastOccurredAt = lastOccurredAt;
        copy.deliveries = deliveries;
        // the values are immutable (records, List.copyOf), so copying the containers is enough
        copy.directory.putAll(directory);
        copy.partners.putAll(partners);
        copy.invited.addAll(invited);
        copy.challenges.putAll(challenges);
        copy.agreements.putAll(agreements);
        copy.fundings.putAll(fundings);
        return copy;
    }

    public void apply(PartnershipFact fact) {
        version++;
        if (lastOccurredAt == null || fact.occurredAt().isAfter(lastOccurredAt)) {
            lastOccurredAt = fact.occurredAt();
        }
        switch (fact) {
            case PartnershipFormed f -> {
                formed = f;
                model = f.model();
                phase = Phase.FORMING;
                if (f.organizations() != null) {
                    f.organizations().forEach(o -> directory.put(o.ref(), o));
                }
            }
            case ModelReclassified f -> model = f.to();
            case PartnerJoined f -> {
                directory.putIfAbsent(f.organization().ref(), f.organization());
                partners.put(f.organization().ref(), List.copyOf(f.roles()));
                invited.remove(f.organization().ref());
            }
            case PartnerRolesChanged f -> partners.put(f.organization(), List.copyOf(f.roles()));
            case PartnerLeft f -> partners.remove(f.organization());
            case ChallengeRaised f -> challenges.put(f.challengeId(),
                    new ChallengeEntry(f.challengeId(), f.challenge(), f.occurredAt(), false));
            case ChallengeResolved f -> challenges.computeIfPresent(f.challengeId(),
                    (id, c) -> new ChallengeEntry(id, c.challenge(), c.raisedAt(), true));
            case AgreementSigned f -> agreements.put(f.agreementId(),
                    new AgreementEntry(f.agreementId(), f.deliveryCadence(), f.validUntil(), false));
            case AgreementEnded f -> agreements.computeIfPresent(f.agreementId(),
                    (id, a) -> new AgreementEntry(id, a.cadence(), a.validUntil(), true));
            case DataDelivered f -> deliveries++;
            case ProviderInvited f -> {
                directory.putIfAbsent(f.organization().ref(), f.organization());
                invited.add(f.organization().ref());
            }
            case ProviderDeclined f -> invited.remove(f.organization());
            case FundingSecured f -> fundings.put(f.fundingId(), false);
            case FundingEnded f -> fundings.put(f.fundingId(), true);
            case LeadershipChanged f -> Transitions.changeLead(partners, f.lead());
            case PhaseChanged f -> {
                if (f.to() == Phase.SUSPENDED) {
                    suspendedFrom = phase;
                } else if (phase == Phase.SUSPENDED) {
                    suspendedFrom = null;
                }
                phase = f.to();
            }
            case PartnershipEnded f -> phase = Phase.ENDED;
            case PartnershipDescribed f -> description = f;
            case DriverObserved f -> { }
            case MechanismApplied f -> { }
            case ParticipationAssessed f -> { }
        }
    }

    public boolean exists() {
        return formed != null;
    }

    public PartnershipFormed formed() {
        return formed;
    }

    public String ref() {
        return formed.ref();
    }

    public PartnershipModel model() {
        return model;
    }

    public PartnershipDescribed description() {
        return description;
    }

    /** The catalogue status, derived from the phase and the reported status (catalogue.md). */
    public CatalogueStatus catalogueStatus() {
        return CatalogueStatus.of(phase, description == null ? null : description.reportedStatus());
    }

    public Phase phase() {
        return phase;
    }

    public Phase suspendedFrom() {
        return suspendedFrom;
    }

    /** The sequence number of the last fact applied (0 after formation). */
    public long version() {
        return version;
    }

    public Instant lastOccurredAt() {
        return lastOccurredAt;
    }

    public long deliveries() {
        return deliveries;
    }

    public Map<String, Organization> directory() {
        return directory;
    }

    public Map<String, List<Role>> partners() {
        return partners;
    }

    public Set<String> invited() {
        return invited;
    }

    public Map<String, ChallengeEntry> challenges() {
        return challenges;
    }

    public Map<String, AgreementEntry> agreements() {
        return agreements;
    }

    public Map<String, Boolean> fundings() {
        return fundings;
    }

    public boolean isPartner(String organization) {
        return partners.containsKey(organization);
    }

    public boolean holds(String organization, Role role) {
        return partners.getOrDefault(organization, List.of()).contains(role);
    }

    public boolean knows(String organization) {
        return directory.containsKey(organization);
    }
}
