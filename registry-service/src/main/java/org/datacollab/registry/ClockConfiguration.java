package org.datacollab.registry;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * The registry's clock: the system's, or the system's offset by {@code datacollab.clock.offset} (e.g. {@code PT5S};
 * none by default), so that one instance can run with a clock that disagrees with the others', as pods' clocks do
 * (the fault suite runs one a few seconds ahead, decision 0062). It stamps events (Axon's event clock), times the
 * processors' token claims (Axon's token clock) and the Idempotency-Key's in-progress marks.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClockConfiguration.class);

    @Bean
    public Clock registryClock(@Value("${datacollab.clock.offset:PT0S}") Duration offset) {
        if (offset.isZero()) {
            return Clock.systemUTC();
        }
        Clock clock = Clock.offset(Clock.systemUTC(), offset);
        // Axon reads both from static fields; set once here, before any processor starts or any event is stamped
        GenericEventMessage.clock = clock;
        AbstractTokenEntry.clock = clock;
        log.warn("this instance's clock is offset by {} from the system's (datacollab.clock.offset)", offset);
        return clock;
    }
}
