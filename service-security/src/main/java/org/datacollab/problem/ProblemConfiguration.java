package org.datacollab.problem;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerCodecConfigurer;

import java.util.List;

/** Every reactive service (and the gateway) answers errors as problems: {@link ProblemHandler}, {@link ProblemResponses}. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ProblemConfiguration {

    @Bean
    public ProblemResponses problemResponses(ServerCodecConfigurer codecs) {
        return new ProblemResponses(codecs);
    }

    @Bean
    public ProblemHandler problemHandler(ObjectProvider<ProblemMapping> mappings, ProblemResponses responses) {
        List<ProblemMapping> ordered = mappings.orderedStream().toList();
        return new ProblemHandler(ordered, responses);
    }
}
