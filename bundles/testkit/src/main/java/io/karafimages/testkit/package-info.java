/**
 * Fakes and contract tests for third-party authors: unit-test a skill, an image provider, a blob store or a key
 * service with plain JUnit 5, without a container.
 *
 * <ul>
 * <li>{@link io.karafimages.testkit.SkillHarness} does with a JSON body what the runtime does (strict binding,
 * {@code @Field} checks, normalize, store and rebind) and runs the skill with a
 * {@link io.karafimages.testkit.FakeSkillContext}.</li>
 * <li>{@link io.karafimages.testkit.FakeImageProvider} is a scripted provider for the context's catalog.</li>
 * <li>{@link io.karafimages.testkit.BlobStoreContract} and {@link io.karafimages.testkit.KeyServiceContract} are
 * abstract test classes: extend one, return your implementation, and it is checked against the SPI's promises.
 * {@link io.karafimages.testkit.InMemoryBlobStore} and {@link io.karafimages.testkit.InMemoryKeyService} pass
 * them.</li>
 * </ul>
 *
 * <p>The fakes are thread-safe unless a type says otherwise. Nothing here is meant for production use.
 */
@Export
@Version("1.0.0")
package io.karafimages.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
