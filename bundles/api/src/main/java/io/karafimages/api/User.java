package io.karafimages.api;

import java.time.Instant;

/** A user of the product; API keys authenticate as a user. */
public record User(String id, String name, Instant createdAt) {
}
