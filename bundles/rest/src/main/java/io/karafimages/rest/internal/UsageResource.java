package io.karafimages.rest.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import io.karafimages.api.Usage;
import io.karafimages.api.UsageService;

/** The caller's charges in the current budget period. */
@Path("/usage")
@Produces(MediaType.APPLICATION_JSON)
public final class UsageResource {
    private final UsageService usage;

    UsageResource(UsageService usage) {
        this.usage = usage;
    }

    @GET
    public Object get(@Context SecurityContext security) {
        Usage u = usage.usage(security.getUserPrincipal().getName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period_start", u.periodStart().toString());
        body.put("total", Map.of("usd", u.total().usd(), "credits", u.total().credits()));
        body.put("budget_credits", u.budgetCredits() < 0 ? null : u.budgetCredits());
        body.put("charges", u.charges().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task_id", c.taskId());
            m.put("skill", c.skill());
            m.put("model", c.model());
            m.put("cost", Map.of("usd", c.cost().usd(), "credits", c.cost().credits()));
            m.put("created_at", c.at().toString());
            return m;
        }).toList());
        return body;
    }
}
