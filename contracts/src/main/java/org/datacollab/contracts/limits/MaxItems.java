package org.datacollab.contracts.limits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The most items a list of the published language may hold; a list without it may hold {@link Limits#ITEMS}.
 * Checked by {@link Limits#check}, written into the JSON Schemas as {@code maxItems}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface MaxItems {

    int value();
}
