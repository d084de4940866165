package org.datacollab.registry.web;

import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.registry.importing.HistoryFormat;
import org.datacollab.registry.partnership.PartnershipService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Import and export of whole histories in the partnership-history/v1 format. */
@RestController
@RequestMapping(path = "/partnerships", produces = MediaType.APPLICATION_JSON_VALUE)
public class HistoryController {

    private final PartnershipService partnerships;
    private final PartnershipController reads;

    public HistoryController(PartnershipService partnerships, PartnershipController reads) {
        this.partnerships = partnerships;
        this.reads = reads;
    }

    /** Records the whole history, or nothing: on failure the problem names the entry's index, its fact and the rule. */
    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, Object>>> importHistory(@RequestBody(required = false) byte[] body) {
        HistoryFormat.History history = HistoryFormat.read(FactReader.tree(body));
        return partnerships.importHistory(history.formed(), history.facts()).map(version -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("ref", history.formed().ref());
            answer.put("version", version);
            answer.put("facts", history.facts().size() + 1);
            return ResponseEntity.created(URI.create("/partnerships/" + history.formed().ref()))
                    .eTag(Versions.etag(version)).body(answer);
        });
    }

    @GetMapping("/{ref}/export")
    public Mono<Map<String, Object>> export(@PathVariable String ref) {
        return reads.existingFacts(ref).map(facts -> HistoryFormat.write(facts.stream().map(RecordedFact::fact).toList()));
    }
}
