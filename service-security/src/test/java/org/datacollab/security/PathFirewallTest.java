package org.datacollab.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PathFirewallTest {

    @ParameterizedTest
    @ValueSource(strings = {"/%61dmin/api-keys", "/api/%72egistry/partnerships", "/admin/api%2Dkeys", "/x/%7e", "/x/%2e", "/x/%5", "/x/%zz"})
    void percentEncodedOrdinaryCharactersAreFound(String path) {
        assertThat(PathFirewall.encodedOrdinaryCharacter(path)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/api-keys", "/api/notifications/inbox/city/ev-1%7Csub%7Cinapp/acknowledge", "/x/caf%C3%A9", "/x/a%20b"})
    void encodingsThatAreNeededPass(String path) {
        assertThat(PathFirewall.encodedOrdinaryCharacter(path)).isNull();
    }
}
