package io.karafimages.rest.internal;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import io.karafimages.api.Embed;
import io.karafimages.api.EmbedService;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.api.Page;
import io.karafimages.api.Task;
import io.karafimages.api.TaskService;
import io.karafimages.api.TaskStatus;

/** Polls and cancels tasks. */
@Path("/tasks")
@Produces(MediaType.APPLICATION_JSON)
public final class TasksResource {
    private final TaskService tasks;
    private final EmbedService embeds;

    TasksResource(TaskService tasks, EmbedService embeds) {
        this.tasks = tasks;
        this.embeds = embeds;
    }

    /** The caller's tasks, newest first, optionally in one state, a page at a time. */
    @GET
    public Object list(@QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context SecurityContext security) {
        String user = security.getUserPrincipal().getName();
        TaskStatus only = status == null || status.isEmpty() ? null : TaskStatus.parse(status).orElseThrow(
                () -> ImagesException.invalid(ErrorCodes.INVALID_STATUS, "'status' must be queued, processing, "
                        + "completed, failed or cancelled."));
        Page<Task> page = tasks.list(user, only, Views.limit(limit), cursor);
        return Views.page(page, t -> Views.task(t, embedType(user, t)));
    }

    @GET
    @Path("/{task_id}")
    public Object get(@PathParam("task_id") String taskId, @Context SecurityContext security) {
        String user = security.getUserPrincipal().getName();
        return tasks.find(user, taskId).map(t -> Views.task(t, embedType(user, t)))
                .orElseThrow(() -> ImagesException.notFound("Task"));
    }

    @DELETE
    @Path("/{task_id}")
    public Response cancel(@PathParam("task_id") String taskId, @Context SecurityContext security) {
        return Response.accepted(Views.task(tasks.cancel(security.getUserPrincipal().getName(), taskId), null))
                .build();
    }

    /** What a completed task without files made (search results, a style); null otherwise: no lookup needed. */
    private String embedType(String user, Task t) {
        return t.status() == TaskStatus.COMPLETED && t.files().isEmpty()
                ? embeds.find(user, t.embedId()).map(Embed::type).orElse(null) : null;
    }
}
