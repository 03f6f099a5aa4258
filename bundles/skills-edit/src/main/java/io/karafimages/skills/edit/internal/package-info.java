/** The editing skills (internal). */
package io.karafimages.skills.edit.internal;
