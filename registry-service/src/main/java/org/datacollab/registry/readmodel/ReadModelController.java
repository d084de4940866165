package org.datacollab.registry.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.datacollab.bounds.QueryBounds;
import org.datacollab.contracts.limits.Limits;
import org.bson.conversions.Bson;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.registry.web.InvalidInput;
import org.datacollab.security.Caller;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.*;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Search over partnerships, and organizations with their partnerships, from the read models. */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
public class ReadModelController {

    private final MongoCollection<Document> summaries;
    private final MongoCollection<Document> organizations;

    public ReadModelController(MongoClient client, @Value("${spring.mongodb.database}") String database) {
        this.summaries = client.getDatabase(database).getCollection("partnership_summaries");
        this.organizations = client.getDatabase(database).getCollection("organizations");
    }

    /** Partnerships by model, phase, jurisdiction, organization (a current partner) and text, paged, by ref. */
    @GetMapping("/partnerships")
    public Mono<Map<String, Object>> search(@RequestParam(required = false) PartnershipModel model,
                                            @RequestParam(required = false) Phase phase,
                                            @RequestParam(required = false) String jurisdiction,
                                            @RequestParam(required = false) String organization,
                                            @RequestParam(required = false) String q,
                                            @RequestParam(defaultValue = "0") int page,
                                            @RequestParam(defaultValue = "20") int size, Caller caller) {
        checkPage(page, size);
        QueryBounds.text(jurisdiction, "jurisdiction", Limits.REF);
        QueryBounds.text(organization, "organization", Limits.REF);
        QueryBounds.text(q, "q", Limits.NAME);
        List<Bson> filters = new ArrayList<>();
        visibleTo(caller).ifPresent(filters::add);
        if (model != null) filters.add(Filters.eq("model", model.name()));
        if (phase != null) filters.add(Filters.eq("phase", phase.name()));
        if (jurisdiction != null) filters.add(Filters.eq("jurisdiction", jurisdiction));
        if (organization != null) filters.add(Filters.eq("partners.ref", organization));
        if (q != null && !q.isBlank()) filters.add(Filters.regex("text", Pattern.quote(q.toLowerCase(Locale.ROOT))));
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        return Mono.fromCallable(() -> page(summaries, filter, page, size, ReadModelController::summary))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The organizations directory. A caller other than an administrator sees the organizations that are
     * partners in the partnerships it may see, each with those partnerships only.
     */
    @GetMapping("/organizations")
    public Mono<Map<String, Object>> organizations(@RequestParam(defaultValue = "0") int page,
                                                   @RequestParam(defaultValue = "20") int size, Caller caller) {
        checkPage(page, size);
        return Mono.fromCallable(() -> {
            Set<String> visible = visibleRefs(caller);
            Bson filter = visible == null ? Filters.exists("name")
                    : Filters.and(Filters.exists("name"), Filters.in("partnerships.ref", visible));
            return page(organizations, filter, page, size, d -> organization(d, visible));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/organizations/{ref}")
    public Mono<Map<String, Object>> organization(@PathVariable String ref, Caller caller) {
        return Mono.fromCallable(() -> {
            Document doc = organizations.find(Filters.eq("_id", ref)).first();
            Set<String> visible = visibleRefs(caller);
            if (doc == null || doc.getString("name") == null || (visible != null && doc.getList("partnerships", Document.class).stream()
                    .noneMatch(p -> visible.contains(p.getString("ref"))) && !ref.equals(caller.organization()))) {
                throw new UnknownOrganization(ref);
            }
            return organization(doc, visible);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The condition on partnership summaries that leaves only those the caller may see; none for an administrator. */
    static java.util.Optional<Bson> visibleTo(Caller caller) {
        if (caller.isAdmin()) {
            return java.util.Optional.empty();
        }
        List<Bson> any = new ArrayList<>();
        if (caller.organization() != null) {
            any.add(Filters.eq("partners.ref", caller.organization()));
            any.add(Filters.eq("steward", caller.organization()));
        }
        if (!caller.jurisdictions().isEmpty()) {
            any.add(Filters.in("jurisdiction", caller.jurisdictions()));
        }
        return java.util.Optional.of(any.isEmpty() ? Filters.eq("_id", null) : Filters.or(any));
    }

    /** The refs the caller may see; null for an administrator (all). */
    private Set<String> visibleRefs(Caller caller) {
        var filter = visibleTo(caller);
        if (filter.isEmpty()) {
            return null;
        }
        Set<String> refs = new java.util.HashSet<>();
        summaries.find(filter.get()).projection(new Document("_id", 1)).forEach(d -> refs.add(d.getString("_id")));
        return refs;
    }

    /** 404 for an organization that does not exist or that the caller has no partnership in common with. */
    public static final class UnknownOrganization extends InvalidInput {
        UnknownOrganization(String ref) {
            super("ref", "unknown-organization", "No organization has ref '" + ref + "'.");
        }
    }

    private static Map<String, Object> page(MongoCollection<Document> collection, Bson filter, int page, int size,
                                            java.util.function.Function<Document, Map<String, Object>> view) {
        List<Map<String, Object>> items = new ArrayList<>();
        collection.find(filter).sort(Sorts.ascending("_id")).skip(page * size).limit(size).forEach(d -> items.add(view.apply(d)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", page);
        body.put("size", size);
        body.put("total", collection.countDocuments(filter));
        body.put("items", items);
        return body;
    }

    private static Map<String, Object> summary(Document d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ref", d.getString("_id"));
        for (String key : List.of("name", "model", "timeframe", "phase", "jurisdiction", "societalIssue", "intendedGoal", "formedAt", "version")) {
            view.put(key, d.get(key));
        }
        view.put("partners", d.getList("partners", Document.class).stream()
                .map(p -> Map.of("ref", p.getString("ref"), "name", p.getString("name"), "roles", p.get("roles"))).toList());
        return view;
    }

    private static Map<String, Object> organization(Document d, Set<String> visible) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ref", d.getString("_id"));
        view.put("name", d.getString("name"));
        view.put("sector", d.getString("sector"));
        view.put("partnerships", d.getList("partnerships", Document.class).stream()
                .filter(p -> visible == null || visible.contains(p.getString("ref"))).map(p -> new LinkedHashMap<>(p)).toList());
        return view;
    }

    private static void checkPage(int page, int size) {
        QueryBounds.page(page, size, 200);
    }
}
