package io.karafimages.core.internal.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.impl.action.command.DefaultActionPreparator;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;

/** user-add's command line as Karaf parses it, and the password prompt on a terminal and without one. */
class UserCommandsTest {

    @Test
    void passwordIsAcceptedAfterAndBeforeTheName() throws Exception {
        UserAddCommand after = parse("alice", "--password");
        assertEquals("alice", after.name);
        assertTrue(after.passwordRequestedLast());
        UserAddCommand before = parse("-p", "alice");
        assertTrue(before.password);
        assertFalse(before.passwordRequestedLast());
        assertFalse(parse("alice").passwordRequestedLast());
        assertEquals("invalid_arguments",
                assertThrows(ImagesException.class, () -> parse("alice", "--pasword").passwordRequestedLast()).code());
    }

    @Test
    void aTerminalIsAskedTwiceWithAMask() throws Exception {
        List<String> prompts = new ArrayList<>();
        Iterator<String> typed = List.of("s3cret-pass", "s3cret-pass").iterator();
        Session terminal = session((prompt, mask) -> {
            assertEquals('*', mask);
            prompts.add(prompt);
            return typed.next();
        }, null);
        assertArrayEquals("s3cret-pass".toCharArray(), PasswordPrompt.askTwice(terminal, "alice"));
        assertEquals(List.of("New password for alice: ", "Repeat it: "), prompts);
    }

    @Test
    void withoutATerminalTwoLinesAreReadAndMustMatch() throws Exception {
        assertArrayEquals("from-a-pipe".toCharArray(),
                PasswordPrompt.askTwice(headless("from-a-pipe\r\nfrom-a-pipe\n"), "bob"));
        IllegalArgumentException differ = assertThrows(IllegalArgumentException.class,
                () -> PasswordPrompt.askTwice(headless("one-password\nanother-one\n"), "bob"));
        assertTrue(differ.getMessage().contains("differ"));
        assertThrows(IllegalArgumentException.class, () -> PasswordPrompt.askTwice(headless("only-one\n"), "bob"));
    }

    interface Reader {
        String readLine(String prompt, Character mask);
    }

    private static Session headless(String input) {
        return session(null, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    }

    private static Session session(Reader reader, java.io.InputStream keyboard) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] { Session.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "readLine" -> {
                        if (reader == null) {
                            throw new UnsupportedOperationException();
                        }
                        yield reader.readLine((String) args[0], (Character) args[1]);
                    }
                    case "getKeyboard" -> keyboard;
                    default -> throw new AssertionError("unexpected call " + method.getName());
                });
    }

    private static UserAddCommand parse(String... line) throws Exception {
        UserAddCommand command = new UserAddCommand();
        assertTrue(new DefaultActionPreparator().prepare(command, null, List.<Object>of(line)));
        return command;
    }
}
