package io.karafimages.api;

import java.time.Instant;

/**
 * A style a user made with {@code create_style}, usable as {@code generate}'s {@code style_id}.
 *
 * @param styleId the id of the embed that holds it (encrypted, like any embed content)
 * @param provider the provider that learned it and generates with it, e.g. {@code recraft} or {@code local}
 * @param model the model that made it
 * @param baseStyle the base style it was made with, or null
 */
public record Style(String styleId, String provider, String model, String baseStyle, Instant createdAt) {
}
