package io.karafimages.rest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import io.karafimages.api.Style;
import io.karafimages.api.StyleService;

/** The caller's styles from {@code create_style}: listed and deleted. */
@Path("/styles")
@Produces(MediaType.APPLICATION_JSON)
public final class StylesResource {
    private final StyleService styles;

    StylesResource(StyleService styles) {
        this.styles = styles;
    }

    @GET
    public Object list(@Context SecurityContext security) {
        List<Map<String, Object>> out = styles.list(security.getUserPrincipal().getName()).stream()
                .map(StylesResource::view).toList();
        return Map.of("styles", out);
    }

    @DELETE
    @Path("/{style_id}")
    public Response delete(@PathParam("style_id") String styleId, @Context SecurityContext security) {
        styles.delete(security.getUserPrincipal().getName(), styleId);
        return Response.noContent().build();
    }

    private static Map<String, Object> view(Style s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("style_id", s.styleId());
        m.put("provider", s.provider());
        m.put("model", s.model());
        if (s.baseStyle() != null) {
            m.put("base_style", s.baseStyle());
        }
        m.put("created_at", Views.time(s.createdAt()));
        return m;
    }
}
