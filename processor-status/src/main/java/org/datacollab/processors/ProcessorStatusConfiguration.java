package org.datacollab.processors;

import org.datacollab.audit.AuditTrail;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;

import java.util.List;

/**
 * {@code /admin/processors} in every service that depends on this module: the last errors, a Kafka admin client
 * to measure consumer groups (where the service talks to Kafka), and the listener containers' error handler
 * made to report each failed delivery of a record (by its topic) as the last error.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class ProcessorStatusConfiguration {

    @Bean
    public LastErrors lastErrors() {
        return new LastErrors();
    }

    @Bean
    public ProcessorsController processorsController(List<ProcessorSource> sources, AuditTrail audit) {
        return new ProcessorsController(sources, audit);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnBean(KafkaAdmin.class)
    public KafkaConsumerProgress kafkaConsumerProgress(KafkaAdmin kafkaAdmin) {
        return new KafkaConsumerProgress(Admin.create(kafkaAdmin.getConfigurationProperties()));
    }

    @Bean
    public static BeanPostProcessor lastErrorOfRecords(ObjectProvider<LastErrors> lastErrors) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DefaultErrorHandler handler) {
                    handler.setRetryListeners(new RetryListener() {
                        @Override
                        public void failedDelivery(ConsumerRecord<?, ?> record, Exception error, int attempt) {
                            lastErrors.getObject().record(record.topic(), error);
                        }

                        @Override
                        public void failedDelivery(ConsumerRecords<?, ?> records, Exception error, int attempt) {
                            records.partitions().forEach(p -> lastErrors.getObject().record(p.topic(), error));
                        }
                    });
                }
                return bean;
            }
        };
    }
}
