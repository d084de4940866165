package org.datacollab.contracts;

import org.datacollab.contracts.facts.AgreementSigned;
import org.datacollab.contracts.facts.FundingSecured;
import org.datacollab.contracts.facts.PartnerJoined;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.vocabulary.Confidentiality;
import org.datacollab.contracts.vocabulary.DeliveryCadence;
import org.datacollab.contracts.vocabulary.Money;
import org.datacollab.contracts.vocabulary.Organization;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.contracts.vocabulary.Role;
import org.datacollab.contracts.vocabulary.Sector;
import org.datacollab.contracts.vocabulary.Timeframe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each bound of the published language, just inside (no breach) and just beyond (the rule, field and limit named). */
class LimitsTest {

    static final Instant ON = Instant.parse("2024-03-01T00:00:00Z");

    record Row(String name, PartnershipFact fact, String rule, String field, long limit) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("a name of 200 characters", formed("x".repeat(200), List.of()), null, null, 0),
                new Row("a name of 201 characters", formed("x".repeat(201), List.of()), "text-length", "name", Limits.NAME),
                new Row("a directory organization's long name", formed("n", List.of(new Organization("a", "y".repeat(201), Sector.PUBLIC))),
                        "text-length", "organizations[0].name", Limits.NAME),
                new Row("501 organizations", formed("n", Collections.nCopies(501, new Organization("a", "A", Sector.PUBLIC))),
                        "list-size", "organizations", Limits.ORGANIZATIONS),
                new Row("a permitted use of 201 characters", agreement(List.of("ok", "u".repeat(201))), "text-length", "permittedUses[1]", Limits.NAME),
                new Row("51 permitted uses", agreement(Collections.nCopies(51, "u")), "list-size", "permittedUses", 50),
                new Row("eleven roles", new PartnerJoined(ON, new Organization("a", "A", Sector.PUBLIC), Collections.nCopies(11, Role.DATA_PROVIDER)),
                        "list-size", "roles", Limits.ROLES),
                new Row("funding until 9999-12-31", funding(LocalDate.of(9999, 12, 31), null), null, null, 0),
                new Row("funding until +999999999-12-31", funding(LocalDate.MAX, null), "date-range", "until", Limits.MAX_YEAR),
                new Row("occurredAt in year 999", new PartnerJoined(Instant.parse("0999-12-31T00:00:00Z"), new Organization("a", "A", Sector.PUBLIC),
                        List.of(Role.LEAD)), "date-range", "occurredAt", Limits.MAX_YEAR),
                new Row("occurredAt the last nanosecond of 9999", new PartnerJoined(Instant.parse("9999-12-31T23:59:59.999999999Z"),
                        new Organization("a", "A", Sector.PUBLIC), List.of(Role.LEAD)), null, null, 0),
                new Row("occurredAt Instant.MAX, beyond the years a date holds", new PartnerJoined(Instant.MAX,
                        new Organization("a", "A", Sector.PUBLIC), List.of(Role.LEAD)), "date-range", "occurredAt", Limits.MAX_YEAR),
                new Row("occurredAt Instant.MIN", new PartnerJoined(Instant.MIN,
                        new Organization("a", "A", Sector.PUBLIC), List.of(Role.LEAD)), "date-range", "occurredAt", Limits.MAX_YEAR),
                new Row("an amount of 1E+20", funding(null, new Money(new BigDecimal("1E+20"), "EUR")), "number-range", "amount.value",
                        Limits.AMOUNT_DIGITS),
                new Row("an amount with five decimals", funding(null, new Money(new BigDecimal("1.00001"), "EUR")), "number-range",
                        "amount.value", Limits.AMOUNT_DIGITS),
                new Row("an amount of 15 digits and 4 decimals", funding(null, new Money(new BigDecimal("123456789012345.1234"), "EUR")),
                        null, null, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachBoundIsNamed(Row row) {
        var breach = Limits.check((Record) row.fact());
        if (row.rule() == null) {
            assertThat(breach).isEmpty();
            return;
        }
        assertThat(breach).hasValueSatisfying(b -> {
            assertThat(b.rule()).isEqualTo(row.rule());
            assertThat(b.field()).isEqualTo(row.field());
            assertThat(b.limit()).isEqualTo(row.limit());
            assertThat(b.detail()).contains(row.field());
        });
    }

    static PartnershipFormed formed(String name, List<Organization> organizations) {
        return new PartnershipFormed(ON, "r", name, PartnershipModel.SOCIAL_ISSUE, Timeframe.FINITE, "issue", "goal", "NL", organizations);
    }

    static AgreementSigned agreement(List<String> uses) {
        return new AgreementSigned(ON, "a1", List.of("a", "b"), "purpose", uses, Confidentiality.CONFIDENTIAL, DeliveryCadence.ONE_OFF, null);
    }

    static FundingSecured funding(LocalDate until, Money amount) {
        return new FundingSecured(ON, "f1", "funder", amount, until);
    }
}
