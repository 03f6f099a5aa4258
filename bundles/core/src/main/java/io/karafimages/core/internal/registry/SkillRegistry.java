package io.karafimages.core.internal.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.SkillCatalog;
import io.karafimages.api.SkillInfo;
import io.karafimages.core.internal.input.InputSchemas;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillDescriptor;

/**
 * The one place that tracks skills. A skill is known only by its {@code images.skill.id} service property. When
 * several services claim one id, the highest {@code service.ranking} (then the oldest service) wins, is listed and
 * runs; the others are shadowed: not listed, reported by {@link #shadowed()} and in the log, as the Aries JAX-RS
 * whiteboard reports duplicate names. The input schema is generated from the skill's input type.
 */
@Component(service = { SkillRegistry.class, SkillCatalog.class })
public final class SkillRegistry implements SkillCatalog {
    public static final String SKILL_ID = "images.skill.id";
    private static final Logger LOG = LoggerFactory.getLogger(SkillRegistry.class);

    /** A skill service that lost its id to a better-ranked one. */
    public record Shadowed(String id, String service) {
    }

    private final RankedServices<Skill<?>> skills = new RankedServices<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addSkill(Skill<?> skill, Map<String, Object> properties) {
        if (!(properties.get(SKILL_ID) instanceof String id) || id.isBlank()) {
            LOG.warn("Ignoring skill service {} without the {} property", skill, SKILL_ID);
            return;
        }
        skills.add(skill, properties);
        skill(id).filter(winner -> winner != skill).ifPresentOrElse(
                winner -> LOG.warn("Skill '{}' of {} is shadowed by the better-ranked {}", id, skill, winner),
                () -> LOG.info("Skill '{}' is available", id));
    }

    public void removeSkill(Skill<?> skill, Map<String, Object> properties) {
        skills.remove(skill);
        LOG.info("Skill service '{}' ({}) was removed", properties.get(SKILL_ID), skill);
    }

    /** The skill service that answers an id. */
    public Optional<Skill<?>> skill(String id) {
        return skills.first(p -> id.equals(p.get(SKILL_ID)));
    }

    @Override
    public List<SkillInfo> skills() {
        Map<String, SkillInfo> byId = new LinkedHashMap<>();
        skills.entries().forEach(e -> byId.computeIfAbsent((String) e.getValue().get(SKILL_ID),
                id -> info(id, e.getKey())));
        return byId.values().stream().sorted(java.util.Comparator.comparing(SkillInfo::id)).toList();
    }

    /** Services whose id is answered by a better-ranked one; empty when every id is unique. */
    public List<Shadowed> shadowed() {
        Map<String, Skill<?>> winners = new LinkedHashMap<>();
        return skills.entries().stream().filter(e -> winners.putIfAbsent((String) e.getValue().get(SKILL_ID),
                e.getKey()) != null).map(e -> new Shadowed((String) e.getValue().get(SKILL_ID),
                        e.getKey().getClass().getName())).toList();
    }

    @Override
    public Optional<SkillInfo> find(String skillId) {
        return skill(skillId).map(s -> info(skillId, s));
    }

    private static SkillInfo info(String id, Skill<?> skill) {
        SkillDescriptor d = skill.descriptor();
        return new SkillInfo(id, d.title(), d.description(), true, d.cost(), InputSchemas.of(skill.inputType()),
                d.providers());
    }
}
