package org.datacollab.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.registry.eventstore.AggregateCacheSettings;
import org.datacollab.registry.publishing.PublicationSettings;
import org.datacollab.registry.publishing.TopicSettings;
import org.datacollab.registry.web.LiveSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry's settings records: their defaults are the ones the service always had, a value out of bounds stops
 * the service when it starts (binding fails), and each is described in the configuration metadata.
 */
class SettingsTest {

    @Test
    void theDefaultsAreTheSettingsTheRegistryRunsWith() {
        assertThat(bind(PublicationSettings.class, "datacollab.publication", Map.of()))
                .isEqualTo(new PublicationSettings(1, 200, Duration.ofSeconds(30)));
        assertThat(bind(TopicSettings.class, "datacollab.topics", Map.of())).isEqualTo(new TopicSettings(4, (short) 1));
        assertThat(bind(AggregateCacheSettings.class, "datacollab.aggregate-cache", Map.of()))
                .isEqualTo(new AggregateCacheSettings(10_000, Duration.ofMinutes(30)));
        assertThat(bind(LiveSettings.class, "datacollab.registry.live", Map.of("datacollab.registry.live.window", "20")))
                .isEqualTo(new LiveSettings(20));
    }

    @Test
    void aValueOutOfBoundsStopsTheStart() {
        assertThatThrownBy(() -> bind(PublicationSettings.class, "datacollab.publication", Map.of("datacollab.publication.segments", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("segments and batch-size take 1 or more");
        assertThatThrownBy(() -> bind(TopicSettings.class, "datacollab.topics", Map.of("datacollab.topics.replicas", "0")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(AggregateCacheSettings.class, "datacollab.aggregate-cache", Map.of("datacollab.aggregate-cache.idle", "PT0S")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(LiveSettings.class, "datacollab.registry.live", Map.of("datacollab.registry.live.window", "-1")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void everySettingIsDescribedInTheConfigurationMetadata() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's metadata").isNotNull();
            metadata = ContractJson.mapper().readTree(in);
        }
        List<String> described = new ArrayList<>();
        metadata.get("properties").forEach(p -> {
            if (p.hasNonNull("description")) {
                described.add(p.get("name").asText());
            }
        });
        assertThat(described).contains("datacollab.publication.segments", "datacollab.publication.batch-size",
                "datacollab.publication.ack-timeout", "datacollab.topics.partitions", "datacollab.topics.replicas",
                "datacollab.aggregate-cache.size", "datacollab.aggregate-cache.idle", "datacollab.registry.live.window");
    }

    private static <T> T bind(Class<T> type, String prefix, Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
    }
}
