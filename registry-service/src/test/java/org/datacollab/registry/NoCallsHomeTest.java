package org.datacollab.registry;

import org.axonframework.updates.configuration.UsagePropertyProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running registry has Axon's update checker off (decision 0065): what Axon itself reads, from the system
 * property, the environment and the properties file in that order, says disabled.
 */
class NoCallsHomeTest extends RegistryIntegrationTest {

    @Test
    void axonsUpdateCheckerIsOffInTheRunningRegistry() {
        assertThat(System.getProperty(RegistryApplication.UPDATE_CHECKER_DISABLED)).isEqualTo("true");
        assertThat(UsagePropertyProvider.create().getDisabled()).isTrue();
    }
}
