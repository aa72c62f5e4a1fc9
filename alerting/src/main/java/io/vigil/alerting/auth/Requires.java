package io.vigil.alerting.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role a resource method (or every method of a resource class) needs. {@link AuthFilter} refuses a
 * request without a token of that role (401 without or with an unknown token, 403 with too small a role).
 * A resource method without it anywhere is refused too (403): nothing is open by accident. The caller's
 * name is then {@code SecurityContext.getUserPrincipal().getName()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {
    Role value();
}
