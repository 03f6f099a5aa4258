package io.karafimages.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.Response;

import io.karafimages.api.HealthService;

/** Health (no auth) and the OpenAPI document (no auth). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private final HealthService health;
    private final WebSettings settings;

    HealthResource(HealthService health, WebSettings settings) {
        this.health = health;
        this.settings = settings;
    }

    /**
     * Anyone gets the overall state: {@code up} (ready), {@code degraded} (the database answers but a backend or
     * every provider is missing), {@code down} (the database does not answer), and readiness. The state of each
     * backend names hosts, buckets and paths, so only an administrator ({@code admin.users} in {@code images.web})
     * calling with credentials gets {@code checks} (security review L1).
     */
    @GET
    @Path("/health")
    public Response health(@Context SecurityContext security) {
        HealthService.Report report = health.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.ready() ? "up" : "up".equals(report.checks().get("store")) ? "degraded" : "down");
        body.put("live", true);
        body.put("ready", report.ready());
        if (security instanceof ApiKeyFilter.Caller caller && settings.isAdmin(caller.user().name())) {
            body.put("checks", report.checks());
        }
        return Response.status(report.ready() ? 200 : 503).header("Cache-Control", "no-store").entity(body).build();
    }

    @GET
    @Path("/openapi.json")
    public Response openapi() throws IOException {
        try (InputStream in = HealthResource.class.getResourceAsStream("openapi.json")) {
            return Response.ok(in.readAllBytes(), MediaType.APPLICATION_JSON).build();
        }
    }
}
