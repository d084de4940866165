package org.datacollab.assessment.rules;

import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneOffset;

/** A small builder of histories for signal tests: {@code on(n)} dates a fact n days after formation. */
final class History {

    static final LocalDate FORMED = LocalDate.of(2020, 1, 1);
    private final List<PartnershipFact> facts = new ArrayList<>();
    private int day;

    static History of(PartnershipModel model) {
        History h = new History();
        h.facts.add(new PartnershipFormed(at(0), "p", "P", model, Timeframe.OPEN_ENDED, "i", "g", "NL", List.of()));
        return h;
    }

    /** A partnership formed without a model (unclassified, catalogue.md), by hand or by a catalogue import. */
    static History unclassified(boolean catalogued) {
        History h = new History();
        h.facts.add(new PartnershipFormed(at(0), "p", "P", null, null, null, null, null, List.of(), catalogued ? true : null));
        return h;
    }

    static Instant at(int day) {
        return FORMED.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static LocalDate date(int day) {
        return FORMED.plusDays(day);
    }

    History on(int day) {
        this.day = day;
        return this;
    }

    History join(String ref, Role... roles) {
        return add(new PartnerJoined(at(day), new Organization(ref, ref, Sector.PUBLIC), List.of(roles)));
    }

    History leave(String ref) {
        return add(new PartnerLeft(at(day), ref, null));
    }

    History roles(String ref, Role... roles) {
        return add(new PartnerRolesChanged(at(day), ref, List.of(roles)));
    }

    History deliver(String provider) {
        return add(new DataDelivered(at(day), provider, "d", null, null));
    }

    History sign(String id, DeliveryCadence cadence, Integer validForDays) {
        return add(new AgreementSigned(at(day), id, List.of(), "p", List.of(), Confidentiality.PUBLIC, cadence,
                validForDays == null ? null : date(day + validForDays)));
    }

    History endAgreement(String id) {
        return add(new AgreementEnded(at(day), id, null));
    }

    History raise(String id, Challenge challenge) {
        return add(new ChallengeRaised(at(day), id, challenge, null, null));
    }

    History apply(Mechanism mechanism, String... ids) {
        return add(new MechanismApplied(at(day), mechanism, List.of(ids), null));
    }

    History resolve(String id) {
        return add(new ChallengeResolved(at(day), id, null));
    }

    History observe(Driver driver) {
        return add(new DriverObserved(at(day), driver, null, null));
    }

    History phase(Phase to) {
        return add(new PhaseChanged(at(day), null, to, null));
    }

    History invite(String ref) {
        return add(new ProviderInvited(at(day), new Organization(ref, ref, Sector.PUBLIC)));
    }

    History decline(String ref) {
        return add(new ProviderDeclined(at(day), ref, null));
    }

    History fund(String id, Integer untilDay) {
        return add(new FundingSecured(at(day), id, "f", null, untilDay == null ? null : date(untilDay)));
    }

    History endFunding(String id) {
        return add(new FundingEnded(at(day), id));
    }

    History lead(String ref) {
        return add(new LeadershipChanged(at(day), ref));
    }

    History reclassify(PartnershipModel to) {
        return add(new ModelReclassified(at(day), null, to, null));
    }

    History assess(String ref, int pull, int push, int support) {
        return add(new ParticipationAssessed(at(day), ref, pull, pull, push, push, push, push,
                support, support, support, support, support, 6 - support));
    }

    History describe() {
        return add(new PartnershipDescribed(at(day), CollaborationType.DATA_POOL, List.of(Purpose.RESEARCH), List.of("Health"),
                Region.EUROPE, "NL", null, null, null, null, null, null, null, null, null, null, null, CatalogueStatus.PILOT, true));
    }

    History endNotRecorded() {
        return add(new PartnershipEnded(at(day), Outcome.NOT_RECORDED, null));
    }

    History end() {
        return add(new PartnershipEnded(at(day), Outcome.DISSOLVED, null));
    }

    History add(PartnershipFact fact) {
        facts.add(fact);
        return this;
    }

    List<PartnershipFact> facts() {
        return List.copyOf(facts);
    }

    Assessment at(LocalDate asOf) {
        return Assessor.assess(facts, asOf);
    }

    /** The active signals' names and weights as "NAME weight" at the end of day n. */
    List<String> signalsOn(int n) {
        return at(date(n)).signals().stream().map(s -> s.name() + " " + s.weight()).toList();
    }
}
