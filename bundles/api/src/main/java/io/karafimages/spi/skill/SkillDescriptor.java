package io.karafimages.spi.skill;

import java.util.List;
import java.util.Objects;

import io.karafimages.api.Cost;

/**
 * How a skill presents itself in the listing. The id is not part of it (it comes from {@link SkillId}) and neither
 * is the input schema (it is generated from {@link Skill#inputType()}). Immutable; build with {@link #builder}.
 */
public final class SkillDescriptor {
    private final String title;
    private final String description;
    private final Cost cost;
    private final List<String> providers;
    private final String resultType;

    private SkillDescriptor(Builder b) {
        this.title = Objects.requireNonNull(b.title, "title");
        this.description = b.description == null ? "" : b.description;
        this.cost = b.cost == null ? Cost.FREE : b.cost;
        this.providers = List.copyOf(b.providers);
        this.resultType = b.resultType;
    }

    /** @param title a short human-readable name, e.g. "Erase a region" */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    public String title() {
        return title;
    }

    /** One or two sentences for users; never null. */
    public String description() {
        return description;
    }

    /** The typical cost of one run, shown in the listing; never null. */
    public Cost cost() {
        return cost;
    }

    /** Ids of the providers that can do this skill now, best first; empty when it calls none. */
    public List<String> providers() {
        return providers;
    }

    /**
     * The type of embed a run makes: {@code image} (the default: an image with three renditions) or a data type such
     * as {@code search_results}, whose runs return {@link SkillResult#content}. Clients see it from the moment the
     * task is accepted.
     */
    public String resultType() {
        return resultType;
    }

    /** Builds a {@link SkillDescriptor}. Not thread-safe. */
    public static final class Builder {
        private final String title;
        private String description;
        private Cost cost;
        private List<String> providers = List.of();
        private String resultType = SkillResult.IMAGE;

        private Builder(String title) {
            this.title = title;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder cost(Cost value) {
            this.cost = value;
            return this;
        }

        public Builder providers(List<String> value) {
            this.providers = List.copyOf(value);
            return this;
        }

        /** A lower-case word such as {@code search_results}; see {@link SkillDescriptor#resultType()}. */
        public Builder resultType(String value) {
            if (value == null || !value.matches("[a-z][a-z0-9_]{0,31}")) {
                throw new IllegalArgumentException("result type must be a lower-case word: " + value);
            }
            this.resultType = value;
            return this;
        }

        public SkillDescriptor build() {
            return new SkillDescriptor(this);
        }
    }
}
