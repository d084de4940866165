package org.datacollab.assessment;

import org.datacollab.testsupport.ApiDocuments;
import org.junit.jupiter.api.Test;

/** What the assessment service serves at /v3/api-docs is docs/openapi/assessment.json, from which the Java client is generated. */
class ApiDocumentTest extends AssessmentIntegrationTest {

    @Test
    void theServedDocumentIsTheCommittedOne() throws Exception {
        byte[] served = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        ApiDocuments.assertServedAsCommitted("assessment", "assessment-service", served);
    }
}
