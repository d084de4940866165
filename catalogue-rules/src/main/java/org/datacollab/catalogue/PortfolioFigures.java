package org.datacollab.catalogue;

import org.datacollab.contracts.vocabulary.CatalogueStatus;
import org.datacollab.contracts.vocabulary.Phase;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures a portfolio is judged by (issue 15): agreements in force, partnerships by catalogue status and by
 * phase, new partnerships per quarter, and deliveries per month (how many, and the records and bytes of those that
 * said), over the portfolio's life: from the quarter and month of its first formation to those of {@code asOf},
 * with quarters and months without any shown as zero.
 */
public record PortfolioFigures(LocalDate asOf, int partnerships, long agreementsInForce, Map<String, Integer> byCatalogueStatus,
                               Map<String, Integer> byPhase, List<Quarter> newPerQuarter, List<Month> deliveriesPerMonth) {

    /** {@code quarter}: as {@code 2024-Q1}. */
    public record Quarter(String quarter, int count) {
    }

    /**
     * {@code month}: as {@code 2024-01}; by the deliveries' occurredAt. {@code records} and {@code bytes} add up what
     * the deliveries that said them said; null for a month whose deliveries all left them out, 0 for a month
     * without any delivery.
     */
    public record Month(String month, long count, Long records, Long bytes) {
    }

    public static PortfolioFigures of(List<CatalogueEntry> entries, LocalDate asOf) {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (CatalogueStatus status : CatalogueStatus.values()) {
            byStatus.put(status.name(), (int) entries.stream().filter(e -> e.status() == status).count());
        }
        Map<String, Integer> byPhase = new LinkedHashMap<>();
        for (Phase phase : Phase.values()) {
            byPhase.put(phase.name(), (int) entries.stream().filter(e -> e.phase() == phase).count());
        }
        long inForce = entries.stream().filter(e -> e.activity() != null).mapToLong(e -> e.activity().agreementsInForce(asOf)).sum();
        LocalDate first = entries.stream().map(CatalogueEntry::formedOn).min(LocalDate::compareTo).orElse(null);
        return new PortfolioFigures(asOf, entries.size(), inForce, byStatus, byPhase, quarters(entries, first, asOf),
                months(entries, first, asOf));
    }

    private static List<Quarter> quarters(List<CatalogueEntry> entries, LocalDate first, LocalDate asOf) {
        List<Quarter> quarters = new ArrayList<>();
        if (first == null || first.isAfter(asOf)) {
            return quarters;
        }
        Map<String, Integer> formed = new TreeMap<>();
        entries.forEach(e -> formed.merge(quarter(e.formedOn()), 1, Integer::sum));
        for (YearMonth m = YearMonth.from(first).withMonth(quarterStart(first)); !m.isAfter(YearMonth.from(asOf)); m = m.plusMonths(3)) {
            String label = quarter(m.atDay(1));
            quarters.add(new Quarter(label, formed.getOrDefault(label, 0)));
        }
        return quarters;
    }

    private static List<Month> months(List<CatalogueEntry> entries, LocalDate first, LocalDate asOf) {
        List<Month> months = new ArrayList<>();
        if (first == null || first.isAfter(asOf)) {
            return months;
        }
        Map<String, Month> delivered = new TreeMap<>();
        for (CatalogueEntry entry : entries) {
            if (entry.activity() == null) {
                continue;
            }
            for (CatalogueEntry.MonthlyDeliveries d : entry.activity().deliveries()) {
                delivered.merge(d.month(), new Month(d.month(), d.count(), d.records(), d.bytes()),
                        (a, b) -> new Month(a.month(), a.count() + b.count(), sum(a.records(), b.records()), sum(a.bytes(), b.bytes())));
            }
        }
        for (YearMonth m = YearMonth.from(first); !m.isAfter(YearMonth.from(asOf)); m = m.plusMonths(1)) {
            months.add(delivered.getOrDefault(m.toString(), new Month(m.toString(), 0, 0L, 0L)));
        }
        return months;
    }

    /** Null when neither said; written out because {@code a == null ? b : ... a + b} unboxes {@code b} (a long expression). */
    private static Long sum(Long a, Long b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a + b;
    }

    private static int quarterStart(LocalDate day) {
        return (day.getMonthValue() - 1) / 3 * 3 + 1;
    }

    private static String quarter(LocalDate day) {
        return day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
    }
}
