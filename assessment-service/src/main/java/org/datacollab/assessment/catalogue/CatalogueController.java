package org.datacollab.assessment.catalogue;

import org.datacollab.bounds.QueryBounds;
import org.datacollab.catalogue.CatalogueEntry;
import org.datacollab.catalogue.CatalogueExport;
import org.datacollab.catalogue.CatalogueQuery;
import org.datacollab.catalogue.Facet;
import org.datacollab.problem.Problem;
import org.datacollab.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The catalogue (catalogue.md): faceted search and export over the partnerships the caller may see, and the
 * public catalogue of published entries, answered from this instance's in-memory index. Filters: {@code type},
 * {@code purpose}, {@code topic}, {@code region}, {@code status}, {@code organization}, {@code model} (or
 * UNCLASSIFIED), {@code phase}, each repeatable or comma separated (OR within a facet, AND between facets), and
 * {@code q}, free text.
 */
@RestController
@RequestMapping(path = "/catalogue")
public class CatalogueController {

    static final int MAX_SIZE = 200;
    /** Free text, as every search's {@code q} (docs/problems.md). */
    static final int Q_LENGTH = 200;

    private final CatalogueFeed feed;

    public CatalogueController(CatalogueFeed feed) {
        this.feed = feed;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<CatalogueAnswers.Page<CatalogueAnswers.Item>> search(@RequestParam MultiValueMap<String, String> parameters,
                                                                      @RequestParam(defaultValue = "0") int page,
                                                                      @RequestParam(defaultValue = "20") int size, Caller caller) {
        CatalogueQuery query = query(parameters);
        checkPage(page, size);
        return Mono.fromSupplier(() -> CatalogueAnswers.page(feed.index().search(query, visibleTo(caller), page, size), page, size,
                CatalogueAnswers::item));
    }

    /** The same selection in GovLab's columns, then ref, phase, model and level: CSV (default) or JSON. */
    @GetMapping(path = "/export")
    public Mono<ResponseEntity<?>> export(@RequestParam MultiValueMap<String, String> parameters,
                                          @RequestParam(defaultValue = "csv") String format, Caller caller) {
        CatalogueQuery query = query(parameters);
        if (!format.equals("csv") && !format.equals("json")) {
            throw Problem.invalid("enum-value", "format", "format is csv or json, not '" + format + "'.").with("allowed", List.of("csv", "json"))
                    .exception();
        }
        return Mono.fromSupplier(() -> {
            List<CatalogueEntry> selected = feed.index().select(query, visibleTo(caller));
            if (format.equals("json")) {
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(selected.stream().map(CatalogueExport::json).toList());
            }
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"catalogue.csv\"")
                    .body(CatalogueExport.csv(selected));
        });
    }

    /** Published entries only, for anyone (the gateway lets this path through without a key). */
    @GetMapping(path = "/public", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<CatalogueAnswers.Page<CatalogueAnswers.PublicItem>> published(@RequestParam MultiValueMap<String, String> parameters,
                                                                               @RequestParam(defaultValue = "0") int page,
                                                                               @RequestParam(defaultValue = "20") int size) {
        CatalogueQuery query = query(parameters);
        checkPage(page, size);
        return Mono.fromSupplier(() -> CatalogueAnswers.page(feed.index().search(query, CatalogueEntry::published, page, size), page, size,
                CatalogueAnswers::publicItem));
    }

    /** The partnerships the caller may see: its own (partner or steward), its jurisdictions', all for an ADMIN. */
    static Predicate<CatalogueEntry> visibleTo(Caller caller) {
        return e -> caller.maySee(e.partners().stream().map(CatalogueEntry.Partner::ref).toList(), e.steward(), e.jurisdiction());
    }

    static CatalogueQuery query(MultiValueMap<String, String> parameters) {
        Map<Facet, Set<String>> filters = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            for (String given : parameters.getOrDefault(facet.parameter(), List.of())) {
                for (String value : given.split(",")) {
                    if (value.isBlank()) {
                        continue;
                    }
                    String key = facet.key(value).orElseThrow(() -> Problem.invalid("enum-value", facet.parameter(), "'" + value.strip()
                            + "' is not a value of " + facet.parameter() + "; use one of: " + facet.allowed() + ".")
                            .with("allowed", facet.allowed()).exception());
                    filters.computeIfAbsent(facet, f -> new LinkedHashSet<>()).add(key);
                }
            }
        }
        String q = QueryBounds.text(parameters.getFirst("q"), "q", Q_LENGTH);
        return new CatalogueQuery(filters, CatalogueQuery.terms(q));
    }

    static void checkPage(int page, int size) {
        QueryBounds.page(page, size, MAX_SIZE);
    }
}
