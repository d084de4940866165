package org.datacollab.assessment;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;

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

    /**
     * "Now" for the current assessment: the system's, or the system's offset by {@code datacollab.clock.offset} (none by
     * default), so that a test can let a day pass for running instances (the fault suite turns both assessment
     * instances' day over while it runs, so that their time job has partnerships to re-evaluate; decision 0063). Tests
     * in this module replace the bean instead.
     */
    @Bean
    Clock clock(@Value("${datacollab.clock.offset:PT0S}") Duration offset) {
        if (offset.isZero()) {
            return Clock.systemUTC();
        }
        LoggerFactory.getLogger(AssessmentApplication.class)
                .warn("this instance's clock is offset by {} from the system's (datacollab.clock.offset)", offset);
        return Clock.offset(Clock.systemUTC(), offset);
    }
}
