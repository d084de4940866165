package org.datacollab.contracts.limits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The most characters a text field of the published language may hold; on a list of texts, each item's.
 * A text without it may hold {@link Limits#TEXT}. Checked by {@link Limits#check}, written into the JSON Schemas
 * as {@code maxLength}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface MaxLength {

    int value();
}
