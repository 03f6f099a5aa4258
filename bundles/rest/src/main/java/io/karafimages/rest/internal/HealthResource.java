package io.karafimages.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import io.karafimages.api.HealthService;

/** Health (no auth) and the OpenAPI document (no auth). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private final HealthService health;

    HealthResource(HealthService health) {
        this.health = health;
    }

    @GET
    @Path("/health")
    public Response health() {
        HealthService.Report report = health.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.ready() ? "up" : "degraded");
        body.put("live", true);
        body.put("ready", report.ready());
        body.put("checks", report.checks());
        return Response.status(report.ready() ? 200 : 503).entity(body).build();
    }

    @GET
    @Path("/openapi.json")
    public Response openapi() throws IOException {
        try (InputStream in = HealthResource.class.getResourceAsStream("openapi.json")) {
            return Response.ok(in.readAllBytes(), MediaType.APPLICATION_JSON).build();
        }
    }
}
