/**
 * Skill SPI: register a {@link io.karafimages.spi.skill.Skill} service with {@link io.karafimages.spi.skill.SkillId}
 * and it appears in the skills listing; unregister it and it disappears.
 *
 * <p>2.0.0: typed inputs ({@code Skill<I>}, {@link io.karafimages.spi.skill.Field}), image and mask inputs, values
 * built by builders so they can grow in minor versions; the untyped {@code Map} contract of 1.x is gone.
 */
@Export
@Version("2.2.0")
package io.karafimages.spi.skill;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
