package org.datacollab.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the audit trail is kept ({@code datacollab.audit.*}), checked when the service starts.
 *
 * @param database the MongoDB database of the trail, shared by the gateway and every service (one trail to read)
 */
@ConfigurationProperties("datacollab.audit")
public record AuditSettings(@DefaultValue("audit") String database) {

    public AuditSettings {
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("datacollab.audit.database takes a database name");
        }
    }
}
