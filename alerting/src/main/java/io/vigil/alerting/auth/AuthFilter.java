package io.vigil.alerting.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Checks every request against the {@link Requires} role of the resource method. Tokens come as
 * {@code Authorization: Bearer <token>} (amtool's http config, Grafana's custom header) or as basic auth
 * with the token as password (Grafana's Alertmanager datasource; the user name is not checked).
 * Answers 401 with {@code WWW-Authenticate} without a known token, 403 when the role is too small.
 */
public class AuthFilter {
    /** The name requests carry when access control is switched off. */
    public static final String ANONYMOUS = "anonymous";

    private final AccessTokens tokens;

    AuthFilter(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request, SimpleResourceInfo resource) {
        Method method = methodOf(resource);
        if (method == null) {
            return null;
        }
        Requires required = method.getAnnotation(Requires.class);
        if (required == null) {
            required = method.getDeclaringClass().getAnnotation(Requires.class);
        }
        boolean open = method.isAnnotationPresent(Open.class) || method.getDeclaringClass().isAnnotationPresent(Open.class);
        if (required == null) {
            return open ? null : error(Response.Status.FORBIDDEN, "this endpoint has no access rule");
        }
        if (!tokens.enabled()) {
            request.setSecurityContext(new Caller(ANONYMOUS, Role.ADMIN));
            return null;
        }
        String presented = presentedToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (presented == null) {
            return unauthorized("a token is required: send Authorization: Bearer <token>");
        }
        AccessTokens.Holder holder = tokens.find(presented);
        if (holder == null) {
            return unauthorized("the token is not known");
        }
        if (!holder.role().includes(required.value())) {
            return error(Response.Status.FORBIDDEN, "the token of " + holder.name() + " has the role "
                    + holder.role().configName() + "; this needs " + required.value().configName());
        }
        request.setSecurityContext(new Caller(holder.name(), holder.role()));
        return null;
    }

    private static Method methodOf(SimpleResourceInfo resource) {
        try {
            return resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
        } catch (NoSuchMethodException e) {
            for (Method m : resource.getResourceClass().getDeclaredMethods()) {
                if (m.getName().equals(resource.getMethodName())) {
                    return m;
                }
            }
            return null;
        }
    }

    static String presentedToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = value.substring(0, space);
        String credentials = value.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return credentials.isEmpty() ? null : credentials;
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                String password = colon < 0 ? "" : decoded.substring(colon + 1);
                return password.isEmpty() ? null : password;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static Response unauthorized(String reason) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"vigil-alerting\"")
                .type(MediaType.APPLICATION_JSON).entity(Map.of("status", "error", "errorType", "unauthorized", "error", reason))
                .build();
    }

    private static Response error(Response.Status status, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("status", "error", "errorType", "forbidden", "error", reason)).build();
    }

    /** The authenticated caller. */
    public record Caller(String name, Role role) implements SecurityContext, Principal {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Principal getUserPrincipal() {
            return this;
        }

        @Override
        public boolean isUserInRole(String r) {
            return role.includes(Role.ofConfigName(r));
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
