package org.datacollab.lifecycle;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.datacollab.contracts.facts.AgreementSigned;
import org.datacollab.contracts.facts.DataDelivered;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PhaseChanged;
import org.datacollab.contracts.vocabulary.Confidentiality;
import org.datacollab.contracts.vocabulary.DeliveryCadence;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.contracts.vocabulary.Role;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.datacollab.contracts.vocabulary.Role.DATA_PROVIDER;
import static org.datacollab.contracts.vocabulary.Role.DATA_USER;
import static org.datacollab.contracts.vocabulary.Role.LEAD;

class TransitionsTest {

    private static final Instant AT = Instant.parse("2024-03-01T10:00:00Z");

    @Nested
    class AutomaticPhaseChanges {

        @ParameterizedTest(name = "{0} in {1} -> {2}")
        @CsvSource({
                "agreement, FORMING, AGREED",
                "agreement, AGREED, none",
                "agreement, OPERATING, none",
                "agreement, SUSPENDED, none",
                "delivery, FORMING, OPERATING",
                "delivery, AGREED, OPERATING",
                "delivery, OPERATING, none",
                "delivery, SCALING, none",
                "delivery, SUSPENDED, none",
        })
        void theFirstAgreementAndTheFirstDeliveryMoveThePhase(String fact, Phase phase, String expected) {
            var change = Transitions.automaticPhaseChange(phase, fact.equals("agreement") ? agreement() : delivery());
            if (expected.equals("none")) {
                assertThat(change).isEmpty();
            } else {
                assertThat(change).contains(new PhaseChanged(AT, phase, Phase.valueOf(expected),
                        fact.equals("agreement") ? "first agreement signed" : "first data delivered"));
                assertThat(Transitions.isAutomatic(change.orElseThrow())).isTrue();
            }
        }

        @Test
        void aRequestedPhaseChangeIsNotAutomatic() {
            assertThat(Transitions.isAutomatic(new PhaseChanged(AT, Phase.OPERATING, Phase.SCALING, "grow"))).isFalse();
            assertThat(Transitions.isAutomatic(new PhaseChanged(AT, Phase.SUSPENDED, Phase.AGREED, "resume"))).isFalse();
        }

        private PartnershipFact agreement() {
            return new AgreementSigned(AT, "a1", List.of("city", "telco"), "mobility", List.of("planning"), Confidentiality.RESTRICTED,
                    DeliveryCadence.MONTHLY, null);
        }

        private PartnershipFact delivery() {
            return new DataDelivered(AT, "telco", "trips", null, null);
        }
    }

    @Nested
    class LeadChanges {

        @Test
        void theNewLeadGainsLeadFirstAndEveryOtherPartnerLosesIt() {
            Map<String, List<Role>> partners = partners();
            Transitions.changeLead(partners, "telco");
            assertThat(partners).containsExactly(Map.entry("city", List.of(DATA_USER)),
                    Map.entry("telco", List.of(LEAD, DATA_PROVIDER)));
        }

        @Test
        void withoutALeadNoPartnerHoldsLead() {
            Map<String, List<Role>> partners = partners();
            Transitions.changeLead(partners, null);
            assertThat(partners.values()).noneMatch(roles -> roles.contains(LEAD)).hasSize(2);
        }

        private Map<String, List<Role>> partners() {
            Map<String, List<Role>> partners = new LinkedHashMap<>();
            partners.put("city", List.of(LEAD, DATA_USER));
            partners.put("telco", List.of(DATA_PROVIDER));
            return partners;
        }
    }

    @Test
    void importsNoSpringAxonKafkaOrMongo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "org.apache.kafka..", "io.cloudevents..", "com.mongodb..", "org.bson..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.datacollab.lifecycle"));
    }
}
