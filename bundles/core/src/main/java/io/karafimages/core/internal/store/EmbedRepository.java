package io.karafimages.core.internal.store;

import java.util.List;
import java.util.Optional;

import io.karafimages.api.RenditionFormat;

/** Persistent embeds (their content encrypted) and the routing rows of their files. */
public interface EmbedRepository {

    /** Inserts an embed that needs no task (an upload), usually already finished. */
    void createEmbed(EmbedRecord embed);

    Optional<EmbedRecord> findEmbed(String embedId);

    /**
     * One page of the owner's embeds (any type and state), newest first: ordered by {@code createdAt} then
     * {@code id}, both descending, and strictly after {@code after} in that order (a keyset, so that inserts and
     * equal timestamps never make a row appear twice or not at all).
     *
     * @param after {@code null} for the first page, else the last row of the previous page
     */
    List<EmbedRecord> listEmbeds(String ownerId, Keyset after, int limit);

    /** The owner's finished embeds of one type, newest first, at most {@code limit}. */
    List<EmbedRecord> findFinishedEmbeds(String ownerId, String type, int limit);

    /**
     * Removes an embed for good, with the task that made it (its usage record stays: what was charged was charged),
     * in one transaction, leaving a tombstone (see {@link #isDeletedEmbed}). The wrapped data key goes with the row.
     * The caller removes any files first.
     *
     * @return false when there was no such embed
     */
    boolean deleteEmbed(String embedId);

    /**
     * Whether the owner deleted this embed with {@link #deleteEmbed(String)}: a deleted embed leaves a tombstone
     * (its id, owner and the time, nothing else), so that deleting it again can be told apart from deleting an
     * embed that never existed or belongs to somebody else.
     */
    boolean isDeletedEmbed(String ownerId, String embedId);

    /**
     * Whether another embed of the owner than {@code embedId} holds the same wrapped data key, so that destroying
     * the key would make that embed unreadable too.
     */
    boolean isKeyShared(String ownerId, String wrappedKey, String embedId);

    /** Embeds whose files are in a blob backend, ordered by id, after {@code afterId} (exclusive). */
    List<EmbedRecord> findEmbedsByBlobBackend(String blobBackend, String afterId, int limit);

    /** Records that an embed's files moved to another backend, if they were still in {@code from}. */
    boolean moveEmbedFiles(String embedId, String from, String to);

    /**
     * The routing of one rendition of an embed, in one read: the embed row joined with the rendition's routing row
     * (see {@link EmbedFileRow}); empty when there is no such embed.
     */
    Optional<FileRoute> findFileRoute(String embedId, RenditionFormat format);

    /**
     * Writes the routing rows of an embed's files, replacing any it had (idempotent: a backfill and a completion may
     * both write the same rows). The embed must exist.
     */
    void putEmbedFiles(String embedId, List<EmbedFileRow> files);

    /** The routing rows of all of an embed's files (empty when none were written). */
    List<EmbedFileRow> findEmbedFiles(String embedId);
}
