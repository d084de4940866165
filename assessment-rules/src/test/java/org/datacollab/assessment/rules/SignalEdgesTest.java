package org.datacollab.assessment.rules;

import org.datacollab.contracts.vocabulary.*;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datacollab.contracts.vocabulary.Challenge.*;
import static org.datacollab.contracts.vocabulary.PartnershipModel.*;
import static org.datacollab.contracts.vocabulary.Role.*;

/** Each signal of DOMAIN.md section 5 at the edges of its condition (day 90 against day 91, and so on). */
class SignalEdgesTest {

    /** A SOCIAL_ISSUE partnership with a LEAD provider, operating under a ONE_OFF agreement: no signal by itself. */
    static History quiet() {
        return History.of(SOCIAL_ISSUE).on(0).join("lead", LEAD, DATA_PROVIDER).sign("a", DeliveryCadence.ONE_OFF, null).deliver("lead");
    }

    @Nested
    class UnaddressedChallenge {
        @Test
        void activeFromDay91() {
            History h = quiet().on(0).raise("c1", DATA_RISKS);
            assertThat(h.signalsOn(90)).doesNotContain("UNADDRESSED_CHALLENGE 15");
            assertThat(h.signalsOn(91)).contains("UNADDRESSED_CHALLENGE 15");
        }

        @Test
        void aMechanismNamingItStopsIt() {
            History h = quiet().on(0).raise("c1", DATA_RISKS).on(50).apply(Mechanism.LEADERSHIP, "c1");
            assertThat(h.signalsOn(200)).noneMatch(s -> s.startsWith("UNADDRESSED_CHALLENGE"));
        }

        @Test
        void fifteenPerChallengeAtMostThirty() {
            History two = quiet().on(0).raise("c1", DATA_RISKS).raise("c2", DATA_QUALITY);
            assertThat(two.signalsOn(91)).contains("UNADDRESSED_CHALLENGE 30");
            History three = quiet().on(0).raise("c1", DATA_RISKS).raise("c2", DATA_QUALITY).raise("c3", DATA_GOVERNANCE);
            assertThat(three.signalsOn(91)).contains("UNADDRESSED_CHALLENGE 30");
        }
    }

    @Nested
    class ModelTypicalChallengeOpen {
        @Test
        void activeFromDay31AndTenHoweverMany() {
            History h = quiet().on(0).raise("c1", PARTNER_FIT).raise("c2", TIGHT_TIMELINE).apply(Mechanism.LEADERSHIP, "c1", "c2");
            assertThat(h.signalsOn(30)).isEmpty();
            assertThat(h.signalsOn(31)).containsExactly("MODEL_TYPICAL_CHALLENGE_OPEN 10");
        }

        @Test
        void followsTheCurrentDeclaredModel() {
            History h = quiet().on(0).raise("c1", INTEROPERABILITY).apply(Mechanism.DATA_STANDARDIZATION, "c1");
            assertThat(h.signalsOn(40)).isEmpty();
            h.on(41).reclassify(SOCIETAL_SECTOR);
            assertThat(h.signalsOn(41)).contains("MODEL_TYPICAL_CHALLENGE_OPEN 10");
        }
    }

    @Nested
    class DeliveryGap {
        @Test
        void monthlyAllows62Days() {
            History h = History.of(SOCIAL_ISSUE).on(0).join("lead", LEAD, DATA_PROVIDER).sign("a", DeliveryCadence.MONTHLY, null).deliver("lead");
            assertThat(h.signalsOn(62)).isEmpty();
            assertThat(h.signalsOn(63)).containsExactly("DELIVERY_GAP 25");
        }

        @Test
        void weighs35ForSocietalSector() {
            History h = History.of(SOCIETAL_SECTOR).on(0).join("a", LEAD, DATA_PROVIDER).join("b", DATA_PROVIDER)
                    .sign("x", DeliveryCadence.WEEKLY, null).deliver("a");
            assertThat(h.signalsOn(14)).isEmpty();
            assertThat(h.signalsOn(15)).containsExactly("DELIVERY_GAP 35");
        }

        @Test
        void withoutAnAgreementInForce120Days() {
            History h = History.of(SOCIAL_ISSUE).on(0).join("lead", LEAD, DATA_PROVIDER).sign("a", DeliveryCadence.DAILY, 10).deliver("lead");
            // the DAILY agreement lapses after day 10; then no agreement is in force and 120 days are allowed
            assertThat(h.signalsOn(5)).contains("DELIVERY_GAP 25");
            assertThat(h.signalsOn(120)).containsExactly("SHARING_WITHOUT_AGREEMENT 15");
            assertThat(h.signalsOn(121)).contains("DELIVERY_GAP 25", "SHARING_WITHOUT_AGREEMENT 15");
        }

        @Test
        void theMostRecentlySignedAgreementDecides() {
            History h = History.of(SOCIAL_ISSUE).on(0).join("lead", LEAD, DATA_PROVIDER).sign("a", DeliveryCadence.DAILY, null)
                    .deliver("lead").on(1).sign("b", DeliveryCadence.YEARLY, null);
            assertThat(h.signalsOn(700)).doesNotContain("DELIVERY_GAP 25");
        }

        @Test
        void neverForOneOffNorWhileSuspended() {
            assertThat(quiet().signalsOn(5000)).doesNotContain("DELIVERY_GAP 25");
            History h = History.of(SOCIAL_ISSUE).on(0).join("lead", LEAD, DATA_PROVIDER).sign("a", DeliveryCadence.WEEKLY, null)
                    .deliver("lead").on(5).phase(Phase.SUSPENDED);
            assertThat(h.signalsOn(100)).doesNotContain("DELIVERY_GAP 25");
        }
    }

    @Nested
    class ProviderAttrition {
        @Test
        void activeFor180DaysAfterAProviderLeft() {
            History h = quiet().on(0).join("p2", DATA_PROVIDER).on(10).leave("p2");
            assertThat(h.signalsOn(190)).contains("PROVIDER_ATTRITION 20");
            assertThat(h.signalsOn(191)).doesNotContain("PROVIDER_ATTRITION 20");
        }

        @Test
        void notWhenTheRoleWasLostByARoleChange() {
            History h = quiet().on(0).join("p2", DATA_PROVIDER).on(10).roles("p2", DATA_USER).on(11).leave("p2");
            assertThat(h.signalsOn(12)).doesNotContain("PROVIDER_ATTRITION 20");
        }
    }

    @Nested
    class SingleProviderDependency {
        @Test
        void forSocietalSectorOrWhileScaling() {
            assertThat(History.of(SOCIETAL_SECTOR).on(0).join("a", LEAD, DATA_PROVIDER).signalsOn(0)).contains("SINGLE_PROVIDER_DEPENDENCY 15");
            assertThat(quiet().signalsOn(1)).doesNotContain("SINGLE_PROVIDER_DEPENDENCY 15");
            assertThat(quiet().on(1).phase(Phase.SCALING).signalsOn(1)).contains("SINGLE_PROVIDER_DEPENDENCY 15");
            assertThat(quiet().on(1).join("b", DATA_PROVIDER).phase(Phase.SCALING).signalsOn(1)).doesNotContain("SINGLE_PROVIDER_DEPENDENCY 15");
        }
    }

    @Nested
    class RecruitmentStall {
        @Test
        void over180DaysSinceScalingOrTheLastProviderJoined() {
            History h = quiet().on(0).join("b", DATA_PROVIDER).on(10).phase(Phase.SCALING);
            assertThat(h.signalsOn(190)).doesNotContain("RECRUITMENT_STALL 20");
            assertThat(h.signalsOn(191)).contains("RECRUITMENT_STALL 20");
            h.on(100).join("c", DATA_PROVIDER);
            assertThat(h.signalsOn(280)).doesNotContain("RECRUITMENT_STALL 20");
            assertThat(h.signalsOn(281)).contains("RECRUITMENT_STALL 20");
        }

        @Test
        void halfOfTheRecentInviteesDeclined() {
            History h = quiet().on(0).join("b", DATA_PROVIDER).on(10).phase(Phase.SCALING).invite("x").invite("y").on(20).decline("x");
            assertThat(h.signalsOn(20)).contains("RECRUITMENT_STALL 20");
            History three = quiet().on(0).join("b", DATA_PROVIDER).on(10).phase(Phase.SCALING).invite("x").invite("y").invite("z").on(20).decline("x");
            assertThat(three.signalsOn(20)).doesNotContain("RECRUITMENT_STALL 20");
        }

        @Test
        void invitationsOlderThan365DaysDoNotCount() {
            History h = quiet().on(0).join("b", DATA_PROVIDER).invite("x").on(1).decline("x").on(300).phase(Phase.SCALING);
            assertThat(h.signalsOn(365)).contains("RECRUITMENT_STALL 20");
            assertThat(h.signalsOn(366)).doesNotContain("RECRUITMENT_STALL 20");
        }
    }

    @Nested
    class FundingCliff {
        @Test
        void whenEveryActiveFundingEndsWithin90Days() {
            History h = quiet().on(0).fund("f1", 200);
            assertThat(h.signalsOn(109)).doesNotContain("FUNDING_CLIFF 20");
            assertThat(h.signalsOn(110)).contains("FUNDING_CLIFF 20");
            assertThat(h.signalsOn(200)).contains("FUNDING_CLIFF 20");
            assertThat(h.signalsOn(201)).contains("FUNDING_CLIFF 20");
        }

        @Test
        void notWithAnOpenEndedFundingNorWithoutAnyFunding() {
            assertThat(quiet().signalsOn(10)).doesNotContain("FUNDING_CLIFF 20");
            assertThat(quiet().on(0).fund("f1", 50).fund("f2", null).signalsOn(10)).doesNotContain("FUNDING_CLIFF 20");
            assertThat(quiet().on(0).fund("f2", null).on(5).endFunding("f2").signalsOn(5)).contains("FUNDING_CLIFF 20");
        }
    }

    @Nested
    class LeadershipGap {
        @Test
        void pastFormingWithoutALead() {
            assertThat(History.of(SOCIAL_ISSUE).on(0).join("a", DATA_USER).signalsOn(1)).doesNotContain("LEADERSHIP_GAP 20");
            assertThat(quiet().on(2).lead(null).signalsOn(2)).contains("LEADERSHIP_GAP 20");
            assertThat(History.of(SOCIAL_ISSUE).on(0).join("a", DATA_USER).phase(Phase.SUSPENDED).signalsOn(1)).contains("LEADERSHIP_GAP 20");
        }
    }

    @Nested
    class Agreements {
        @Test
        void sharingWithoutAgreementUntilOneIsInForce() {
            History h = History.of(SOCIAL_ISSUE).on(0).join("lead", LEAD, DATA_PROVIDER).deliver("lead");
            assertThat(h.signalsOn(0)).containsExactly("SHARING_WITHOUT_AGREEMENT 15");
            h.on(3).sign("a", DeliveryCadence.ONE_OFF, 100);
            assertThat(h.signalsOn(3)).isEmpty();
            assertThat(h.signalsOn(103)).doesNotContain("SHARING_WITHOUT_AGREEMENT 15");
            assertThat(h.signalsOn(104)).contains("SHARING_WITHOUT_AGREEMENT 15");
        }

        @Test
        void expiringWithin60Days() {
            History h = quiet().on(0).sign("b", DeliveryCadence.ONE_OFF, 200);
            assertThat(h.signalsOn(139)).doesNotContain("AGREEMENT_EXPIRING 10");
            assertThat(h.signalsOn(140)).contains("AGREEMENT_EXPIRING 10");
            assertThat(h.signalsOn(200)).contains("AGREEMENT_EXPIRING 10");
            assertThat(h.signalsOn(201)).doesNotContain("AGREEMENT_EXPIRING 10");
        }

        @Test
        void anEndedAgreementIsNotInForce() {
            History h = History.of(SOCIAL_ISSUE).on(0).join("lead", LEAD, DATA_PROVIDER).sign("a", DeliveryCadence.ONE_OFF, null)
                    .deliver("lead").on(5).endAgreement("a");
            assertThat(h.signalsOn(5)).contains("SHARING_WITHOUT_AGREEMENT 15");
        }
    }

    @Nested
    class ParticipationDilemma {
        @Test
        void aCurrentPartnersLatestAssessmentBelowZero() {
            History h = quiet().on(1).assess("lead", 2, 4, 3);
            assertThat(h.at(History.date(1)).participation().getFirst().willingness()).isEqualTo(-2.0);
            assertThat(h.signalsOn(1)).contains("PARTICIPATION_DILEMMA 15");
            h.on(2).assess("lead", 4, 2, 3);
            assertThat(h.signalsOn(2)).doesNotContain("PARTICIPATION_DILEMMA 15");
        }

        @Test
        void notForAFormerPartner() {
            History h = quiet().on(0).join("b", DATA_USER).on(1).assess("b", 1, 5, 1).on(2).leave("b");
            assertThat(h.signalsOn(1)).contains("PARTICIPATION_DILEMMA 15");
            assertThat(h.signalsOn(2)).doesNotContain("PARTICIPATION_DILEMMA 15");
        }
    }

    @Nested
    class OverloadAndStagnation {
        @Test
        void openChallengesCoveringRegulatoryOrganizationalAndData() {
            History h = quiet().on(0).raise("c1", TIGHT_TIMELINE).raise("c2", DATA_QUALITY)
                    .apply(Mechanism.DATA_SHARING_AGREEMENT, "c1").apply(Mechanism.DATA_STANDARDIZATION, "c2");
            assertThat(h.signalsOn(1)).contains("CHALLENGE_OVERLOAD 15");
            h.on(2).resolve("c2");
            assertThat(h.signalsOn(2)).doesNotContain("CHALLENGE_OVERLOAD 15");
        }

        @Test
        void nothingRecordedForOver180Days() {
            History h = quiet();
            assertThat(h.signalsOn(180)).doesNotContain("STAGNATION 15");
            assertThat(h.signalsOn(181)).contains("STAGNATION 15");
        }
    }

    @Nested
    class ScoreLevelsAndEnd {
        @Test
        void levelThresholds() {
            assertThat(Assessment.level(9)).isEqualTo(RiskLevel.NONE);
            assertThat(Assessment.level(10)).isEqualTo(RiskLevel.LOW);
            assertThat(Assessment.level(29)).isEqualTo(RiskLevel.LOW);
            assertThat(Assessment.level(30)).isEqualTo(RiskLevel.MEDIUM);
            assertThat(Assessment.level(49)).isEqualTo(RiskLevel.MEDIUM);
            assertThat(Assessment.level(50)).isEqualTo(RiskLevel.HIGH);
            assertThat(Assessment.level(74)).isEqualTo(RiskLevel.HIGH);
            assertThat(Assessment.level(75)).isEqualTo(RiskLevel.CRITICAL);
        }

        @Test
        void theScoreIsCappedAt100() {
            History h = History.of(SOCIETAL_SECTOR).on(0).join("a", DATA_PROVIDER).deliver("a").fund("f", 10)
                    .raise("c1", LEGAL_UNCERTAINTY).raise("c2", COST_AND_RESOURCES).raise("c3", DATA_QUALITY).assess("a", 1, 5, 1)
                    .on(1).join("b", DATA_PROVIDER).on(2).leave("b");
            Assessment a = h.at(History.date(400));
            assertThat(a.signals().stream().mapToInt(s -> s.weight()).sum()).isGreaterThan(100);
            assertThat(a.score()).isEqualTo(100);
            assertThat(a.level()).isEqualTo(RiskLevel.CRITICAL);
        }

        @Test
        void anEndedPartnershipHasNoRiskButKeepsItsRecommendations() {
            History h = quiet().on(0).raise("c1", PARTNER_FIT).on(200).end();
            Assessment a = h.at(History.date(300));
            assertThat(a.level()).isEqualTo(RiskLevel.NONE);
            assertThat(a.signals()).isEmpty();
            assertThat(a.openChallenges()).extracting(Assessment.OpenChallenge::challengeId).containsExactly("c1");
            assertThat(a.openChallenges().getFirst().recommendations())
                    .containsExactly(Mechanism.STAKEHOLDER_PRESSURE_NETWORK, Mechanism.LEADERSHIP);
        }

        @Test
        void signalsAreListedAlphabetically() {
            History h = History.of(SOCIETAL_SECTOR).on(0).join("a", DATA_PROVIDER).deliver("a");
            assertThat(h.signalsOn(200)).isSorted();
        }
    }

    @Nested
    class ModelFitTies {
        @Test
        void nothingObservedMeansTheDeclaredModel() {
            Assessment a = quiet().at(History.date(1));
            assertThat(a.modelFit().bestFit()).isEqualTo(SOCIAL_ISSUE);
            assertThat(a.modelFit().shares()).containsValues(0.0, 0.0, 0.0);
        }

        @Test
        void aTieGoesToTheDeclaredModelIfTiedElseToTheFirst() {
            // one RD driver and one SS driver: RD and SS tie at 0.5; declared SI is not tied -> RD (first)
            Assessment a = quiet().on(1).observe(Driver.ORGANIZATIONAL_GAINS).observe(Driver.GOVERNMENT_VISION).at(History.date(1));
            assertThat(a.modelFit().bestFit()).isEqualTo(RESOURCE_DEPENDENCE);
            assertThat(a.modelFit().differsFromDeclared()).isTrue();
            Assessment declaredTied = History.of(SOCIETAL_SECTOR).on(1).observe(Driver.ORGANIZATIONAL_GAINS).observe(Driver.GOVERNMENT_VISION)
                    .at(History.date(1));
            assertThat(declaredTied.modelFit().bestFit()).isEqualTo(SOCIETAL_SECTOR);
        }

        @Test
        void sharesAreRoundedToThreeDecimals() {
            Assessment a = quiet().on(1).observe(Driver.URGENCY).observe(Driver.PUBLIC_VALUE).observe(Driver.CAPABILITY_ACCESS)
                    .at(History.date(1));
            assertThat(a.modelFit().shares().get(SOCIAL_ISSUE)).isEqualTo(0.333);
        }
    }

    @Nested
    class RiskHistoryInstants {
        @Test
        void timedSignalsChangeTheLevelOnTheirOwnDay() {
            History h = quiet().on(0).raise("c1", PARTNER_FIT);
            var history = Assessor.riskHistory(h.facts(), History.date(400));
            assertThat(history).extracting(RiskHistoryEntry::day)
                    .containsExactly(History.date(0), History.date(31), History.date(181));
            assertThat(history).extracting(RiskHistoryEntry::level)
                    .containsExactly(RiskLevel.NONE, RiskLevel.LOW, RiskLevel.MEDIUM);
            assertThat(Assessor.nextComputableDay(h.facts(), History.date(0))).contains(History.date(31));
        }
    }
}
