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

    public static void main(String[] args) {
        SpringApplication.run(RegistryApplication.class, args);
    }
}
