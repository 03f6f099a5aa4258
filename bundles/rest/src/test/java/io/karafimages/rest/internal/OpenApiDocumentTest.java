package io.karafimages.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The served OpenAPI document must describe exactly the operations the resources implement. */
class OpenApiDocumentTest {
    private static final Class<?>[] RESOURCES = { SkillsResource.class, TasksResource.class, EmbedsResource.class,
        ProvenanceResource.class, UsageResource.class, HealthResource.class, StylesResource.class,
        SessionResource.class, EventsResource.class };

    @Test
    void documentMatchesResources() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(HealthResource.class.getResourceAsStream("openapi.json"));
        Set<String> implemented = new HashSet<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb != null) {
                    Path p = m.getAnnotation(Path.class);
                    String path = (base + "/" + (p == null ? "" : p.value())).replaceAll("/+", "/");
                    path = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                    implemented.add(verb + " " + path);
                }
            }
        }
        Set<String> documented = new HashSet<>();
        doc.get("paths").fields().forEachRemaining(e -> e.getValue().fieldNames()
                .forEachRemaining(v -> documented.add(v.toLowerCase(Locale.ROOT) + " " + e.getKey())));
        assertEquals(implemented, documented);
        assertTrue(doc.get("openapi").asText().startsWith("3."));
    }

    private static String verb(Method m) {
        for (var a : m.getAnnotations()) {
            HttpMethod hm = a.annotationType().getAnnotation(HttpMethod.class);
            if (hm != null) {
                return hm.value().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
