package org.datacollab.security;

import org.datacollab.problem.Problem;
import org.datacollab.problem.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

import java.util.List;

/**
 * The answers of a security chain, as the shared {@link Problem}: 401 when no (valid) credential came, 403 when
 * the caller lacks the role, 400 when the firewall refused the request line.
 */
public final class SecurityProblems {

    private final ProblemResponses responses;

    public SecurityProblems(ProblemResponses responses) {
        this.responses = responses;
    }

    /** 401: the caller is not known (no credential, or one that did not verify). */
    public ServerAuthenticationEntryPoint entryPoint(Problem problem) {
        return (exchange, refused) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return responses.write(exchange, problem);
        };
    }

    /** 403: the caller is known and lacks the role. */
    public ServerAccessDeniedHandler accessDenied() {
        return (exchange, denied) -> responses.write(exchange, Problem.forbidden("role-required",
                "This takes a role this caller does not have (administration takes ADMIN)."));
    }

    /**
     * 400: the request's path is not one a client sends (encoded slashes or letters, dot segments, ...); 405 for a
     * method the strict firewall lets no request have (TRACE, CONNECT, ...), which is not the path's fault.
     */
    public ServerExchangeRejectedHandler rejected() {
        return (exchange, rejected) -> {
            HttpMethod method = exchange.getRequest().getMethod();
            if (!FIREWALL_METHODS.contains(method)) {
                return responses.write(exchange, Problem.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", null,
                        method.name() + " is answered by no endpoint; allowed: " + FIREWALL_METHODS + "."));
            }
            return responses.write(exchange, Problem.of(HttpStatus.BAD_REQUEST, "path-rejected", "path",
                    "The path is refused: no encoded slashes, backslashes, semicolons, dot segments, null bytes, or percent-encoded "
                            + "letters, digits or '-._~' (send them as they are)."));
        };
    }

    /** The methods Spring's strict firewall lets through (its default). */
    private static final List<HttpMethod> FIREWALL_METHODS = List.of(HttpMethod.DELETE, HttpMethod.GET, HttpMethod.HEAD,
            HttpMethod.OPTIONS, HttpMethod.PATCH, HttpMethod.POST, HttpMethod.PUT);
}
