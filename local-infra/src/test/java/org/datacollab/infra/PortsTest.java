package org.datacollab.infra;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OS may hand the same free port out again once its socket is closed; CI met it (Kafka's broker and controller
 * listeners were given one port). Ports answers each port once per JVM.
 */
class PortsTest {

    @Test
    void noPortIsHandedOutTwice() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            int port = Ports.free();
            assertThat(seen.add(port)).as("port %d handed out again (call %d)", port, i).isTrue();
        }
    }
}
