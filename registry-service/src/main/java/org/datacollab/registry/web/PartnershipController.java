package org.datacollab.registry.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.bounds.QueryBounds;
import org.datacollab.contracts.facts.FactTypes;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.problem.Problem;
import org.datacollab.registry.partnership.PartnershipService;
import org.datacollab.registry.partnership.rules.PartnershipAccess;
import org.datacollab.registry.partnership.rules.PartnershipState;
import org.datacollab.registry.partnership.PartnershipView;
import org.datacollab.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/** Partnerships, addressed by ref: form one, record its facts, read its state and its facts. */
@RestController
@RequestMapping(path = "/partnerships", produces = MediaType.APPLICATION_JSON_VALUE)
public class PartnershipController {

    private final PartnershipService partnerships;
    private final VisibleFacts visibleFacts;
    private final EventSize eventSize;

    public PartnershipController(PartnershipService partnerships, VisibleFacts visibleFacts, EventSize eventSize) {
        this.partnerships = partnerships;
        this.visibleFacts = visibleFacts;
        this.eventSize = eventSize;
    }

    /** Form a partnership (the fields of PartnershipFormed). */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "formPartnership", responses = @ApiResponse(responseCode = "201", description = "formed"),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = PartnershipFormed.class))))
    public Mono<ResponseEntity<PartnershipView>> form(@RequestBody(required = false) byte[] body, Caller caller,
                                                      IdempotencyKey idempotencyKey) {
        PartnershipFormed formed = (PartnershipFormed) FactReader.fact("PartnershipFormed", FactReader.tree(body), "");
        eventSize.check(formed.ref(), formed, null);
        return partnerships.form(formed, caller, idempotencyKey.value())
                .then(state(formed.ref(), caller))
                .map(view -> ResponseEntity.created(URI.create("/partnerships/" + view.ref()))
                        .eTag(Versions.etag(view.version())).body(view));
    }

    /** Record a fact named in the body's {@code "fact"} field. */
    @PostMapping(path = "/{ref}/facts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "recordFact", responses = @ApiResponse(responseCode = "201", description = "recorded"),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = FactPaths.UNION_REF))))
    public Mono<ResponseEntity<FactJson.Recorded>> record(@PathVariable String ref,
                                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                            @RequestBody(required = false) byte[] body, Caller caller,
                                                            IdempotencyKey idempotencyKey) {
        JsonNode tree = FactReader.tree(body);
        String factName = tree.path(ContractJson.FACT_FIELD).asText(null);
        if (factName == null) {
            throw new InvalidInput("fact", "required", "'fact' is required: the name of the fact, e.g. DataDelivered.");
        }
        return record(ref, factName, ifMatch, tree, caller, idempotencyKey);
    }

    /** Record a fact of the type named in the path, e.g. {@code POST /partnerships/x/facts/DataDelivered}. */
    @PostMapping(path = "/{ref}/facts/{factName}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(description = "The body is the fact's fields; its \"fact\" field may be left out.",
            responses = @ApiResponse(responseCode = "201", description = "recorded"))
    public Mono<ResponseEntity<FactJson.Recorded>> recordNamed(@PathVariable String ref, @PathVariable String factName,
                                                                 @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                                 @RequestBody(required = false) byte[] body, Caller caller,
                                                            IdempotencyKey idempotencyKey) {
        return record(ref, factName, ifMatch, FactReader.tree(body), caller, idempotencyKey);
    }

    private Mono<ResponseEntity<FactJson.Recorded>> record(String ref, String factName, String ifMatch, JsonNode tree, Caller caller,
                                                             IdempotencyKey idempotencyKey) {
        if ("PartnershipFormed".equals(factName)) {
            throw new InvalidInput("fact", "form-with-post-partnerships", "A partnership is formed with POST /partnerships.");
        }
        PartnershipFact fact = FactReader.fact(factName, tree, "");
        eventSize.check(ref, fact, null);
        return partnerships.record(ref, fact, Versions.expected(ifMatch), caller, idempotencyKey.value())
                .map(version -> ResponseEntity.status(HttpStatus.CREATED).eTag(Versions.etag(version))
                        .body(new FactJson.Recorded(ref, version, FactJson.fact(fact))));
    }

    /** The partnership's state now, or as of the end of a date ({@code ?asOf=2015-05-01}). */
    @GetMapping("/{ref}")
    @Operation(operationId = "getPartnership")
    public Mono<ResponseEntity<PartnershipView>> get(@PathVariable String ref,
                                                     @RequestParam(required = false) LocalDate asOf, Caller caller) {
        Mono<PartnershipView> view = QueryBounds.date(asOf, "asOf") == null ? state(ref, caller) : stateAsOf(ref, asOf, caller);
        return view.map(v -> ResponseEntity.ok().eTag(Versions.etag(v.version())).body(v));
    }

    /** The partnership's facts, paged, optionally of one type, ordered by {@code recorded} (default) or {@code occurredAt}. */
    @GetMapping("/{ref}/facts")
    @Operation(operationId = "listFacts")
    public Mono<FactJson.Page> facts(@PathVariable String ref,
                                           @RequestParam(required = false) String type,
                                           @RequestParam(defaultValue = "recorded") String order,
                                           @RequestParam(defaultValue = "0") int page,
                                           @RequestParam(defaultValue = "50") int size, Caller caller) {
        if (type != null && FactTypes.byName(type).isEmpty()) {
            throw new InvalidInput("type", "known-fact", "'" + type + "' is not a fact; known facts: " + FactTypes.names());
        }
        if (!order.equals("recorded") && !order.equals("occurredAt")) {
            throw new InvalidInput("order", "enum-value", "order is 'recorded' or 'occurredAt'.");
        }
        QueryBounds.page(page, size, 500);
        return visibleFacts.of(ref, caller).map(all -> {
            List<RecordedFact> selected = all.stream()
                    .filter(r -> type == null || r.fact().factName().equals(type))
                    .sorted(order.equals("occurredAt")
                            ? Comparator.comparing((RecordedFact r) -> r.fact().occurredAt()).thenComparingLong(RecordedFact::sequenceNumber)
                            : Comparator.comparingLong(RecordedFact::sequenceNumber))
                    .toList();
            List<FactJson.Item> items = selected.stream().skip((long) page * size).limit(size).map(FactJson::item).toList();
            return new FactJson.Page(ref, page, size, selected.size(), items);
        });
    }

    private Mono<PartnershipView> state(String ref, Caller caller) {
        return visibleFacts.of(ref, caller).map(facts -> PartnershipView.of(PartnershipState.replay(facts.stream().map(RecordedFact::fact).toList())));
    }

    private Mono<PartnershipView> stateAsOf(String ref, LocalDate asOf, Caller caller) {
        Instant end = asOf.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return visibleFacts.of(ref, caller).map(facts -> {
            List<PartnershipFact> then = facts.stream()
                    .map(RecordedFact::fact)
                    .filter(f -> f.occurredAt().isBefore(end))
                    .sorted(Comparator.comparing(PartnershipFact::occurredAt))
                    .toList();
            // before its formation the partnership has no state to show (as the assessment answers for asOf)
            if (then.stream().noneMatch(PartnershipFormed.class::isInstance)) {
                throw Problem.of(HttpStatus.UNPROCESSABLE_CONTENT, "as-of-before-formation", "asOf",
                        "Partnership '" + ref + "' was not yet formed on " + asOf + ".").exception();
            }
            return PartnershipView.of(PartnershipState.replay(then));
        });
    }
}
