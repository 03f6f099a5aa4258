package io.karafimages.api;

import org.osgi.annotation.versioning.ProviderType;

/** A user's charges and budget. */
@ProviderType
public interface UsageService {
    /** The charges of the current budget period, newest first (at most 1,000). */
    Usage usage(String userId);
}
