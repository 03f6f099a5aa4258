package io.karafimages.core.internal.lists;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.api.Page;
import io.karafimages.core.internal.store.Keyset;

/**
 * The opaque cursors of the newest-first lists: base64url of {@code <list>.<created_at millis>.<id>}, the keyset of the
 * last row a page returned. A keyset, not an offset: rows inserted meanwhile, or rows with equal timestamps, neither
 * repeat nor vanish between pages. The cursor names its list, so one list's cursor is refused by another. It holds
 * nothing secret: the time and id of a row the caller could already see.
 */
public final class ListCursor {
    /** The cursor of {@code GET /v1/embeds}. */
    public static final String EMBEDS = "e1";
    /** The cursor of {@code GET /v1/tasks}. */
    public static final String TASKS = "t1";
    private static final int MAX_CURSOR = 512;

    private ListCursor() {
    }

    /** Checks a page size. */
    public static int limit(int limit) {
        if (limit < 1 || limit > Page.MAX_LIMIT) {
            throw ImagesException.invalid(ErrorCodes.INVALID_LIMIT,
                    "'limit' must be between 1 and " + Page.MAX_LIMIT + " (got " + limit + ").");
        }
        return limit;
    }

    /** The keyset a cursor of {@code list} stands for; {@code null} for no cursor (the first page). */
    public static Keyset decode(String list, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            if (cursor.length() > MAX_CURSOR) {
                throw new IllegalArgumentException("too long");
            }
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\\.", 3);
            if (parts.length != 3 || !parts[0].equals(list) || parts[2].isEmpty()) {
                throw new IllegalArgumentException("not a cursor of this list");
            }
            return new Keyset(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
        } catch (IllegalArgumentException e) {
            throw ImagesException.invalid(ErrorCodes.INVALID_CURSOR, "'cursor' is not a cursor of this list: pass the "
                    + "next_cursor of the previous page unchanged, or no cursor for the first page.");
        }
    }

    static String encode(String list, Keyset keyset) {
        String text = list + "." + keyset.createdAt().toEpochMilli() + "." + keyset.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A page from rows read with one more than {@code limit}: the extra row only says that there is a next page.
     *
     * @param keyset the keyset of a row
     * @param view the wire value of a row
     */
    public static <R, T> Page<T> page(String list, List<R> rows, int limit, Function<R, Keyset> keyset,
            Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? encode(list, keyset.apply(shown.get(shown.size() - 1))) : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
