package io.karafimages.rest.internal;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskService;

/** Polls and cancels tasks. */
@Path("/tasks")
@Produces(MediaType.APPLICATION_JSON)
public final class TasksResource {
    private final TaskService tasks;

    TasksResource(TaskService tasks) {
        this.tasks = tasks;
    }

    @GET
    @Path("/{task_id}")
    public Object get(@PathParam("task_id") String taskId, @Context SecurityContext security) {
        return tasks.find(security.getUserPrincipal().getName(), taskId).map(Views::task)
                .orElseThrow(() -> ImagesException.notFound("Task"));
    }

    @DELETE
    @Path("/{task_id}")
    public Response cancel(@PathParam("task_id") String taskId, @Context SecurityContext security) {
        return Response.accepted(Views.task(tasks.cancel(security.getUserPrincipal().getName(), taskId))).build();
    }
}
