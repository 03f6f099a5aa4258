package io.karafimages.core.internal.skills;

/**
 * Submit-time checks of a core skill that need the caller: run after the input is bound and normalised, before
 * anything is stored or charged (a style must be the caller's own, for instance).
 *
 * @param <I> the skill's input type
 */
public interface OwnerChecks<I> {
    /** @throws io.karafimages.api.ImagesException a 4xx saying what to fix */
    void checkFor(String userId, I input);
}
