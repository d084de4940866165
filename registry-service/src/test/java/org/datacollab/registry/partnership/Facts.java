package org.datacollab.registry.partnership;

import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Small builders of facts for the aggregate's fixture tests; {@code day(n)} is n days after formation. */
final class Facts {

    static final String REF = "city-mobility";
    static final Instant FORMED = Instant.parse("2024-01-01T00:00:00Z");

    static Instant day(int n) {
        return FORMED.plusSeconds(86_400L * n);
    }

    static PartnershipFormed formed() {
        return new PartnershipFormed(FORMED, REF, "City mobility", PartnershipModel.SOCIETAL_SECTOR, Timeframe.OPEN_ENDED,
                "Congestion", "Better plans", "NL-Amsterdam", List.of(new Organization("cbs", "Statistics", Sector.PUBLIC)));
    }

    static PartnerJoined joined(int day, String ref, Role... roles) {
        return new PartnerJoined(day(day), new Organization(ref, ref.toUpperCase(), Sector.PRIVATE), List.of(roles));
    }

    static DataDelivered delivered(int day, String provider) {
        return new DataDelivered(day(day), provider, "traffic counts", 10L, null);
    }

    static AgreementSigned signed(int day, String id, String... parties) {
        return new AgreementSigned(day(day), id, List.of(parties), "traffic", List.of("planning"), Confidentiality.RESTRICTED,
                DeliveryCadence.MONTHLY, LocalDate.of(2030, 1, 1));
    }

    static ChallengeRaised raised(int day, String id, Challenge challenge) {
        return new ChallengeRaised(day(day), id, challenge, "note", null);
    }

    static MechanismApplied applied(int day, Mechanism mechanism, String... addresses) {
        return new MechanismApplied(day(day), mechanism, List.of(addresses), "note");
    }

    static ChallengeResolved resolved(int day, String id) {
        return new ChallengeResolved(day(day), id, "done");
    }

    static PhaseChanged phase(int day, Phase from, Phase to) {
        return new PhaseChanged(day(day), from, to, "because");
    }

    static PhaseChanged request(int day, Phase to) {
        return new PhaseChanged(day(day), null, to, "because");
    }

    private Facts() {
    }
}
