package org.datacollab.audit;

import com.mongodb.client.MongoClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** An {@link AuditTrail} in every service and the gateway that has a MongoDB client. */
@AutoConfiguration(afterName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
@ConditionalOnClass(MongoClient.class)
@EnableConfigurationProperties(AuditSettings.class)
public class AuditConfiguration {

    @Bean
    @ConditionalOnBean(MongoClient.class)
    @ConditionalOnMissingBean
    public AuditTrail auditTrail(MongoClient client, AuditSettings settings,
                                 @Value("${spring.application.name:unknown}") String service) {
        return new AuditTrail(client.getDatabase(settings.database()).getCollection("entries"), service, Clock.systemUTC());
    }
}
