package org.datacollab.testidp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real OAuth2 authorization server (Spring Authorization Server, in this JVM, on its own port) issuing JWT
 * access tokens with the client credentials grant. Clients: {@code datacollab-api} (tokens for this API),
 * {@code other-app} (tokens whose audience is another application), {@code short-lived} (tokens for this API
 * that expire after a second). Tokens carry {@code org} and {@code roles}. The signing key can be rotated.
 */
public final class IdentityProvider implements AutoCloseable {

    public static final String AUDIENCE = "datacollab-api";
    public static final String SECRET = "idp-test-secret";
    private static final AtomicReference<RSAKey> SIGNING_KEY = new AtomicReference<>(newKey());

    private final ConfigurableApplicationContext context;
    private final String issuer;

    private IdentityProvider(ConfigurableApplicationContext context, String issuer) {
        this.context = context;
        this.issuer = issuer;
    }

    public static IdentityProvider start() {
        int port = freePort();
        String issuer = "http://127.0.0.1:" + port;
        String clients = "spring.security.oauth2.authorizationserver.client.";
        // command-line arguments: they win over anything on the classpath, and no application.yml is read (the
        // gateway's is on this classpath)
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.config.name=identity-provider",
                "--spring.main.web-application-type=servlet",
                "--server.port=" + port,
                // nothing of the gateway on this classpath runs here: no routes, no API explorer, no own security
                "--spring.cloud.gateway.server.webflux.enabled=false",
                "--springdoc.api-docs.enabled=false",
                "--spring.security.oauth2.authorizationserver.issuer=" + issuer,
                "--spring.autoconfigure.exclude=org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration,"
                        + "org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration,"
                        + "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration,"
                        + "org.springframework.boot.mongodb.autoconfigure.health.MongoReactiveHealthContributorAutoConfiguration,"
                        + "org.springframework.boot.mongodb.autoconfigure.metrics.MongoMetricsAutoConfiguration,"
                        // Spring Cloud Gateway (on this classpath) refuses a context with Spring MVC in it
                        + "org.springframework.cloud.gateway.config.GatewayClassPathWarningAutoConfiguration"));
        for (String client : List.of(AUDIENCE, "other-app", "short-lived")) {
            arguments.add("--" + clients + client + ".registration.client-id=" + client);
            arguments.add("--" + clients + client + ".registration.client-secret={noop}" + SECRET + "-" + client);
            arguments.add("--" + clients + client + ".registration.client-authentication-methods=client_secret_basic");
            arguments.add("--" + clients + client + ".registration.authorization-grant-types=client_credentials");
            arguments.add("--" + clients + client + ".registration.scopes=api");
        }
        arguments.add("--" + clients + "short-lived.token.access-token-time-to-live=1s");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Server.class).web(WebApplicationType.SERVLET)
                .run(arguments.toArray(String[]::new));
        return new IdentityProvider(context, issuer);
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/oauth2/jwks";
    }

    /** An access token for the client (client credentials grant). */
    public String token(String clientId) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + SECRET + "-" + clientId).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=api")).build();
        try {
            String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
            String token = body.replaceAll("(?s).*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            if (token.equals(body)) {
                throw new IllegalStateException("no token: " + body);
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A token with these claims signed with the provider's current key, as if the provider had issued it. */
    public static String signedWithTheProvidersKey(JWTClaimsSet claims) {
        try {
            RSAKey key = SIGNING_KEY.get();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every instance signs with a new key from now on (and publishes only that one). */
    public static void rotateKey() {
        SIGNING_KEY.set(newKey());
    }

    @Override
    public void close() {
        context.close();
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The authorization server's application: Spring Boot's auto-configuration, our key and claims. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Server {

        @Bean
        JWKSource<SecurityContext> signingKeys() {
            return (selector, context) -> selector.select(new JWKSet(SIGNING_KEY.get()));
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claims() {
            return context -> {
                context.getClaims().claim("org", "open-state").claim("roles", List.of("MONITOR", "SOMETHING_ELSE"));
                if (!context.getRegisteredClient().getClientId().equals("other-app")) {
                    context.getClaims().audience(List.of(AUDIENCE));
                }
            };
        }
    }
}
