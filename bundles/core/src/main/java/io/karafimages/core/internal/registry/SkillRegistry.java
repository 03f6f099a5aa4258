package io.karafimages.core.internal.registry;

import java.util.Comparator;
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
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillDescriptor;

/**
 * The one place that tracks skills. A skill is known by its {@code images.skill.id} service property; when
 * two services claim one id the better-ranked wins, so an operator can override a built-in skill.
 */
@Component(service = { SkillRegistry.class, SkillCatalog.class })
public final class SkillRegistry implements SkillCatalog {
    public static final String SKILL_ID = "images.skill.id";
    private static final Logger LOG = LoggerFactory.getLogger(SkillRegistry.class);

    private final RankedServices<Skill> skills = new RankedServices<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addSkill(Skill skill, Map<String, Object> properties) {
        if (!(properties.get(SKILL_ID) instanceof String id) || id.isBlank()) {
            LOG.warn("Ignoring skill service {} without the {} property", skill, SKILL_ID);
            return;
        }
        skills.add(skill, properties);
        LOG.info("Skill '{}' is available", id);
    }

    public void removeSkill(Skill skill, Map<String, Object> properties) {
        skills.remove(skill);
        LOG.info("Skill '{}' was removed", properties.get(SKILL_ID));
    }

    /** The skill service registered for an id. */
    public Optional<Skill> skill(String id) {
        return skills.first(p -> id.equals(p.get(SKILL_ID)));
    }

    @Override
    public List<SkillInfo> skills() {
        return skills.all().stream().map(SkillRegistry::info).distinct()
                .sorted(Comparator.comparing(SkillInfo::id)).toList();
    }

    @Override
    public Optional<SkillInfo> find(String skillId) {
        return skill(skillId).map(SkillRegistry::info);
    }

    private static SkillInfo info(Skill skill) {
        SkillDescriptor d = skill.descriptor();
        return new SkillInfo(d.id(), d.title(), d.description(), d.async(), d.cost(), d.inputSchema(), d.providers());
    }
}
