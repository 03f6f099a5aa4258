package io.karafimages.rest.internal;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

import io.karafimages.api.User;
import io.karafimages.api.UserService;

/** Bearer API-key authentication on every call except the public ones. */
final class ApiKeyFilter implements ContainerRequestFilter {
    private static final Set<String> PUBLIC = Set.of("health", "openapi.json", "provenance/certificate");

    private final UserService users;

    ApiKeyFilter(UserService users) {
        this.users = users;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath().replaceAll("^/+", "");
        if (PUBLIC.contains(path)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            request.abortWith(Problems.of(401, "unauthenticated",
                    "Send an API key as 'Authorization: Bearer <key>'.", false)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
            return;
        }
        Optional<User> user = header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? users.authenticate(header.substring(7).trim())
                : Optional.empty();
        if (user.isEmpty()) {
            request.abortWith(Problems.of(401, "invalid_api_key", "The API key is not valid.", false)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build());
            return;
        }
        User u = user.get();
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return u::id;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }
}
