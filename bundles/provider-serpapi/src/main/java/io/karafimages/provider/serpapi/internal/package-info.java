/** The SerpApi Google Lens reverse image search provider (internal). */
package io.karafimages.provider.serpapi.internal;
