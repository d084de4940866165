package org.datacollab.gateway.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key that issues the first keys ({@code datacollab.gateway.bootstrap-admin-key}).
 *
 * @param bootstrapAdminKey an ADMIN key that is never stored, only compared by its hash ({@code BOOTSTRAP_ADMIN_KEY});
 *                          empty: none (keys are then issued with a stored ADMIN key only)
 */
@ConfigurationProperties("datacollab.gateway")
public record BootstrapKeySettings(@DefaultValue("") String bootstrapAdminKey) {
}
