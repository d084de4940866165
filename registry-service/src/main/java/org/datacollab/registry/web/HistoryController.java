package org.datacollab.registry.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.registry.importing.HistoryFormat;
import org.datacollab.registry.partnership.PartnershipService;
import org.datacollab.problem.Problem;
import org.datacollab.problem.ProblemHandler;
import org.datacollab.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import org.datacollab.registry.partnership.rules.AccessRefused;
import reactor.core.publisher.Flux;

/** Import and export of whole histories in the partnership-history/v1 format. */
@RestController
@RequestMapping(path = "/partnerships", produces = MediaType.APPLICATION_JSON_VALUE)
public class HistoryController {

    private static final String IMPORTED = "imported";

    private final PartnershipService partnerships;
    private final VisibleFacts visibleFacts;
    private final ProblemHandler problems;
    private final RegistryLimits limits;
    private final EventSize eventSize;

    public HistoryController(PartnershipService partnerships, VisibleFacts visibleFacts, ProblemHandler problems,
                             RegistryLimits limits, EventSize eventSize) {
        this.partnerships = partnerships;
        this.visibleFacts = visibleFacts;
        this.problems = problems;
        this.limits = limits;
        this.eventSize = eventSize;
    }

    /** The answer to one imported history: its partnership, its version and how many facts it recorded. */
    public record Imported(String ref, long version, int facts) {
    }

    /** The answer to an NDJSON import: how many histories were imported and refused, and each line's result. */
    public record ImportedMany(long imported, long rejected, List<LineResult> results) {
    }

    /** One line of an NDJSON import: imported (its version) or rejected (its problem); ref once the line was read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineResult(int line, String ref, String status, Long version, Problem problem) {
    }

    /** Records the whole history, or nothing: on failure the problem names the entry's index, its fact and the rule. */
    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "importHistory", responses = @ApiResponse(responseCode = "201", description = "recorded"),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(type = "object", description = "A partnership-history/v1 document (docs/history-format.md)"))))
    public Mono<ResponseEntity<Imported>> importHistory(@RequestBody(required = false) byte[] body, Caller caller,
                                                                   IdempotencyKey idempotencyKey) {
        requireWriter(caller);
        HistoryFormat.History history = read(body);
        return partnerships.importHistory(history.formed(), history.facts(), caller, idempotencyKey.value()).map(version ->
                ResponseEntity.created(URI.create("/partnerships/" + history.formed().ref())).eTag(Versions.etag(version))
                        .body(new Imported(history.formed().ref(), version, history.facts().size() + 1)));
    }

    /**
     * Many histories in one request, one partnership-history/v1 document per line (application/x-ndjson).
     * Each is recorded whole or not at all, independently; the answer has one result per line, in order.
     */
    @PostMapping(path = "/import", consumes = "application/x-ndjson")
    @Operation(operationId = "importHistories", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string",
                    description = "One partnership-history/v1 document per line"))))
    public Mono<ImportedMany> importMany(@RequestBody(required = false) byte[] body, Caller caller,
                                                IdempotencyKey idempotencyKey) {
        requireWriter(caller);
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new InvalidInput(null, "body-required", "Send one partnership-history/v1 document per line.");
        }
        if (lines.size() > limits.importLines()) {
            throw Problem.tooLarge("import-size", null, "This import holds " + lines.size() + " histories; one request takes at most "
                    + limits.importLines() + ". Send them in several requests.").with("limit", limits.importLines()).exception();
        }
        return Flux.range(0, lines.size())
                .concatMap(line -> importOne(line, lines.get(line), caller, idempotencyKey.part(line)))
                .collectList()
                .map(results -> new ImportedMany(results.stream().filter(r -> IMPORTED.equals(r.status())).count(),
                        results.stream().filter(r -> !IMPORTED.equals(r.status())).count(), results));
    }

    private Mono<LineResult> importOne(int line, String json, Caller caller, IdempotencyKey idempotencyKey) {
        // the ref, once the line was read, is named in its result whether it was imported or rejected
        String[] ref = new String[1];
        return Mono.defer(() -> {
                    HistoryFormat.History history = read(json.getBytes(StandardCharsets.UTF_8));
                    ref[0] = history.formed().ref();
                    return partnerships.importHistory(history.formed(), history.facts(), caller, idempotencyKey.value());
                })
                .map(version -> new LineResult(line, ref[0], IMPORTED, version, null))
                .onErrorResume(e -> Mono.just(new LineResult(line, ref[0], "rejected", null, problems.problemOf(e))));
    }

    /**
     * One history document, within the import bounds before any of its facts is read (413 body-size, history-size),
     * and each of its facts within what partnership-events takes (413 event-size).
     */
    private HistoryFormat.History read(byte[] body) {
        long maxBytes = limits.historyBytes().toBytes();
        if (body != null && body.length > maxBytes) {
            throw Problem.tooLarge("body-size", null, "This history is " + body.length + " bytes; one history takes at most "
                    + maxBytes + ".").with("limit", maxBytes).exception();
        }
        JsonNode tree = FactReader.tree(body);
        int entries = tree.path("history").size();
        if (entries > limits.historyFacts()) {
            throw Problem.tooLarge("history-size", "history", "This history holds " + entries + " entries; one import takes at most "
                    + limits.historyFacts() + ".").with("limit", limits.historyFacts()).exception();
        }
        HistoryFormat.History history = HistoryFormat.read(tree);
        String ref = history.formed().ref();
        eventSize.check(ref, history.formed(), "partnership");
        for (int i = 0; i < history.facts().size(); i++) {
            eventSize.check(ref, history.facts().get(i), "history[" + i + "]");
        }
        return history;
    }

    /** Importing takes STEWARD (or ADMIN), checked before the body is even read. */
    private static void requireWriter(Caller caller) {
        if (!caller.mayWrite()) {
            throw AccessRefused.notPermitted(null,
                    "Importing histories takes the STEWARD role; this key has " + caller.roles() + ".");
        }
    }

    @GetMapping("/{ref}/export")
    @Operation(operationId = "exportHistory")
    public Mono<Map<String, Object>> export(@PathVariable String ref, Caller caller) {
        return visibleFacts.of(ref, caller).map(facts -> HistoryFormat.write(facts.stream().map(RecordedFact::fact).toList()));
    }
}
