package org.datacollab.registry.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the registry creates {@code partnership-events} when it does not exist yet ({@code datacollab.topics.*});
 * an existing topic is left as it is.
 *
 * @param partitions the topic's partitions: the most consumers of one group that read it at once
 * @param replicas   the topic's replicas (3 in production, 1 on a single broker)
 */
@ConfigurationProperties("datacollab.topics")
public record TopicSettings(@DefaultValue("4") int partitions, @DefaultValue("1") short replicas) {

    public TopicSettings {
        if (partitions < 1 || replicas < 1) {
            throw new IllegalArgumentException("datacollab.topics: partitions and replicas take 1 or more (were "
                    + partitions + ", " + replicas + ")");
        }
    }
}
