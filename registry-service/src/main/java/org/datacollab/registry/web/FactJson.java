package org.datacollab.registry.web;

import io.swagger.v3.oas.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.ContractJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the registry writes facts in its answers (a fact recorded, a page of facts, the live stream): one place. */
public final class FactJson {

    private FactJson() {
    }

    /** The answer to a recorded fact: the partnership, its version after it, and the fact as recorded. */
    public record Recorded(String ref, long version, @Schema(ref = FactPaths.UNION_REF) Map<String, Object> fact) {
    }

    /** One recorded fact of a page; {@code recordedBy} is left out where the recorder is unknown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(long sequenceNumber, String eventId, @Schema(format = "date-time") String recordedAt, String recordedBy, @Schema(ref = FactPaths.UNION_REF) Map<String, Object> fact) {
    }

    /** A page of a partnership's facts. */
    public record Page(String ref, int page, int size, int total, List<Item> items) {
    }

    /** One fact on the live stream. */
    public record Live(String ref, long sequenceNumber, String eventId, String recordedAt, @Schema(ref = FactPaths.UNION_REF) Map<String, Object> fact) {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fact(PartnershipFact fact) {
        return ContractJson.mapper().convertValue(ContractJson.factToJson(fact), LinkedHashMap.class);
    }

    static Item item(RecordedFact recorded) {
        return new Item(recorded.sequenceNumber(), recorded.eventId(), recorded.recordedAt().toString(), recorded.recordedBy(),
                fact(recorded.fact()));
    }

    static Live live(RecordedFact recorded) {
        return new Live(recorded.ref(), recorded.sequenceNumber(), recorded.eventId(), recorded.recordedAt().toString(),
                fact(recorded.fact()));
    }
}
