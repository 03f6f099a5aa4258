/** The Recraft editing provider (internal). */
package io.karafimages.provider.recraft.internal;
