package org.datacollab.registry.partnership;

import org.datacollab.registry.partnership.rules.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.registry.partnership.Commands.*;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import java.math.BigDecimal;

import static org.datacollab.registry.partnership.Facts.*;
import static org.hamcrest.Matchers.containsString;

/** DOMAIN.md section 4, rule by rule: one accepted and one rejected case each, and the rejection's words. */
class PartnershipLifecycleTest {

    AggregateTestFixture<Partnership> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Partnership.class);
    }

    RecordFact record(PartnershipFact fact) {
        return Commands.recordFact(REF, fact, null);
    }

    @Nested
    class Formation {
        @Test
        void aPartnershipIsFormedInForming() {
            fixture.givenNoPriorActivity().when(new FormPartnership(REF, formed())).expectEvents(formed());
        }

        @Test
        void aRefMustBeASlug() {
            PartnershipFormed bad = new PartnershipFormed(FORMED, "City Mobility!", "n", PartnershipModel.SOCIAL_ISSUE,
                    Timeframe.FINITE, "i", "g", null, List.of());
            fixture.givenNoPriorActivity().when(new FormPartnership("City Mobility!", bad))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("is not a ref"));
        }

        @Test
        void formationCannotLieInTheFuture() {
            PartnershipFormed future = new PartnershipFormed(Instant.now().plusSeconds(86_400 * 3), REF, "n",
                    PartnershipModel.SOCIAL_ISSUE, Timeframe.FINITE, "i", "g", null, List.of());
            fixture.givenNoPriorActivity().when(new FormPartnership(REF, future))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("lies in the future"));
        }
    }

    @Nested
    class OccurredAt {
        @Test
        void aFactOnTheDayOfFormationIsAccepted() {
            fixture.given(formed()).when(record(raised(0, "c1", Challenge.DATA_QUALITY))).expectEvents(raised(0, "c1", Challenge.DATA_QUALITY));
        }

        @Test
        void aFactBeforeFormationIsRefused() {
            fixture.given(formed()).when(record(raised(-1, "c1", Challenge.DATA_QUALITY)))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("lies before the partnership's formation"));
        }

        @Test
        void aFactInTheFutureIsRefused() {
            ChallengeRaised future = new ChallengeRaised(Instant.now().plusSeconds(86_400 * 2), "c1", Challenge.DATA_QUALITY, null, null);
            fixture.given(formed()).when(record(future))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("lies in the future"));
        }
    }

    @Nested
    class AutomaticPhases {
        @Test
        void theFirstAgreementWhileFormingMovesToAgreed() {
            fixture.given(formed(), joined(1, "telco", Role.DATA_PROVIDER))
                    .when(record(signed(2, "a1", "telco")))
                    .expectEvents(signed(2, "a1", "telco"), new PhaseChanged(day(2), Phase.FORMING, Phase.AGREED, "first agreement signed"));
        }

        @Test
        void aLaterAgreementChangesNoPhase() {
            fixture.given(formed(), joined(1, "telco", Role.DATA_PROVIDER), signed(2, "a1", "telco"), phase(2, Phase.FORMING, Phase.AGREED))
                    .when(record(signed(3, "a2", "telco"))).expectEvents(signed(3, "a2", "telco"));
        }

        @Test
        void theFirstDeliveryWhileAgreedMovesToOperating() {
            fixture.given(formed(), joined(1, "telco", Role.DATA_PROVIDER), signed(2, "a1", "telco"), phase(2, Phase.FORMING, Phase.AGREED))
                    .when(record(delivered(3, "telco")))
                    .expectEvents(delivered(3, "telco"), new PhaseChanged(day(3), Phase.AGREED, Phase.OPERATING, "first data delivered"));
        }

        @Test
        void sharingWithoutAgreementIsAllowedAndMovesToOperating() {
            fixture.given(formed(), joined(1, "telco", Role.DATA_PROVIDER))
                    .when(record(delivered(3, "telco")))
                    .expectEvents(delivered(3, "telco"), new PhaseChanged(day(3), Phase.FORMING, Phase.OPERATING, "first data delivered"));
        }
    }

    @Nested
    class WhoMayDeliver {
        @Test
        void aNonProviderMayNotDeliver() {
            fixture.given(formed(), joined(1, "city", Role.LEAD, Role.DATA_USER))
                    .when(record(delivered(2, "city")))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("'city' is not a current partner holding DATA_PROVIDER; only data providers deliver.");
        }

        @Test
        void aProviderWhoLeftMayNotDeliver() {
            fixture.given(formed(), joined(1, "telco", Role.DATA_PROVIDER), new PartnerLeft(day(2), "telco", "moved on"))
                    .when(record(delivered(3, "telco")))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("not a current partner holding DATA_PROVIDER"));
        }
    }

    @Nested
    class JoiningOnce {
        @Test
        void anOrganizationJoins() {
            fixture.given(formed()).when(record(joined(1, "telco", Role.DATA_PROVIDER))).expectEvents(joined(1, "telco", Role.DATA_PROVIDER));
        }

        @Test
        void aCurrentPartnerCannotJoinAgain() {
            fixture.given(formed(), joined(1, "telco", Role.DATA_PROVIDER))
                    .when(record(joined(2, "telco", Role.LEAD)))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Organization 'telco' is already a partner; change its roles with PartnerRolesChanged.");
        }

        @Test
        void rolesChangeForACurrentPartnerOnly() {
            fixture.given(formed(), joined(1, "telco", Role.DATA_PROVIDER))
                    .when(record(new PartnerRolesChanged(day(2), "other", List.of(Role.LEAD))))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("'other' is not a current partner"));
        }
    }

    @Nested
    class MechanismsAndChallenges {
        @Test
        void aMechanismMayAddressAnOpenChallengeOfAnyType() {
            // the mechanism table guides recommendations; it does not restrict what a user applies
            fixture.given(formed(), raised(1, "c1", Challenge.DATA_QUALITY))
                    .when(record(applied(2, Mechanism.LEADERSHIP, "c1"))).expectEvents(applied(2, Mechanism.LEADERSHIP, "c1"));
        }

        @Test
        void aMechanismMayAddressNothing() {
            fixture.given(formed()).when(record(applied(2, Mechanism.FUNDING_ARRANGEMENT))).expectEvents(applied(2, Mechanism.FUNDING_ARRANGEMENT));
        }

        @Test
        void aMechanismMayNotAddressAResolvedChallenge() {
            fixture.given(formed(), raised(1, "c1", Challenge.DATA_QUALITY), resolved(2, "c1"))
                    .when(record(applied(3, Mechanism.DATA_STANDARDIZATION, "c1")))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("A mechanism may only address open challenges; challenge 'c1' is already resolved.");
        }

        @Test
        void aMechanismMayNotAddressAnUnknownChallenge() {
            fixture.given(formed()).when(record(applied(3, Mechanism.DATA_STANDARDIZATION, "nope")))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("No challenge 'nope' was raised"));
        }

        @Test
        void aChallengeIsResolvedOnce() {
            fixture.given(formed(), raised(1, "c1", Challenge.DATA_QUALITY)).when(record(resolved(2, "c1"))).expectEvents(resolved(2, "c1"));
            fixture.given(formed(), raised(1, "c1", Challenge.DATA_QUALITY), resolved(2, "c1"))
                    .when(record(resolved(3, "c1")))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("A challenge is resolved once; challenge 'c1' is already resolved.");
        }

        @Test
        void aChallengeIdIsUniqueWithinThePartnership() {
            fixture.given(formed(), raised(1, "c1", Challenge.DATA_QUALITY))
                    .when(record(raised(2, "c1", Challenge.DATA_RISKS)))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("'c1' was already raised"));
        }
    }

    @Nested
    class RequestedPhases {
        PartnershipFact[] operating() {
            return new PartnershipFact[]{formed(), joined(1, "telco", Role.DATA_PROVIDER, Role.LEAD), delivered(2, "telco"),
                    phase(2, Phase.FORMING, Phase.OPERATING)};
        }

        @Test
        void scalingFromOperating() {
            fixture.given(operating()).when(record(request(3, Phase.SCALING))).expectEvents(phase(3, Phase.OPERATING, Phase.SCALING));
        }

        @Test
        void scalingNotFromForming() {
            fixture.given(formed()).when(record(request(3, Phase.SCALING)))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("A partnership in FORMING cannot be moved to SCALING"));
        }

        @Test
        void backToOperatingFromScalingAndSustainedFromEither() {
            fixture.given(operating()).andGiven(phase(3, Phase.OPERATING, Phase.SCALING))
                    .when(record(request(4, Phase.OPERATING))).expectEvents(phase(4, Phase.SCALING, Phase.OPERATING));
            fixture.given(operating()).andGiven(phase(3, Phase.OPERATING, Phase.SCALING))
                    .when(record(request(4, Phase.SUSTAINED))).expectEvents(phase(4, Phase.SCALING, Phase.SUSTAINED));
        }

        @Test
        void agreedIsNeverRequested() {
            fixture.given(formed()).when(record(request(1, Phase.AGREED)))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("moves to AGREED itself"));
        }

        @Test
        void suspendedFromAnyActivePhaseAndResumedToThatPhase() {
            fixture.given(formed()).when(record(request(1, Phase.SUSPENDED))).expectEvents(phase(1, Phase.FORMING, Phase.SUSPENDED));
            fixture.given(operating()).andGiven(phase(3, Phase.OPERATING, Phase.SUSPENDED))
                    .when(record(request(4, Phase.OPERATING))).expectEvents(phase(4, Phase.SUSPENDED, Phase.OPERATING));
        }

        @Test
        void aResumeMustNameThePhaseSuspendedFrom() {
            fixture.given(operating()).andGiven(phase(3, Phase.OPERATING, Phase.SUSPENDED))
                    .when(record(request(4, Phase.SCALING)))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("The partnership was suspended from OPERATING; a resume must name that phase, not SCALING.");
        }

        @Test
        void endingIsThroughPartnershipEndedOnly() {
            fixture.given(formed()).when(record(request(1, Phase.ENDED)))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("A partnership ends with PartnershipEnded."));
        }
    }

    @Nested
    class Ending {
        @Test
        void aPartnershipMayEndFromAnyPhase() {
            PartnershipEnded ended = new PartnershipEnded(day(1), Outcome.DISSOLVED, "no partners");
            fixture.given(formed()).when(record(ended)).expectEvents(ended);
        }

        @Test
        void nothingButReadingAfterEnded() {
            fixture.given(formed(), new PartnershipEnded(day(1), Outcome.DISSOLVED, null))
                    .when(record(raised(2, "c1", Challenge.DATA_QUALITY)))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Partnership 'city-mobility' has ended; nothing but reading is possible after ENDED.");
        }
    }

    @Nested
    class OtherRules {
        @Test
        void leadershipGoesToACurrentPartnerOrToNone() {
            fixture.given(formed(), joined(1, "telco", Role.DATA_PROVIDER))
                    .when(record(new LeadershipChanged(day(2), "telco"))).expectEvents(new LeadershipChanged(day(2), "telco"));
            fixture.given(formed()).when(record(new LeadershipChanged(day(2), "ghost")))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("'ghost' is not a current partner"));
        }

        @Test
        void organizationsNamedMustBeKnown() {
            fixture.given(formed()).when(record(new DriverObserved(day(1), Driver.GOVERNMENT_VISION, "cbs", null)))
                    .expectEvents(new DriverObserved(day(1), Driver.GOVERNMENT_VISION, "cbs", null));
            fixture.given(formed()).when(record(new DriverObserved(day(1), Driver.GOVERNMENT_VISION, "stranger", null)))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("Organization 'stranger' is not known"));
        }

        @Test
        void anAgreementEndsOnce() {
            fixture.given(formed(), signed(1, "a1", "cbs"), phase(1, Phase.FORMING, Phase.AGREED), new AgreementEnded(day(2), "a1", "done"))
                    .when(record(new AgreementEnded(day(3), "a1", "again")))
                    .expectException(RuleViolation.class).expectExceptionMessage("Agreement 'a1' has already ended.");
        }

        @Test
        void aDeclineNeedsAnInvitation() {
            fixture.given(formed(), new ProviderInvited(day(1), new Organization("utrecht", "Utrecht", Sector.PUBLIC)))
                    .when(record(new ProviderDeclined(day(2), "utrecht", "no budget")))
                    .expectEvents(new ProviderDeclined(day(2), "utrecht", "no budget"));
            fixture.given(formed()).when(record(new ProviderDeclined(day(2), "utrecht", "no budget")))
                    .expectException(RuleViolation.class).expectExceptionMessage("'utrecht' has no open invitation to decline.");
        }

        @Test
        void aFundingEndsOnce() {
            FundingSecured secured = new FundingSecured(day(1), "f1", "cbs", new Money(new BigDecimal("1000"), "EUR"), null);
            fixture.given(formed(), secured).when(record(new FundingEnded(day(2), "f1"))).expectEvents(new FundingEnded(day(2), "f1"));
            fixture.given(formed(), secured, new FundingEnded(day(2), "f1")).when(record(new FundingEnded(day(3), "f1")))
                    .expectException(RuleViolation.class).expectExceptionMessage("Funding 'f1' has already ended.");
        }

        @Test
        void participationScoresRunFromOneToFive() {
            ParticipationAssessed assessed = new ParticipationAssessed(day(1), "cbs", 4, 3, 2, 2, 2, 2, 3, 3, 3, 4, 3, 2);
            fixture.given(formed()).when(record(assessed)).expectEvents(assessed);
            ParticipationAssessed outOfRange = new ParticipationAssessed(day(1), "cbs", 6, 3, 2, 2, 2, 2, 3, 3, 3, 4, 3, 2);
            fixture.given(formed()).when(record(outOfRange))
                    .expectException(RuleViolation.class).expectExceptionMessage("collectiveBenefit is 6; scores run from 1 to 5.");
        }

        @Test
        void aReclassificationChangesTheModel() {
            fixture.given(formed()).when(record(new ModelReclassified(day(1), null, PartnershipModel.SOCIAL_ISSUE, "behaves so")))
                    .expectEvents(new ModelReclassified(day(1), PartnershipModel.SOCIETAL_SECTOR, PartnershipModel.SOCIAL_ISSUE, "behaves so"));
            fixture.given(formed()).when(record(new ModelReclassified(day(1), null, PartnershipModel.SOCIETAL_SECTOR, "same")))
                    .expectException(RuleViolation.class).expectExceptionMessage("The partnership already declares SOCIETAL_SECTOR.");
        }
    }

    @Nested
    class Import {
        @Test
        void aHistoryIsRecordedWhole() {
            fixture.givenNoPriorActivity()
                    .when(new ImportHistory(REF, formed(), List.of(joined(1, "telco", Role.DATA_PROVIDER), delivered(2, "telco"))))
                    .expectEvents(formed(), joined(1, "telco", Role.DATA_PROVIDER), delivered(2, "telco"),
                            new PhaseChanged(day(2), Phase.FORMING, Phase.OPERATING, "first data delivered"));
        }

        @Test
        void aBrokenEntryRecordsNothingAndIsNamedByIndex() {
            fixture.givenNoPriorActivity()
                    .when(new ImportHistory(REF, formed(), List.of(joined(1, "telco", Role.DATA_USER), delivered(2, "telco"))))
                    .expectNoEvents()
                    .expectException(HistoryRejected.class)
                    .expectExceptionMessage(containsString("history[1] (DataDelivered)"));
        }
    }
}
