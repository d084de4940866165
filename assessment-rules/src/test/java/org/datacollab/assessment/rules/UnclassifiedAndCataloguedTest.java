package org.datacollab.assessment.rules;

import org.datacollab.contracts.vocabulary.*;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datacollab.contracts.vocabulary.Challenge.*;
import static org.datacollab.contracts.vocabulary.PartnershipModel.*;
import static org.datacollab.contracts.vocabulary.Role.*;

/** catalogue.md's readings of DOMAIN.md section 5: unclassified partnerships, catalogued entries, halves up. */
class UnclassifiedAndCataloguedTest {

    /** An unclassified partnership with a LEAD provider under a ONE_OFF agreement: no signal by itself. */
    static History quiet() {
        return History.unclassified(false).on(0).join("lead", LEAD, DATA_PROVIDER).sign("a", DeliveryCadence.ONE_OFF, null).deliver("lead");
    }

    @Nested
    class ModelFit {
        /** Observed values (drivers, challenges, mechanisms by name) → best fit; a tie goes to the first of RD, SI, SS. */
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {
                "                                   | RESOURCE_DEPENDENCE",
                "URGENCY CONFIDENTIALITY             | RESOURCE_DEPENDENCE",
                "GOVERNMENT_VISION URGENCY           | SOCIAL_ISSUE",
                "GOVERNMENT_VISION                   | SOCIETAL_SECTOR",
                "COST_AND_RESOURCES                  | RESOURCE_DEPENDENCE",
                "COST_AND_RESOURCES INTEROPERABILITY | SOCIETAL_SECTOR",
                "PUBLIC_VALUE                        | RESOURCE_DEPENDENCE"})
        void tiesGoToTheFirstOfRdSiSs(String observed, PartnershipModel bestFit) {
            History h = History.unclassified(false).on(0);
            observe(h, observed);
            Assessment.ModelFit fit = h.at(History.date(10)).modelFit();
            assertThat(fit.bestFit()).isEqualTo(bestFit);
            assertThat(fit.differsFromDeclared()).isFalse();
            assertThat(h.at(History.date(10)).unclassified()).isTrue();
            assertThat(h.at(History.date(10)).declaredModel()).isNull();
        }

        @Test
        void sharesAreRoundedHalvesUp() {
            History h = History.unclassified(false).on(0);
            // 15 values in no profile and one of SOCIAL_ISSUE's: 1/16 = 0.0625
            observe(h, "REPUTATIONAL_GAINS OPEN_GOVERNMENT CAPABILITY_ACCESS PUBLIC_VALUE LEGAL_UNCERTAINTY NO_SHARING_POLICY"
                    + " MISALIGNED_INCENTIVES CULTURAL_DIFFERENCES DATA_QUALITY DATA_RISKS DATA_GOVERNANCE CONTINUED_SUPPLY"
                    + " PUBLIC_TRUST DATA_SHARING_AGREEMENT COORDINATING_BODY URGENCY");
            var shares = h.at(History.date(1)).modelFit().shares();
            assertThat(shares.get(SOCIAL_ISSUE)).isEqualTo(0.063);
            assertThat(shares.get(RESOURCE_DEPENDENCE)).isEqualTo(0.0);
            // with three of sixteen: 3/16 = 0.1875 gives 0.188
            History three = History.of(SOCIAL_ISSUE).on(0);
            observe(three, "REPUTATIONAL_GAINS OPEN_GOVERNMENT CAPABILITY_ACCESS PUBLIC_VALUE LEGAL_UNCERTAINTY NO_SHARING_POLICY"
                    + " MISALIGNED_INCENTIVES CULTURAL_DIFFERENCES DATA_QUALITY DATA_RISKS DATA_GOVERNANCE CONTINUED_SUPPLY"
                    + " PUBLIC_TRUST URGENCY SOCIETAL_PRESSURE PARTNER_FIT");
            assertThat(three.at(History.date(1)).modelFit().shares().get(SOCIAL_ISSUE)).isEqualTo(0.188);
        }

        private void observe(History h, String observed) {
            for (String name : observed == null ? new String[0] : observed.trim().split("\\s+")) {
                if (Arrays.stream(Driver.values()).anyMatch(d -> d.name().equals(name))) {
                    h.observe(Driver.valueOf(name));
                } else if (Arrays.stream(Challenge.values()).anyMatch(c -> c.name().equals(name))) {
                    h.raise("c-" + name, Challenge.valueOf(name));
                } else {
                    h.apply(Mechanism.valueOf(name));
                }
            }
        }
    }

    @Nested
    class Recommendations {
        /** challenge, declared model (or none) → recommendations in order. */
        @ParameterizedTest(name = "{0} declared {1}")
        @CsvSource(delimiter = '|', value = {
                "PARTNER_FIT        |                     | LEADERSHIP STAKEHOLDER_PRESSURE_NETWORK",
                "PARTNER_FIT        | SOCIAL_ISSUE        | STAKEHOLDER_PRESSURE_NETWORK LEADERSHIP",
                "COST_AND_RESOURCES |                     | SEARCH_WIN_WIN EXPLICIT_BUSINESS_CASE ENABLING_TECHNOLOGY FUNDING_ARRANGEMENT",
                "COST_AND_RESOURCES | SOCIETAL_SECTOR     | ENABLING_TECHNOLOGY SEARCH_WIN_WIN EXPLICIT_BUSINESS_CASE FUNDING_ARRANGEMENT",
                "SKILLS_AND_TOOLS   |                     | DUTY_TO_SHARE_AWARENESS ENABLING_TECHNOLOGY TRAINING_AND_CULTURE",
                "SKILLS_AND_TOOLS   | SOCIETAL_SECTOR     | ENABLING_TECHNOLOGY TRAINING_AND_CULTURE DUTY_TO_SHARE_AWARENESS"})
        void followTheMechanismTableWithoutAModel(Challenge challenge, PartnershipModel declared, String expected) {
            History h = (declared == null ? History.unclassified(false) : History.of(declared)).on(0).raise("c1", challenge);
            List<Mechanism> recommended = h.at(History.date(1)).openChallenges().getFirst().recommendations();
            assertThat(recommended).extracting(Enum::name).containsExactly(expected.split(" "));
        }
    }

    @Nested
    class Weights {
        @Test
        void aDeliveryGapWeighs25() {
            History h = History.unclassified(false).on(0).join("lead", LEAD, DATA_PROVIDER).join("b", DATA_PROVIDER)
                    .sign("x", DeliveryCadence.WEEKLY, null).deliver("lead");
            assertThat(h.signalsOn(14)).isEmpty();
            assertThat(h.signalsOn(15)).containsExactly("DELIVERY_GAP 25");
        }

        @Test
        void aSingleProviderCountsOnlyWhileScaling() {
            History h = quiet().on(10).phase(Phase.SCALING);
            assertThat(quiet().signalsOn(5)).isEmpty();
            assertThat(h.signalsOn(10)).containsExactly("SINGLE_PROVIDER_DEPENDENCY 15");
        }

        @Test
        void noChallengeIsModelTypical() {
            History h = quiet().on(0).raise("c1", COST_AND_RESOURCES).apply(Mechanism.FUNDING_ARRANGEMENT, "c1")
                    .raise("c2", PARTNER_FIT).apply(Mechanism.LEADERSHIP, "c2");
            assertThat(h.signalsOn(100)).isEmpty();
        }
    }

    @Nested
    class ReclassifiedFromNone {
        @Test
        void theNewModelDrivesWeightsTypicalChallengesAndOrder() {
            History h = quiet().on(0).raise("c1", INTEROPERABILITY).apply(Mechanism.FUNDING_ARRANGEMENT, "c1");
            assertThat(h.signalsOn(40)).isEmpty();
            assertThat(h.at(History.date(40)).openChallenges().getFirst().recommendations())
                    .containsExactly(Mechanism.DATA_STANDARDIZATION);
            h.on(41).reclassify(SOCIETAL_SECTOR);
            Assessment after = h.at(History.date(41));
            assertThat(after.declaredModel()).isEqualTo(SOCIETAL_SECTOR);
            assertThat(after.unclassified()).isFalse();
            assertThat(h.signalsOn(41)).containsExactly("MODEL_TYPICAL_CHALLENGE_OPEN 10", "SINGLE_PROVIDER_DEPENDENCY 15");
            assertThat(after.modelFit().bestFit()).isEqualTo(SOCIETAL_SECTOR);
        }

        @Test
        void aDeliveryGapThenWeighs35() {
            History h = History.unclassified(false).on(0).join("lead", LEAD, DATA_PROVIDER).join("b", DATA_PROVIDER)
                    .sign("x", DeliveryCadence.WEEKLY, null).deliver("lead").on(5).reclassify(SOCIETAL_SECTOR);
            assertThat(h.signalsOn(15)).containsExactly("DELIVERY_GAP 35");
        }
    }

    @Nested
    class CataloguedOnly {
        @Test
        void noRiskWhileOnlyDescribed() {
            History h = History.unclassified(true).on(0).describe().on(30).describe();
            Assessment a = h.at(History.date(400));
            assertThat(a.level()).isEqualTo(RiskLevel.NONE);
            assertThat(a.signals()).isEmpty();
            assertThat(a.cataloguedOnly()).isTrue();
            assertThat(a.notes()).anyMatch(n -> n.startsWith("Catalogued only"));
            assertThat(Assessor.riskHistory(h.facts(), History.date(800))).hasSize(1);
            assertThat(Assessor.nextComputableDay(h.facts(), History.date(400))).isEmpty();
        }

        @Test
        void theFirstOtherFactStartsMonitoringOverTheWholeHistory() {
            History h = History.unclassified(true).on(0).describe().on(10).join("lead", LEAD);
            assertThat(h.at(History.date(9)).cataloguedOnly()).isTrue();
            assertThat(h.at(History.date(190)).cataloguedOnly()).isFalse();
            assertThat(h.signalsOn(190)).isEmpty();
            assertThat(h.signalsOn(191)).containsExactly("STAGNATION 15");
            History delivered = History.unclassified(true).on(0).describe().on(5).join("p", DATA_PROVIDER).deliver("p");
            assertThat(delivered.signalsOn(200)).containsExactly("DELIVERY_GAP 25", "LEADERSHIP_GAP 20",
                    "SHARING_WITHOUT_AGREEMENT 15", "STAGNATION 15");
        }

        @Test
        void aHistoryFormedByHandIsMonitoredAtOnce() {
            History h = History.unclassified(false).on(0);
            assertThat(h.signalsOn(181)).containsExactly("STAGNATION 15");
            assertThat(h.at(History.date(181)).cataloguedOnly()).isFalse();
        }

        @Test
        void anEndedCatalogueEntryHasNoRisk() {
            History h = History.unclassified(true).on(0).describe().endNotRecorded();
            assertThat(h.at(History.date(500)).phase()).isEqualTo(Phase.ENDED);
            assertThat(h.signalsOn(500)).isEmpty();
        }
    }

    @Test
    void aDescriptionIsNoFactForStagnationButAppearsInTheTimeline() {
        History h = SignalEdgesTest.quiet().on(100).describe();
        assertThat(h.signalsOn(181)).containsExactly("STAGNATION 15");
        Timeline timeline = Timelines.of(h.facts(), History.date(181));
        assertThat(timeline.phases().stream().flatMap(p -> p.facts().stream()).map(Timeline.Entry::fact))
                .contains("PartnershipDescribed");
    }
}
