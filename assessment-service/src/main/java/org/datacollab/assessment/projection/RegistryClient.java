package org.datacollab.assessment.projection;

import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.deadletter.DependencyUnavailable;
import org.datacollab.security.Caller;
import org.datacollab.security.InternalTokens;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a partnership's recorded facts from the registry's API, to repair a gap in what Kafka delivered. A registry
 * that does not answer is {@link DependencyUnavailable} (the events wait for it); one that answers without the
 * facts makes the event fail on its own (it is set aside after a few attempts).
 */
@Component
@EnableConfigurationProperties(RegistrySettings.class)
public class RegistryClient {

    private static final int PAGE = 500;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI registry;
    private final InternalTokens tokens;

    public RegistryClient(RegistrySettings settings, InternalTokens tokens) {
        this.registry = settings.url();
        this.tokens = tokens;
    }

    /** The facts with sequence numbers in (after, upTo), in order. */
    public List<RecordedFact> facts(String ref, long after, long upTo) {
        List<RecordedFact> found = new ArrayList<>();
        int page = (int) ((after + 1) / PAGE);
        while (true) {
            JsonNode body = get("/partnerships/" + ref + "/facts?order=recorded&size=" + PAGE + "&page=" + page);
            JsonNode items = body.get("items");
            for (JsonNode item : items) {
                long sequence = item.get("sequenceNumber").asLong();
                if (sequence > after && sequence < upTo) {
                    JsonNode fact = item.get("fact");
                    PartnershipFact parsed = parse(fact);
                    found.add(new RecordedFact(item.get("eventId").asText(), ref, sequence,
                            Instant.parse(item.get("recordedAt").asText()), parsed, 0, 1,
                            item.hasNonNull("recordedBy") ? item.get("recordedBy").asText() : null));
                }
            }
            if (items.size() < PAGE || (long) (page + 1) * PAGE >= upTo) {
                return found;
            }
            page++;
        }
    }

    private static PartnershipFact parse(JsonNode fact) {
        try {
            return ContractJson.factFromJson(fact.get(ContractJson.FACT_FIELD).asText(), fact);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable fact from the registry: " + fact, e);
        }
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(registry.resolve(path))
                    .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                    // the assessment reads every partnership: it calls as the system, with a token of its own
                    .header("Authorization", "Bearer " + tokens.mint(Caller.admin("assessment-service"), "gap-repair"))
                    .GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status >= 500 || status == 401 || status == 403 || status == 429) {
                // the registry is down or refuses the service itself: retried without end, never set aside
                throw new DependencyUnavailable("registry answered " + status + " for " + path, null);
            }
            if (status != 200) {
                throw new IllegalStateException("registry answered " + status + " for " + path);
            }
            return ContractJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new DependencyUnavailable("registry unreachable for " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
