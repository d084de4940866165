package org.datacollab.deadletter;

import org.datacollab.audit.AuditTrail;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A service with {@code datacollab.dead-letters.topic} sets poison records aside there (decision 0032): its
 * listeners' error handler tries such a record {@code attempts} times, then hands it to the {@link
 * DeadLetterRecoverer} and goes on with the records behind it; a record whose dependency is unreachable is retried
 * without end. With a {@link DeadLetterHandler}, {@code /admin/dead-letters} lists and replays them.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnProperty("datacollab.dead-letters.topic")
@EnableConfigurationProperties(DeadLetterSettings.class)
public class DeadLetterConfiguration {

    @Bean
    public DeadLetterRecoverer deadLetterRecoverer(KafkaTemplate<?, ?> template, DeadLetterSettings settings, MeterRegistry meters) {
        return new DeadLetterRecoverer(template, settings, meters);
    }

    /** Picked up by Spring Boot's listener container factory. */
    @Bean
    public DefaultErrorHandler deadLetterErrorHandler(DeadLetterRecoverer recoverer, DeadLetterSettings settings) {
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(settings.backoff().toMillis(), Math.max(0, settings.attempts() - 1)));
        handler.setBackOffFunction((record, failure) -> Failures.dependencyUnreachable(failure) ? unreachable(settings) : null);
        return handler;
    }

    private static ExponentialBackOff unreachable(DeadLetterSettings settings) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(settings.unreachableBackoff().toMillis());
        return backOff;
    }

    @Bean
    public NewTopic deadLetterTopic(DeadLetterSettings settings) {
        return TopicBuilder.name(settings.topic()).partitions(1).replicas(settings.replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(settings.retention().toMillis())).build();
    }

    @Bean
    @SuppressWarnings("unchecked")
    public DeadLetterLog deadLetterLog(ConsumerFactory<?, ?> consumers, MongoClient mongo,
                                       @Value("${spring.mongodb.database}") String database, DeadLetterSettings settings) {
        return new DeadLetterLog((ConsumerFactory<String, byte[]>) consumers, mongo, database, settings);
    }

    @Bean
    @ConditionalOnBean(DeadLetterHandler.class)
    public DeadLetterController deadLetterController(DeadLetterLog log, DeadLetterHandler handler, AuditTrail audit) {
        return new DeadLetterController(log, handler, audit);
    }
}
