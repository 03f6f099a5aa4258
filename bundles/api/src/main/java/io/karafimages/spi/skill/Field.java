package io.karafimages.spi.skill;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Constraints and documentation of one component of a skill's input record. The runtime reads this one annotation
 * twice: to generate the listing's JSON Schema and to check a bound request, so the schema cannot promise what the
 * runtime does not enforce.
 *
 * <p>Error codes of violations, where {@code <field>} is always the top-level JSON name: a missing or blank required
 * top-level field is {@code <field>_required}; a string longer than {@link #maxLength} is {@code <field>_too_long};
 * anything else (wrong type, out of range, not allowed, too many items, and a missing required field inside a nested
 * object such as {@code image.embed_id}) is {@code invalid_<field>}; {@link #code} overrides all of them. The detail
 * always names the full JSON path.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD })
public @interface Field {
    /** Shown in the schema. */
    String description() default "";

    /** Must be present (and, for strings, not blank). */
    boolean required() default false;

    /** Strings: minimum length in code points. */
    int minLength() default 0;

    /** Strings: maximum length in code points; 0 = none. */
    int maxLength() default 0;

    /** Numbers: inclusive minimum; NaN = none. */
    double min() default Double.NaN;

    /** Numbers: inclusive maximum; NaN = none. */
    double max() default Double.NaN;

    /** Lists: maximum number of items; 0 = none. */
    int maxItems() default 0;

    /** Strings: the only values allowed; empty = any. */
    String[] allowed() default {};

    /** The default as JSON text (e.g. {@code "\"1:1\""}, {@code "0.5"}), shown in the schema; apply it in the record. */
    String defaultValue() default "";

    /** The error code of any violation of this field, instead of the derived ones. */
    String code() default "";
}
