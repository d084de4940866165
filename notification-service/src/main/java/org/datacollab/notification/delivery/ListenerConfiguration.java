package org.datacollab.notification.delivery;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A risk change whose deliveries cannot be enqueued (MongoDB unreachable) is retried with backoff, without
 * end: Spring Kafka's default would skip it after ten quick attempts, and the alert would be lost. A record
 * that cannot be decoded is not retried.
 */
@Configuration(proxyBeanMethods = false)
public class ListenerConfiguration {

    @Bean
    DefaultErrorHandler errorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        // a record that cannot be decoded would block its partition for ever: it is logged and skipped
        handler.addNotRetryableExceptions(IllegalArgumentException.class);
        return handler;
    }
}
