/**
 * Skill SPI: register a {@link io.karafimages.spi.skill.Skill} service (with {@link io.karafimages.spi.skill.SkillId}) and it appears in the skills listing; unregister it and it disappears.
 */
@Export
@Version("1.1.0")
package io.karafimages.spi.skill;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
