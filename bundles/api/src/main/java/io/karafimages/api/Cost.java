package io.karafimages.api;

/**
 * What one run of a skill costs the caller. {@code credits} is the integer unit users are billed in
 * (1 credit = 0.001 USD).
 */
public record Cost(double usd, long credits) {
    public static final Cost FREE = new Cost(0, 0);

    public static Cost ofUsd(double usd) {
        return new Cost(usd, Math.round(usd * 1000));
    }
}
