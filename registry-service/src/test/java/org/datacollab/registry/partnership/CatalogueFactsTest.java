package org.datacollab.registry.partnership;

import org.datacollab.registry.partnership.rules.AccessRefused;
import org.datacollab.registry.partnership.rules.LifecycleRules;
import org.datacollab.registry.partnership.rules.PartnershipState;
import org.datacollab.registry.partnership.rules.RuleViolation;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.registry.partnership.Commands.FormPartnership;
import org.datacollab.registry.partnership.Commands.RecordCatalogueRow;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.datacollab.contracts.vocabulary.Role.DATA_PROVIDER;
import static org.datacollab.contracts.vocabulary.Role.LEAD;
import static org.datacollab.registry.partnership.Facts.*;
import static org.hamcrest.Matchers.containsString;

/** What catalogue.md adds to the registry: unclassified partnerships, descriptions, NOT_RECORDED, a row as one commit. */
class CatalogueFactsTest {

    static final String STEWARD = "open-state";

    AggregateTestFixture<Partnership> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Partnership.class);
    }

    static PartnershipFormed catalogued() {
        return new PartnershipFormed(FORMED, REF, "City mobility", null, null, null, null, "NL", List.of(), true);
    }

    /** The formation as recorded by the steward's key (the steward is read from its metadata, decision 0008). */
    static GenericDomainEventMessage<PartnershipFormed> formedBySteward() {
        return new GenericDomainEventMessage<>("Partnership", REF, 0, catalogued(), MetaData.with(CallerMetaData.RECORDED_BY, STEWARD));
    }

    static PartnershipDescribed described(int day, List<String> topics, List<String> links, CatalogueStatus reported) {
        return new PartnershipDescribed(day(day), CollaborationType.DATA_POOL, List.of(Purpose.RESEARCH), topics, Region.EUROPE,
                "NL", List.of("Mobility"), null, SourceType.PRIMARY, Disclosure.NO, Disclosure.UNKNOWN, null,
                List.of(AccessMode.API), null, "Researchers", "A summary", links, reported, false);
    }

    static PartnershipDescribed described(int day) {
        return described(day, List.of("Transport"), List.of("https://example.org/a"), CatalogueStatus.PILOT);
    }

    static MetaData as(String organization, Role... roles) {
        return CallerMetaData.of(Caller.of("key-" + organization, organization, List.of(roles), List.of()));
    }

    @Nested
    class Formation {
        @Test
        void withoutModelTimeframeIssueOrGoal() {
            fixture.givenNoPriorActivity().when(new FormPartnership(REF, catalogued())).expectEvents(catalogued());
        }

        @Test
        void aSocietalIssueGivenMustNotBeBlank() {
            PartnershipFormed blank = new PartnershipFormed(FORMED, REF, "n", null, null, " ", null, null, List.of());
            fixture.givenNoPriorActivity().when(new FormPartnership(REF, blank))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("societalIssue must not be blank"));
        }

        @Test
        void anUnclassifiedPartnershipIsReclassifiedFromNone() {
            fixture.given(catalogued()).when(Commands.recordFact(REF, new ModelReclassified(day(3), null, PartnershipModel.SOCIAL_ISSUE, "r"), null))
                    .expectEvents(new ModelReclassified(day(3), null, PartnershipModel.SOCIAL_ISSUE, "r"));
        }

        @Test
        void anEndingWithoutARecordedReason() {
            fixture.given(catalogued()).when(Commands.recordFact(REF, new PartnershipEnded(day(1), Outcome.NOT_RECORDED, null), null))
                    .expectEvents(new PartnershipEnded(day(1), Outcome.NOT_RECORDED, null));
        }
    }

    @Nested
    class Description {
        @Test
        void topicsKeepTheirFirstSpellingWithoutDuplicates() {
            PartnershipDescribed requested = described(2, List.of("Health", " health", "Resilience", "HEALTH"), List.of(), null);
            fixture.given(catalogued()).when(Commands.recordFact(REF, requested, null))
                    .expectEvents(described(2, List.of("Health", "Resilience"), List.of(), null));
        }

        @Test
        void notAfterTheEnd() {
            fixture.given(catalogued(), new PartnershipEnded(day(1), Outcome.NOT_RECORDED, null))
                    .when(Commands.recordFact(REF, described(2), null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("has ended"));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("org.datacollab.registry.partnership.CatalogueFactsTest#badDescriptions")
        void valueRules(PartnershipDescribed bad, String field, String rule) {
            RuleViolation violation = assertThrows(RuleViolation.class,
                    () -> LifecycleRules.decide(PartnershipState.replay(List.of(catalogued())), bad, day(5)));
            assertThat(violation.field()).isEqualTo(field);
            assertThat(violation.rule()).isEqualTo(rule);
            assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.INVALID);
        }
    }

    static Stream<Arguments> badDescriptions() {
        String longTopic = "t".repeat(201);
        return Stream.of(
                Arguments.of(described(1, List.of("ok", longTopic), List.of(), null), "topics[1]", "text-length"),
                Arguments.of(described(1, Collections.nCopies(51, "x"), List.of(), null), "topics", "list-size"),
                Arguments.of(described(1, List.of(""), List.of(), null), "topics[0]", "not-blank"),
                Arguments.of(described(1, List.of(), List.of("ftp://example.org/x"), null), "links[0]", "link-format"),
                Arguments.of(described(1, List.of(), List.of("example.org"), null), "links[0]", "link-format"),
                Arguments.of(described(1, List.of(), List.of(), CatalogueStatus.ENDED), "reportedStatus", "reported-status"),
                Arguments.of(new PartnershipDescribed(day(1), null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, "s".repeat(10_001), null, null, null), "summary", "text-length"));
    }

    @Nested
    class WhoDescribes {
        @Test
        void theStewardDoes() {
            fixture.given(formedBySteward()).when(Commands.recordFact(REF, described(2), null), as(STEWARD, Role.STEWARD))
                    .expectEvents(described(2));
        }

        @Test
        void anAdminDoes() {
            fixture.given(formedBySteward()).when(Commands.recordFact(REF, described(2), null), CallerMetaData.of(Caller.admin("root")))
                    .expectEvents(described(2));
        }

        @Test
        void aPartnerThatIsNotTheStewardDoesNot() {
            fixture.given(formedBySteward(), joined(1, "telco", LEAD, DATA_PROVIDER))
                    .when(Commands.recordFact(REF, described(2), null), as("telco", Role.STEWARD))
                    .expectException(AccessRefused.class).expectExceptionMessage(containsString("steward organization ('open-state')"));
        }

        @Test
        void yetThatPartnerRecordsItsOtherFacts() {
            fixture.given(formedBySteward(), joined(1, "telco", LEAD, DATA_PROVIDER))
                    .when(Commands.recordFact(REF, delivered(2, "telco"), null), as("telco", Role.STEWARD))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class CatalogueRow {
        @Test
        void aDescriptionAndAnEndingInOneCommit() {
            PartnershipEnded ended = new PartnershipEnded(day(2), Outcome.NOT_RECORDED, null);
            fixture.given(formedBySteward()).when(new RecordCatalogueRow(REF, List.of(described(2), ended), 0L), as(STEWARD, Role.STEWARD))
                    .expectEvents(described(2), ended);
        }

        @Test
        void allOrNothing() {
            PartnershipEnded ended = new PartnershipEnded(day(2), Outcome.NOT_RECORDED, null);
            fixture.given(formedBySteward())
                    .when(new RecordCatalogueRow(REF, List.of(described(2), ended, described(3)), null), as(STEWARD, Role.STEWARD))
                    .expectNoEvents().expectException(RuleViolation.class);
        }
    }
}
