package org.datacollab.assessment.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the assessment creates the topics it reads and writes ({@code partnership-events}, {@code sustainability-risks})
 * when they do not exist yet ({@code datacollab.topics.*}, the same keys the registry reads); an existing topic is
 * left as it is. Checked when the service starts.
 *
 * @param partitions each topic's partitions: the most instances that read it at once
 * @param replicas   each topic's replicas (3 in production, 1 on a single broker)
 */
@ConfigurationProperties("datacollab.topics")
public record TopicSettings(@DefaultValue("4") int partitions, @DefaultValue("1") short replicas) {

    public TopicSettings {
        if (Math.min(partitions, replicas) < 1) {
            throw new IllegalArgumentException("datacollab.topics.partitions and .replicas take 1 or more");
        }
    }
}
