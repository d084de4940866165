package org.datacollab.security;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

/**
 * The API descriptions leave the {@link Caller} parameter out: it comes from the authenticated principal (the
 * internal token, or the gateway's own authentication), not from the request, and would otherwise be documented
 * as a required query parameter named {@code caller}.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springdoc.core.utils.SpringDocUtils")
public class CallerApiDocumentation {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }
}
