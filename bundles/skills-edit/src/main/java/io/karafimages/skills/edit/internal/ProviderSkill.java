package io.karafimages.skills.edit.internal;

import io.karafimages.api.Cost;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ProviderCatalog;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillDescriptor;

/**
 * What the provider-backed editing skills share: the listing, the submit-time checks (a model that can do the
 * operation, no vector output yet) and the estimate. A subclass is a DS component that adds its input record and
 * {@code run}.
 *
 * @param <I> the input record, which implements {@link EditInput}
 */
abstract class ProviderSkill<I extends ProviderSkill.EditInput> implements Skill<I> {

    /** The components every editing input has; records implement it with their own components. */
    interface EditInput {
        ImageRef image();

        String model();

        /** Null when the skill does not offer vector output. */
        default Boolean vector() {
            return null;
        }

        /** Null when the skill has no draft tier. */
        default Boolean draft() {
            return null;
        }
    }

    protected final ProviderEdit edit;
    private final Class<I> type;
    private final String title;
    private final String description;

    ProviderSkill(Class<I> type, ProviderCatalog providers, ImageOperation operation, String title,
            String description) {
        this.type = type;
        this.edit = new ProviderEdit(providers, operation);
        this.title = title;
        this.description = description;
    }

    @Override
    public final Class<I> inputType() {
        return type;
    }

    @Override
    public final SkillDescriptor descriptor() {
        return edit.descriptor(title, description);
    }

    @Override
    public I normalize(I in) {
        edit.check(in.model(), in.vector());
        return in;
    }

    @Override
    public final Cost estimate(I in) {
        return edit.estimate(in.model(), draft(in));
    }

    static boolean draft(EditInput in) {
        return Boolean.TRUE.equals(in.draft());
    }
}
