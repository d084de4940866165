package org.datacollab.catalogue;

import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.*;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A portfolio's figures from its partnerships' entries (issue 15, item 3). */
class PortfolioFiguresTest {

    static final LocalDate AS_OF = LocalDate.of(2024, 5, 10);

    static Instant at(String day) {
        return LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static CatalogueEntry entry(String ref, String formedOn, PartnershipFact... more) {
        List<PartnershipFact> facts = new ArrayList<>();
        facts.add(new PartnershipFormed(at(formedOn), ref, ref, PartnershipModel.SOCIAL_ISSUE, null, null, null, "NL", List.of()));
        facts.add(new PartnerJoined(at(formedOn), new Organization("p", "P", Sector.PUBLIC), List.of(Role.DATA_PROVIDER)));
        facts.addAll(List.of(more));
        return CatalogueEntries.of(facts, "ngo", RiskLevel.NONE, AS_OF);
    }

    static DataDelivered delivered(String day, Long records, Long bytes) {
        return new DataDelivered(at(day), "p", "d", records, bytes);
    }

    static AgreementSigned signed(String id, String day, String validUntil) {
        return new AgreementSigned(at(day), id, List.of("p"), "x", List.of(), Confidentiality.PUBLIC, DeliveryCadence.MONTHLY,
                validUntil == null ? null : LocalDate.parse(validUntil));
    }

    @Test
    void figuresOverThePortfoliosLifeWithEmptyMonthsAsZero() {
        PortfolioFigures figures = PortfolioFigures.of(List.of(
                entry("a", "2023-11-20", signed("a1", "2023-12-01", null), signed("a2", "2023-12-01", "2024-05-09"),
                        delivered("2023-12-05", 100L, null), delivered("2023-12-20", null, null), delivered("2024-03-01", 5L, 2048L),
                        new PhaseChanged(at("2023-12-05"), Phase.AGREED, Phase.OPERATING, null)),
                entry("b", "2024-01-15", signed("b1", "2024-01-15", "2024-05-10"), new AgreementEnded(at("2024-02-01"), "b1", null),
                        delivered("2024-03-31", null, 10L)),
                entry("c", "2024-02-29", new PartnershipEnded(at("2024-04-01"), Outcome.NOT_RECORDED, null)),
                entry("d", "2024-05-10", signed("d1", "2024-05-10", "2024-05-10"))), AS_OF);
        assertThat(figures.partnerships()).isEqualTo(4);
        // a1 (no end), d1 (valid through today); a2 lapsed yesterday, b1 ended
        assertThat(figures.agreementsInForce()).isEqualTo(2);
        assertThat(figures.byCatalogueStatus()).containsExactly(Map.entry("ANNOUNCED", 2), Map.entry("PILOT", 0),
                Map.entry("ONGOING", 1), Map.entry("ENDED", 1));
        assertThat(figures.byPhase()).containsEntry("FORMING", 2).containsEntry("OPERATING", 1).containsEntry("ENDED", 1)
                .containsEntry("SCALING", 0).hasSize(7);
        assertThat(figures.newPerQuarter()).containsExactly(new PortfolioFigures.Quarter("2023-Q4", 1),
                new PortfolioFigures.Quarter("2024-Q1", 2), new PortfolioFigures.Quarter("2024-Q2", 1));
        assertThat(figures.deliveriesPerMonth()).containsExactly(
                new PortfolioFigures.Month("2023-11", 0, 0L, 0L),
                new PortfolioFigures.Month("2023-12", 2, 100L, null),
                new PortfolioFigures.Month("2024-01", 0, 0L, 0L),
                new PortfolioFigures.Month("2024-02", 0, 0L, 0L),
                new PortfolioFigures.Month("2024-03", 2, 5L, 2058L),
                new PortfolioFigures.Month("2024-04", 0, 0L, 0L),
                new PortfolioFigures.Month("2024-05", 0, 0L, 0L));
    }

    /** Found by the access matrix: an administrator's portfolio answered 500 when two partnerships' month said no bytes. */
    @Test
    void aMonthInWhichNoPartnershipSaidItsBytesSumsToNull() {
        PortfolioFigures figures = PortfolioFigures.of(List.of(
                entry("a", "2024-05-01", delivered("2024-05-02", 10L, null)),
                entry("b", "2024-05-01", delivered("2024-05-03", null, null))), AS_OF);
        assertThat(figures.deliveriesPerMonth()).containsExactly(new PortfolioFigures.Month("2024-05", 2, 10L, null));
    }

    @Test
    void anEmptyPortfolioHasNothingToChart() {
        PortfolioFigures figures = PortfolioFigures.of(List.of(), AS_OF);
        assertThat(figures.partnerships()).isZero();
        assertThat(figures.newPerQuarter()).isEmpty();
        assertThat(figures.deliveriesPerMonth()).isEmpty();
        assertThat(figures.byCatalogueStatus().values()).allMatch(n -> n == 0);
    }
}
