package io.karafimages.rest.internal;

import java.io.InputStream;

import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

import io.karafimages.api.EmbedFile;
import io.karafimages.api.EmbedService;
import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;

/** Embeds, their decrypted content and files. */
@Path("/embeds")
public final class EmbedsResource {
    private final EmbedService embeds;

    EmbedsResource(EmbedService embeds) {
        this.embeds = embeds;
    }

    @GET
    @Path("/{embed_id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Object get(@PathParam("embed_id") String embedId, @Context SecurityContext security) {
        return embeds.find(user(security), embedId).map(Views::embed)
                .orElseThrow(() -> ImagesException.notFound("Embed"));
    }

    @GET
    @Path("/{embed_id}/content")
    @Produces(MediaType.APPLICATION_JSON)
    public Object content(@PathParam("embed_id") String embedId, @Context SecurityContext security) {
        return embeds.content(user(security), embedId);
    }

    @GET
    @Path("/{embed_id}/file")
    public Response file(@PathParam("embed_id") String embedId,
            @QueryParam("format") @DefaultValue("preview") String format, @Context SecurityContext security,
            @Context Request request) {
        EmbedFile file = embeds.file(user(security), embedId, format(format));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag(file));
        if (notModified != null) {
            return headers(notModified, file).build();
        }
        StreamingOutput body = out -> {
            try (InputStream in = file.open()) {
                in.transferTo(out);
            }
        };
        return headers(Response.ok(body, file.info().mime()), file)
                .header(HttpHeaders.CONTENT_LENGTH, file.info().sizeBytes()).build();
    }

    @HEAD
    @Path("/{embed_id}/file")
    public Response fileHead(@PathParam("embed_id") String embedId,
            @QueryParam("format") @DefaultValue("preview") String format, @Context SecurityContext security) {
        EmbedFile file = embeds.file(user(security), embedId, format(format));
        return headers(Response.ok().type(file.info().mime()), file)
                .header(HttpHeaders.CONTENT_LENGTH, file.info().sizeBytes()).build();
    }

    private static Response.ResponseBuilder headers(Response.ResponseBuilder b, EmbedFile file) {
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge(3600);
        return b.tag(tag(file)).cacheControl(cache);
    }

    private static EntityTag tag(EmbedFile file) {
        return new EntityTag(file.etag().replace("\"", ""));
    }

    private static RenditionFormat format(String wire) {
        return RenditionFormat.parse(wire).orElseThrow(() -> ImagesException.invalid("invalid_format",
                "'format' must be preview, full or original."));
    }

    private static String user(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
