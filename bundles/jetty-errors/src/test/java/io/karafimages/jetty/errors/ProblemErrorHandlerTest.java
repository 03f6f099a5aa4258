package io.karafimages.jetty.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

class ProblemErrorHandlerTest {
    private final ProblemErrorHandler handler = new ProblemErrorHandler();

    @Test
    void aBadMessageIsAProblemDocumentThatEchoesNothing() {
        HttpFields fields = new HttpFields();
        ByteBuffer body = handler.badMessageError(400, "Illegal character <script> in /etc/passwd", fields);
        String json = StandardCharsets.UTF_8.decode(body).toString();
        assertEquals("application/problem+json", fields.get("Content-Type"));
        assertEquals("{\"type\":\"https://karafimages.io/problems/bad_request\",\"title\":\"Bad Request\","
                + "\"status\":400,\"detail\":\"The request is not valid HTTP (request line, URI or headers).\","
                + "\"code\":\"bad_request\",\"retryable\":false}", json);
        assertFalse(json.contains("script") || json.contains("passwd"));
    }

    @Test
    void headersTooLargeHaveTheirOwnCode() {
        String json = StandardCharsets.UTF_8.decode(handler.badMessageError(431, "Request Header Fields Too Large",
                new HttpFields())).toString();
        assertTrue(json.contains("\"code\":\"headers_too_large\"") && json.contains("\"status\":431"), json);
        assertTrue(json.contains("\"title\":\"Request Header Fields Too Large\""), json);
    }

    @Test
    void everyStatusHasACodeAndOnlyServerFaultsAreRetryable() {
        for (int status : new int[] { 400, 404, 405, 408, 413, 414, 418, 431, 500, 501, 503, 505 }) {
            String json = new String(ProblemErrorHandler.document(status), StandardCharsets.UTF_8);
            assertTrue(json.matches("\\{\"type\":\"https://karafimages\\.io/problems/[a-z_0-9]+\",\"title\":\"[^\"]+\","
                    + "\"status\":" + status + ",\"detail\":\"[^\"]+\",\"code\":\"[a-z_0-9]+\",\"retryable\":"
                    + (status == 500 || status == 503) + "}"), json);
        }
        assertTrue(handler.errorPageForMethod("PUT") && handler.errorPageForMethod("DELETE"));
    }
}
