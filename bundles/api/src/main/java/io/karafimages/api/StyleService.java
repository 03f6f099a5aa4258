package io.karafimages.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** A user's styles. Another user's style is reported as absent. */
@ProviderType
public interface StyleService {
    /** The user's styles, newest first. */
    List<Style> list(String userId);

    /**
     * Removes a style for good; generations made with it stay.
     *
     * @throws ImagesException 404 when absent or another user's
     */
    void delete(String userId, String styleId);
}
