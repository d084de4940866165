package org.datacollab.assessment.catalogue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the searchable catalogue ({@code datacollab.catalogue.*}).
 *
 * @param poll       how often each instance reads the log of changed entries into its in-memory index
 * @param gapTimeout how long a missing number in that log (a change being written, or lost in a crash between
 *                   taking its number and writing it) is waited for before it is passed over
 */
@ConfigurationProperties("datacollab.catalogue")
public record CatalogueSettings(@DefaultValue("PT0.25S") Duration poll, @DefaultValue("PT10S") Duration gapTimeout) {
}
