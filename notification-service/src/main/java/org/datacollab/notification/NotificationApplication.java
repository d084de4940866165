package org.datacollab.notification;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Turns risk changes into alerts for the stakeholders who subscribed, once each. */
@SpringBootApplication
// its API is called through the gateway, which routes /api/notifications/** here (docs/openapi/notification.json)
@OpenAPIDefinition(info = @Info(title = "DataCollab Registry: notifications", version = "1"),
        servers = @Server(url = "/api/notifications", description = "through the gateway"))
@ConfigurationPropertiesScan
@EnableScheduling
public class NotificationApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
