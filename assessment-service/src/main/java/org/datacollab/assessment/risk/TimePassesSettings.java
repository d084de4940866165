package org.datacollab.assessment.risk;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The time job ({@code datacollab.assessment.time-passes}); how often it runs is {@code datacollab.assessment.time-check}
 * (PT1M).
 *
 * @param lease how long the instance that ran the job last keeps it (renewed at each run, so longer than the interval):
 *              another instance takes it over once this has passed without a renewal (the holder stopped or paused)
 */
@ConfigurationProperties("datacollab.assessment.time-passes")
public record TimePassesSettings(@DefaultValue("PT3M") Duration lease) {
}
