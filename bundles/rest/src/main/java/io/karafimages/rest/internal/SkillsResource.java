package io.karafimages.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.karafimages.api.ImagesException;
import io.karafimages.api.SkillCatalog;
import io.karafimages.api.Task;
import io.karafimages.api.TaskService;

/** Lists skills and starts them. */
@Path("/apps/images")
@Produces(MediaType.APPLICATION_JSON)
public final class SkillsResource {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** A skill's input is a small JSON document; images come as embeds, never inline. */
    static final int MAX_JSON = 1024 * 1024;

    private final SkillCatalog skills;
    private final TaskService tasks;

    SkillsResource(SkillCatalog skills, TaskService tasks) {
        this.skills = skills;
        this.tasks = tasks;
    }

    @GET
    @Path("/skills")
    public Object list() {
        return skills.skills().stream().map(Views::skill).toList();
    }

    @POST
    @Path("/{skill_id}")
    public Response start(@PathParam("skill_id") String skillId, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context SecurityContext security, InputStream body) {
        Map<String, Object> input = parse(body);
        Task task = tasks.submit(security.getUserPrincipal().getName(), skillId, input,
                Optional.ofNullable(idempotencyKey));
        return Response.accepted(Views.accepted(task)).location(URI.create("/v1/tasks/" + task.taskId())).build();
    }

    static Map<String, Object> parse(InputStream body) {
        try {
            byte[] bytes = BoundedBody.json(body, MAX_JSON);
            if (bytes.length == 0) {
                throw ImagesException.invalid("malformed_json", "The request body must be a JSON object.");
            }
            var tree = JSON.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw ImagesException.invalid("malformed_json", "The request body must be a JSON object.");
            }
            return JSON.convertValue(tree, MAP);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw ImagesException.invalid("malformed_json", "The request body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw ImagesException.invalid("malformed_json", "The request body could not be read.");
        }
    }
}
