package io.karafimages.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.BiConsumer;

import io.karafimages.api.EmbedFile;
import io.karafimages.api.EmbedService;
import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;

/**
 * {@code GET} and {@code HEAD /v1/embeds/{id}/file} (API.md "Embeds"): the one implementation of what a file
 * download answers, shared by {@link EmbedsResource} (through CXF) and {@link FileDownloadPreprocessor} (in front
 * of CXF). After authentication, in this order: the {@code format} (absent: preview; unknown: 400
 * {@code invalid_format}); the file (another user's or a missing embed: 404, not finished: 409, from
 * {@link EmbedService#file}); {@code If-Match} (strong comparison, no match: 412 {@code precondition_failed});
 * {@code If-None-Match} (weak comparison, a match or {@code *}: 304). Errors are thrown as
 * {@link ImagesException}s for the caller's problem mapping. Nothing here unwraps a key or decrypts: only
 * {@link #stream} of a GET's 200 does.
 */
final class FileDownloads {
    /** An SVG original is active content in a browser: served under a policy that runs no script, loads nothing. */
    static final String FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'";
    /** The files are immutable under their ETag, but private to their owner. */
    static final String CACHE_CONTROL = "private,no-transform,max-age=3600";
    private final EmbedService embeds;

    FileDownloads(EmbedService embeds) {
        this.embeds = embeds;
    }

    /** What to answer: 200 with the file (its bytes unless the request was HEAD), or 304 Not Modified. */
    record Answer(int status, EmbedFile file, boolean body) {
        /**
         * Every header of the answer, in the order they are sent: the ETag and the cache and safety headers (no
         * file may be sniffed into another type), and for a 200 its type and length.
         */
        void headers(BiConsumer<String, String> header) {
            header.accept("ETag", file.etag());
            header.accept("Cache-Control", CACHE_CONTROL);
            header.accept("X-Content-Type-Options", "nosniff");
            header.accept("Content-Security-Policy", FILE_POLICY);
            if (status == 200) {
                header.accept("Content-Type", file.info().mime());
                header.accept("Content-Length", Long.toString(file.info().sizeBytes()));
            }
        }
    }

    /**
     * @param format the {@code format} query parameter, null when absent
     * @param ifMatch the {@code If-Match} header (several joined by commas), null when absent
     * @param ifNoneMatch the {@code If-None-Match} header (several joined by commas), null when absent
     */
    Answer answer(String userId, String embedId, String format, boolean head, String ifMatch, String ifNoneMatch) {
        EmbedFile file = embeds.file(userId, embedId, format(format));
        String tag = opaque(file.etag());
        if (ifMatch != null && !matches(ifMatch, tag, true)) {
            throw new ImagesException("precondition_failed", 412, false,
                    "The file's current ETag is not one that If-Match names.");
        }
        if (ifNoneMatch != null && matches(ifNoneMatch, tag, false)) {
            return new Answer(304, file, false);
        }
        return new Answer(200, file, !head);
    }

    static RenditionFormat format(String wire) {
        if (wire == null) {
            return RenditionFormat.PREVIEW;
        }
        for (RenditionFormat f : RenditionFormat.values()) {
            if (f.wireName().equals(wire)) {
                return f;
            }
        }
        throw ImagesException.invalid("invalid_format", "'format' must be preview, full or original.");
    }

    /**
     * Whether a list of entity tags ({@code *}, or {@code "x"} / {@code W/"x"} separated by commas) names
     * {@code tag}. Strong comparison (If-Match) never matches a weak tag; weak comparison (If-None-Match) ignores
     * the weak flag (RFC 9110 8.8.3.2). An entry that is not an entity tag matches nothing.
     */
    static boolean matches(String list, String tag, boolean strong) {
        int start = 0;
        while (start <= list.length()) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? list.length() : comma;
            String entry = list.substring(start, end).trim();
            if (entry.equals("*")) {
                return true;
            }
            boolean weak = entry.startsWith("W/");
            String quoted = weak ? entry.substring(2) : entry;
            if (quoted.length() >= 2 && quoted.charAt(0) == '"' && quoted.charAt(quoted.length() - 1) == '"'
                    && !(strong && weak) && quoted.regionMatches(1, tag, 0, tag.length())
                    && quoted.length() == tag.length() + 2) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static String opaque(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }

    /**
     * Copies a file to the client and closes {@code in}. The copy is {@link InputStream#transferTo}: a decrypting
     * file stream hands each authenticated segment to {@code out} from its own buffer, with no copy buffer in between
     * (that buffer, the size of the file, was 14 % of the bytes a preview download allocated in a recording of
     * {@code benchmarks/download.sh}). A failure to read (the ciphertext is damaged or the store failed)
     * is thrown as it is; a failure to write (the client went away) as {@link ClientGone}.
     */
    static void stream(InputStream in, OutputStream out) throws IOException {
        stream(null, in, out);
    }

    /** {@link #stream(InputStream, OutputStream)} after the file's {@code first} bytes, already read (or null). */
    static void stream(byte[] first, InputStream in, OutputStream out) throws IOException {
        try (InputStream file = in) {
            OutputStream client = new ToClient(out);
            if (first != null && first.length > 0) {
                client.write(first, 0, first.length);
            }
            file.transferTo(client);
        }
    }

    /** The response stream, whose write failures are {@link ClientGone}; closing it leaves the response open. */
    private static final class ToClient extends OutputStream {
        private final OutputStream out;

        ToClient(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        }
    }

    /** Writing the response failed: the client is gone, nothing is wrong with the file. */
    static final class ClientGone extends IOException {
        private static final long serialVersionUID = 1L;

        ClientGone(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
