package org.datacollab.bounds;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;

/** Every reactive service (and the gateway) bounds its request bodies ({@link BodyLimitFilter}) and its streams ({@link StreamGate}). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties({BodyLimits.class, StreamLimits.class})
public class BoundsConfiguration {

    @Bean
    public BodyLimitFilter bodyLimitFilter(BodyLimits limits) {
        return new BodyLimitFilter(limits);
    }

    @Bean
    public StreamGate streamGate(StreamLimits limits) {
        return new StreamGate(limits);
    }

    /**
     * Request bodies read strictly: a field the request does not have (a misspelt channel would otherwise leave a
     * subscription without it) is 400 known-field, and a name given twice (which one the sender meant is a guess)
     * 400 malformed-json, as the registry reads facts.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapperBuilderCustomizer.class)
    static class StrictJson {

        @Bean
        JsonMapperBuilderCustomizer strictRequestBodies() {
            return builder -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        }
    }
}
