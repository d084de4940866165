package org.datacollab.bounds;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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
}
