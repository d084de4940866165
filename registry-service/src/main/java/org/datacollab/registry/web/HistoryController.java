package org.datacollab.registry.web;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Import and export of whole histories in the partnership-history/v1 format. */
@RestController
@RequestMapping(path = "/partnerships", produces = MediaType.APPLICATION_JSON_VALUE)
public class HistoryController {

    private final PartnershipService partnerships;
    private final PartnershipController reads;
    private final ProblemHandler problems;
    private final RegistryLimits limits;
    private final EventSize eventSize;

    public HistoryController(PartnershipService partnerships, PartnershipController reads, ProblemHandler problems,
                             RegistryLimits limits, EventSize eventSize) {
        this.partnerships = partnerships;
        this.reads = reads;
        this.problems = problems;
        this.limits = limits;
        this.eventSize = eventSize;
    }

    /** Records the whole history, or nothing: on failure the problem names the entry's index, its fact and the rule. */
    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, Object>>> importHistory(@RequestBody(required = false) byte[] body, Caller caller,
                                                                   @org.springframework.web.bind.annotation.RequestAttribute(name = IdempotencyFilter.ATTRIBUTE, required = false) String idempotencyKey) {
        requireWriter(caller);
        HistoryFormat.History history = read(body);
        return partnerships.importHistory(history.formed(), history.facts(), caller, idempotencyKey).map(version -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("ref", history.formed().ref());
            answer.put("version", version);
            answer.put("facts", history.facts().size() + 1);
            return ResponseEntity.created(URI.create("/partnerships/" + history.formed().ref()))
                    .eTag(Versions.etag(version)).body(answer);
        });
    }

    /**
     * Many histories in one request, one partnership-history/v1 document per line (application/x-ndjson).
     * Each is recorded whole or not at all, independently; the answer has one result per line, in order.
     */
    @PostMapping(path = "/import", consumes = "application/x-ndjson")
    public Mono<Map<String, Object>> importMany(@RequestBody(required = false) byte[] body, Caller caller,
                                                @org.springframework.web.bind.annotation.RequestAttribute(name = IdempotencyFilter.ATTRIBUTE, required = false) String idempotencyKey) {
        requireWriter(caller);
        String text = body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new InvalidInput(null, "body-required", "Send one partnership-history/v1 document per line.");
        }
        if (lines.size() > limits.importLines()) {
            throw Problem.tooLarge("import-size", null, "This import holds " + lines.size() + " histories; one request takes at most "
                    + limits.importLines() + ". Send them in several requests.").with("limit", limits.importLines()).exception();
        }
        return reactor.core.publisher.Flux.range(0, lines.size())
                .concatMap(line -> importOne(line, lines.get(line), caller, idempotencyKey == null ? null : idempotencyKey + "#" + line))
                .collectList()
                .map(results -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("imported", results.stream().filter(r -> "imported".equals(r.get("status"))).count());
                    answer.put("rejected", results.stream().filter(r -> !"imported".equals(r.get("status"))).count());
                    answer.put("results", results);
                    return answer;
                });
    }

    private Mono<Map<String, Object>> importOne(int line, String json, Caller caller, String idempotencyKey) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("line", line);
        return Mono.defer(() -> {
                    HistoryFormat.History history = read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    result.put("ref", history.formed().ref());
                    return partnerships.importHistory(history.formed(), history.facts(), caller, idempotencyKey);
                })
                .map(version -> {
                    result.put("status", "imported");
                    result.put("version", version);
                    return result;
                })
                .onErrorResume(e -> Mono.just(problems.problemOf(e)).map(problem -> {
                    result.put("status", "rejected");
                    result.put("problem", problem);
                    return result;
                }));
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
            throw org.datacollab.registry.partnership.rules.AccessRefused.notPermitted(null,
                    "Importing histories takes the STEWARD role; this key has " + caller.roles() + ".");
        }
    }

    @GetMapping("/{ref}/export")
    public Mono<Map<String, Object>> export(@PathVariable String ref, Caller caller) {
        return reads.existingFacts(ref, caller).map(facts -> HistoryFormat.write(facts.stream().map(RecordedFact::fact).toList()));
    }
}
