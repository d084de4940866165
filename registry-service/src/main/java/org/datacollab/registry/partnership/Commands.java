package org.datacollab.registry.partnership;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.datacollab.contracts.facts.*;

import java.util.List;

/**
 * The commands of the Partnership aggregate, one per fact of DOMAIN.md section 3: an imperative name that
 * produces the fact of the same meaning (RecordDelivery produces DataDelivered). Partnerships are identified
 * by their ref; {@code expectedVersion}, when given, is the version the client saw (If-Match).
 */
public final class Commands {

    private Commands() {
    }

    /** Form a new partnership; it starts in FORMING. */
    public record FormPartnership(@TargetAggregateIdentifier String ref, PartnershipFormed formed) {
    }

    /** Record a whole history (formation first) as one commit: every fact or none. */
    public record ImportHistory(@TargetAggregateIdentifier String ref, PartnershipFormed formed, List<PartnershipFact> history) {
    }

    /** A command that records one fact about an existing partnership. */
    public sealed interface RecordFact {
        String ref();

        PartnershipFact fact();

        Long expectedVersion();
    }

    /** Records ModelReclassified. */
    public record ReclassifyModel(@TargetAggregateIdentifier String ref, ModelReclassified fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records PartnerJoined. */
    public record JoinPartnership(@TargetAggregateIdentifier String ref, PartnerJoined fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records PartnerRolesChanged. */
    public record ChangePartnerRoles(@TargetAggregateIdentifier String ref, PartnerRolesChanged fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records PartnerLeft. */
    public record LeavePartnership(@TargetAggregateIdentifier String ref, PartnerLeft fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records DriverObserved. */
    public record ObserveDriver(@TargetAggregateIdentifier String ref, DriverObserved fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records ChallengeRaised. */
    public record RaiseChallenge(@TargetAggregateIdentifier String ref, ChallengeRaised fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records MechanismApplied. */
    public record ApplyMechanism(@TargetAggregateIdentifier String ref, MechanismApplied fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records ChallengeResolved. */
    public record ResolveChallenge(@TargetAggregateIdentifier String ref, ChallengeResolved fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records AgreementSigned. */
    public record SignAgreement(@TargetAggregateIdentifier String ref, AgreementSigned fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records AgreementEnded. */
    public record EndAgreement(@TargetAggregateIdentifier String ref, AgreementEnded fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records DataDelivered. */
    public record RecordDelivery(@TargetAggregateIdentifier String ref, DataDelivered fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records ProviderInvited. */
    public record InviteProvider(@TargetAggregateIdentifier String ref, ProviderInvited fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records ProviderDeclined. */
    public record RecordProviderDecline(@TargetAggregateIdentifier String ref, ProviderDeclined fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records FundingSecured. */
    public record SecureFunding(@TargetAggregateIdentifier String ref, FundingSecured fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records FundingEnded. */
    public record EndFunding(@TargetAggregateIdentifier String ref, FundingEnded fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records LeadershipChanged. */
    public record ChangeLeadership(@TargetAggregateIdentifier String ref, LeadershipChanged fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records ParticipationAssessed. */
    public record AssessParticipation(@TargetAggregateIdentifier String ref, ParticipationAssessed fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records PhaseChanged. */
    public record RequestPhaseChange(@TargetAggregateIdentifier String ref, PhaseChanged fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records PartnershipEnded. */
    public record EndPartnership(@TargetAggregateIdentifier String ref, PartnershipEnded fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /** Records PartnershipDescribed: the partnership's steward or an ADMIN only (catalogue.md). */
    public record DescribePartnership(@TargetAggregateIdentifier String ref, PartnershipDescribed fact, @TargetAggregateVersion Long expectedVersion)
            implements RecordFact {
    }

    /**
     * The facts a catalogue row decides for an existing partnership (a new description, its ending), decided in
     * order and recorded as one commit: each row of a catalogue import is its own unit (catalogue.md).
     */
    public record RecordCatalogueRow(@TargetAggregateIdentifier String ref, List<PartnershipFact> facts,
                                     @TargetAggregateVersion Long expectedVersion) {
    }

    /** The command that records {@code fact}. */
    public static RecordFact recordFact(String ref, PartnershipFact fact, Long expectedVersion) {
        return switch (fact) {
            case ModelReclassified f -> new ReclassifyModel(ref, f, expectedVersion);
            case PartnerJoined f -> new JoinPartnership(ref, f, expectedVersion);
            case PartnerRolesChanged f -> new ChangePartnerRoles(ref, f, expectedVersion);
            case PartnerLeft f -> new LeavePartnership(ref, f, expectedVersion);
            case DriverObserved f -> new ObserveDriver(ref, f, expectedVersion);
            case ChallengeRaised f -> new RaiseChallenge(ref, f, expectedVersion);
            case MechanismApplied f -> new ApplyMechanism(ref, f, expectedVersion);
            case ChallengeResolved f -> new ResolveChallenge(ref, f, expectedVersion);
            case AgreementSigned f -> new SignAgreement(ref, f, expectedVersion);
            case AgreementEnded f -> new EndAgreement(ref, f, expectedVersion);
            case DataDelivered f -> new RecordDelivery(ref, f, expectedVersion);
            case ProviderInvited f -> new InviteProvider(ref, f, expectedVersion);
            case ProviderDeclined f -> new RecordProviderDecline(ref, f, expectedVersion);
            case FundingSecured f -> new SecureFunding(ref, f, expectedVersion);
            case FundingEnded f -> new EndFunding(ref, f, expectedVersion);
            case LeadershipChanged f -> new ChangeLeadership(ref, f, expectedVersion);
            case ParticipationAssessed f -> new AssessParticipation(ref, f, expectedVersion);
            case PhaseChanged f -> new RequestPhaseChange(ref, f, expectedVersion);
            case PartnershipEnded f -> new EndPartnership(ref, f, expectedVersion);
            case PartnershipDescribed f -> new DescribePartnership(ref, f, expectedVersion);
            case PartnershipFormed f -> throw new IllegalArgumentException("a partnership is formed with FormPartnership");
        };
    }
}
