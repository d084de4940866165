package org.datacollab.registry;

import org.datacollab.testsupport.ApiDocuments;
import org.junit.jupiter.api.Test;

/** What the registry serves at /v3/api-docs is docs/openapi/registry.json, from which the Java client is generated. */
class ApiDocumentTest extends RegistryIntegrationTest {

    @Test
    void theServedDocumentIsTheCommittedOne() throws Exception {
        byte[] served = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        ApiDocuments.assertServedAsCommitted("registry", "registry-service", served);
    }
}
