package org.datacollab.testsupport.machine;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class or method that needs more of the machine than a JDK. Where a capability is absent it is skipped,
 * with the reason, and listed in the build's summary of skips; with {@code -Ddatacollab.require-all=true} (CI)
 * it fails instead, so that CI always runs everything.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RequiresCondition.class)
public @interface Requires {

    Capability[] value();
}
