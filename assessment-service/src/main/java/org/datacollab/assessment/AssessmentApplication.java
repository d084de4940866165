package org.datacollab.assessment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** Projects partnership events into assessments and announces changes of sustainability risk. */
@SpringBootApplication
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
