package org.datacollab.registry;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The registry: the source of truth for every partnership's facts. */
@SpringBootApplication
// its API is called through the gateway, which routes /api/registry/** here (docs/openapi/registry.json)
@OpenAPIDefinition(info = @Info(title = "DataCollab Registry: registry", version = "1"),
        servers = @Server(url = "/api/registry", description = "through the gateway"))
@ConfigurationPropertiesScan
@EnableScheduling
public class RegistryApplication {

    /**
     * Axon's update checker reports the framework's version and a machine identifier to AxonIQ every minute and
     * writes a file into the home directory: the registry calls no one its operators did not configure (decision
     * 0065). Set here, before Axon starts, so that every way of running it (jar, image, tests) is covered; an
     * operator who wants the check sets {@code AXONIQ_UPDATE_CHECKER_DISABLED=false}.
     */
    static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    static {
        if (System.getProperty(UPDATE_CHECKER_DISABLED) == null && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(UPDATE_CHECKER_DISABLED, "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(RegistryApplication.class, args);
    }
}
