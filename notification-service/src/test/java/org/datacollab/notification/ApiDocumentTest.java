package org.datacollab.notification;

import org.datacollab.testsupport.ApiDocuments;
import org.junit.jupiter.api.Test;

/** What the notification service serves at /v3/api-docs is docs/openapi/notification.json, from which the Java client is generated. */
class ApiDocumentTest extends NotificationIntegrationTest {

    @Test
    void theServedDocumentIsTheCommittedOne() throws Exception {
        byte[] served = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        ApiDocuments.assertServedAsCommitted("notification", "notification-service", served);
    }
}
