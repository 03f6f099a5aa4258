package io.karafimages.core.internal.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.karaf.shell.api.console.Session;

/**
 * Asks for a new password twice without echoing it (Karaf's line reader with a mask). A session without a terminal
 * (a script, {@code bin/client} with piped input) reads the two lines from its input instead.
 */
final class PasswordPrompt {
    private PasswordPrompt() {
    }

    /** The password typed twice; throws when the two differ or input ends. */
    static char[] askTwice(Session session, String user) throws IOException {
        char[] first = ask(session, "New password for " + user + ": ");
        char[] second = ask(session, "Repeat it: ");
        try {
            if (!Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw new IllegalArgumentException("The two passwords differ; nothing was changed.");
            }
            return first;
        } finally {
            Arrays.fill(second, '\0');
        }
    }

    private static char[] ask(Session session, String prompt) throws IOException {
        String line;
        try {
            line = session.readLine(prompt, '*');
        } catch (UnsupportedOperationException headless) {
            line = readLine(session.getKeyboard());
        }
        if (line == null) {
            throw new IllegalArgumentException("No password given; nothing was changed.");
        }
        return line.toCharArray();
    }

    /** One line, byte by byte so that nothing after it is consumed. */
    private static String readLine(InputStream in) throws IOException {
        if (in == null) {
            return null;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
