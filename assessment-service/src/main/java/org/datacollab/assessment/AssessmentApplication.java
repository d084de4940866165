package org.datacollab.assessment;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** Projects partnership events into assessments and announces changes of sustainability risk. */
@SpringBootApplication
// its API is called through the gateway, which routes /api/assessment/** here (docs/openapi/assessment.json)
@OpenAPIDefinition(info = @Info(title = "DataCollab Registry: assessment", version = "1"),
        servers = @Server(url = "/api/assessment", description = "through the gateway"))
@EnableScheduling
public class AssessmentApplication {

    public static void main(String[] args) {
        SpringApplication.run(AssessmentApplication.class, args);
    }

    /** "Now" for the current assessment; tests replace it to let time pass. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
