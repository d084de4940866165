package org.datacollab.assessment.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.datacollab.catalogue.CatalogueEntry;
import org.datacollab.catalogue.CatalogueExport;
import org.datacollab.catalogue.CatalogueIndex;
import org.datacollab.catalogue.Column;
import org.datacollab.catalogue.Facet;
import org.datacollab.contracts.facts.PartnershipDescribed;
import org.datacollab.contracts.vocabulary.CatalogueStatus;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.contracts.vocabulary.RiskLevel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The catalogue's answers: a page of entries with the facets' counts, for a key's caller or for the public. */
public final class CatalogueAnswers {

    private CatalogueAnswers() {
    }

    /** {@code facets}: one object per filter name, {@code type} to {@code phase}, each value's count. */
    public record Page<T>(int total, int page, int size, List<T> items, Map<String, Map<String, Integer>> facets) {
    }

    /** An entry as a caller who may see it reads it: with its phase, model, risk level, steward and partners. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String ref, String name, CatalogueStatus status, Phase phase, String model, RiskLevel level,
                       String jurisdiction, String steward, List<CatalogueEntry.Partner> partners, String sharedBy,
                       String sharedWith, PartnershipDescribed description) {
    }

    /** An entry of the public catalogue: its description, status and partners' names; no risk, facts or participation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PublicItem(String ref, String name, CatalogueStatus status, List<String> partners, String sharedBy,
                             String sharedWith, PartnershipDescribed description) {
    }

    static Item item(CatalogueEntry e) {
        Map<Column, String> cells = CatalogueExport.cells(e);
        return new Item(e.ref(), e.name(), e.status(), e.phase(), e.modelName(), e.level(), e.jurisdiction(), e.steward(),
                e.partners(), blank(cells.get(Column.SHARED_BY)), blank(cells.get(Column.SHARED_WITH)), e.description());
    }

    static PublicItem publicItem(CatalogueEntry e) {
        Map<Column, String> cells = CatalogueExport.cells(e);
        return new PublicItem(e.ref(), e.name(), e.status(), e.partners().stream().map(CatalogueEntry.Partner::name).toList(),
                blank(cells.get(Column.SHARED_BY)), blank(cells.get(Column.SHARED_WITH)), e.description());
    }

    static <T> Page<T> page(CatalogueIndex.Result result, int page, int size, Function<CatalogueEntry, T> view) {
        Map<String, Map<String, Integer>> facets = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            facets.put(facet.parameter(), result.facets().get(facet));
        }
        return new Page<>(result.total(), page, size, result.items().stream().map(view).toList(), facets);
    }

    private static String blank(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
