package io.karafimages.spi.skill;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/** Component property type: the {@code images.skill.id} service property of a {@link Skill}. */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SkillId {
    String PREFIX_ = "images.";

    /** The skill id, snake_case; also the REST path segment. */
    String value();
}
