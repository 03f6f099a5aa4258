/**
 * The public service contract of Karaf Images: value types for tasks and embeds, the error hierarchy
 * with stable codes, and the services the REST layer and operator tools call.
 *
 * <p>All types here are immutable unless documented otherwise; services are thread-safe.
 */
@Export
@Version("1.7.0")
package io.karafimages.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
