package io.karafimages.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.karafimages.api.Embed;
import io.karafimages.api.EmbedService;
import io.karafimages.api.EmbedSummary;
import io.karafimages.api.ImagesException;
import io.karafimages.api.Page;
import io.karafimages.api.ReportService;

/** Embeds, their decrypted content and files. */
@Path("/embeds")
public final class EmbedsResource {
    /** API.md "Images as inputs": at most 20 MB. */
    static final int MAX_UPLOAD = 20 * 1024 * 1024;
    private static final Set<String> UPLOAD_TYPES = Set.of("image/png", "image/jpeg", "image/webp");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REPORT_JSON = 16 * 1024;

    private final EmbedService embeds;
    private final ReportService reports;
    private final FileDownloads downloads;

    EmbedsResource(EmbedService embeds, ReportService reports) {
        this.embeds = embeds;
        this.reports = reports;
        this.downloads = new FileDownloads(embeds);
    }

    /**
     * Reports one of the caller's embeds to the operators (API.md "Reports"): {@code {"reason": ..., "comment":
     * ...}}; 201 with the stored report.
     */
    @POST
    @Path("/{embed_id}/report")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response report(@PathParam("embed_id") String embedId, @Context SecurityContext security,
            InputStream body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(BoundedBody.json(body, MAX_REPORT_JSON));
        } catch (IOException e) {
            throw ImagesException.invalid("malformed_json", "The request body is not valid JSON.");
        }
        JsonNode comment = tree == null ? null : tree.path("comment");
        if (tree == null || !tree.isObject() || !tree.path("reason").isTextual()
                || !(comment.isMissingNode() || comment.isNull() || comment.isTextual())) {
            throw ImagesException.invalid("invalid_input", "Send {\"reason\": \"artifact|harmful|wrong_prompt|other\", "
                    + "\"comment\": \"...\"} as JSON; the comment is optional.");
        }
        ReportService.Report r = reports.report(user(security), embedId, tree.path("reason").asText(),
                comment.isTextual() ? comment.asText() : null);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("report_id", r.reportId());
        view.put("embed_id", r.embedId());
        view.put("reason", r.reason());
        if (r.comment() != null) {
            view.put("comment", r.comment());
        }
        view.put("created_at", Views.time(r.createdAt()));
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    /** Uploads an image as a new finished embed; the body is the image itself. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @QueryParam("name") String name,
            @Context SecurityContext security, @Context UriInfo uri, InputStream body) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!UPLOAD_TYPES.contains(type)) {
            throw ImagesException.invalid("unsupported_image", "Send the image as the body with Content-Type "
                    + "image/png, image/jpeg or image/webp (got '" + type + "').");
        }
        if (name != null && name.length() > 255) {
            throw ImagesException.invalid("invalid_name", "'name' may have at most 255 characters.");
        }
        Embed embed = embeds.upload(user(security), BoundedBody.read(body, MAX_UPLOAD), type, name);
        return Response.created(uri.getBaseUriBuilder().path("embeds").path(embed.embedId()).build())
                .entity(Views.embed(embed)).build();
    }

    /** The caller's embeds, newest first, a page at a time (API.md "Lists and deletion"). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Object list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context SecurityContext security) {
        Page<EmbedSummary> page = embeds.list(user(security), Views.limit(limit), cursor);
        return Views.page(page, Views::embed);
    }

    /** Deletes the embed for good (crypto-shredding); idempotent for its owner. */
    @DELETE
    @Path("/{embed_id}")
    public Response delete(@PathParam("embed_id") String embedId, @Context SecurityContext security) {
        embeds.delete(user(security), embedId);
        return Response.noContent().build();
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
    public Response file(@PathParam("embed_id") String embedId, @QueryParam("format") String format,
            @Context SecurityContext security, @Context HttpHeaders headers) {
        return file(embedId, format, security, headers, false);
    }

    @HEAD
    @Path("/{embed_id}/file")
    public Response fileHead(@PathParam("embed_id") String embedId, @QueryParam("format") String format,
            @Context SecurityContext security, @Context HttpHeaders headers) {
        return file(embedId, format, security, headers, true);
    }

    /**
     * The download through CXF. {@link FileDownloadPreprocessor} answers the same requests in front of CXF; both
     * are {@link FileDownloads}, this one only turns its answer into a JAX-RS response.
     */
    private Response file(String embedId, String format, SecurityContext security, HttpHeaders headers,
            boolean head) {
        FileDownloads.Answer answer = downloads.answer(user(security), embedId, format, head,
                joined(headers, HttpHeaders.IF_MATCH), joined(headers, HttpHeaders.IF_NONE_MATCH));
        Response.ResponseBuilder b = Response.status(answer.status());
        answer.headers(b::header);
        if (answer.body()) {
            InputStream opened = answer.file().open(); // before the status is sent: a failure is still a problem
            b.entity((StreamingOutput) out -> FileDownloads.stream(opened, out));
        }
        return b.build();
    }

    private static String joined(HttpHeaders headers, String name) {
        java.util.List<String> values = headers.getRequestHeader(name);
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    private static String user(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
