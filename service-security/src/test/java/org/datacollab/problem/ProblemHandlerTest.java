package org.datacollab.problem;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assertj.core.api.Assertions;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** Every error a service can meet leaves as problem+json naming the rule (and the field, where there is one). */
class ProblemHandlerTest {

    record Body(String name) {
    }

    static class DomainRuleBroken extends RuntimeException {
        DomainRuleBroken() {
            super("a rule of the domain");
        }
    }

    final ProblemResponses responses = new ProblemResponses(ServerCodecConfigurer.create());
    final ProblemHandler handler = new ProblemHandler(List.of(
            error -> error instanceof DomainRuleBroken ? Optional.of(Problem.conflict("domain-rule", "name", error.getMessage())) : Optional.empty()),
            responses);

    final RouterFunction<ServerResponse> routes = route(GET("/thrown"), request -> {
        throw new ProblemException(Problem.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limit", "Authorization", "slow down"), Duration.ofMillis(1500));
    }).andRoute(GET("/domain"), request -> {
        throw new DomainRuleBroken();
    }).andRoute(GET("/bug"), request -> {
        throw new IllegalStateException("secret internals: mongodb://user:password@host");
    }).andRoute(POST("/body"), request -> request.bodyToMono(Body.class).flatMap(body -> ServerResponse.ok().bodyValue(body)));

    final WebTestClient client = WebTestClient.bindToRouterFunction(routes)
            // only this handler, as in a service, where it runs before Spring's own ones
            .handlerStrategies(HandlerStrategies.empty().codecs(codecs -> codecs.registerDefaults(true)).exceptionHandler(handler).build()).build();

    @Test
    void aThrownProblemIsAnsweredAsItIsWithRetryAfterInWholeSeconds() {
        client.get().uri("/thrown").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "2")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:datacollab:problem:rate-limit")
                .jsonPath("$.title").isEqualTo("Too Many Requests")
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.rule").isEqualTo("rate-limit")
                .jsonPath("$.field").isEqualTo("Authorization")
                .jsonPath("$.detail").isEqualTo("slow down");
    }

    @Test
    void aServicesOwnExceptionGoesThroughItsMapping() {
        client.get().uri("/domain").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("domain-rule").jsonPath("$.field").isEqualTo("name");
    }

    @Test
    void anUnexpectedErrorIsA500ThatRevealsNothingOfItsCause() {
        client.get().uri("/bug").exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(body -> Assertions.assertThat(body)
                        .contains("\"rule\":\"internal\"").doesNotContain("password").doesNotContain("IllegalState"));
    }

    @Test
    void frameworkErrorsAreProblemsToo() {
        client.get().uri("/nowhere").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.rule").isEqualTo("not-found");
        client.post().uri("/body").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.rule").isEqualTo("malformed-json");
    }

    @Test
    void extensionMembersStandBesideTheStandardOnes() {
        Problem problem = Problem.invalid("enum-value", "challenge", "not a challenge").with("allowed", List.of("A", "B"));
        WebTestClient.bindToRouterFunction(route(GET("/x"), request -> ServerResponse.ok().bodyValue(Map.of("p", problem))))
                .build().get().uri("/x").exchange()
                .expectBody().jsonPath("$.p.allowed[1]").isEqualTo("B").jsonPath("$.p.extensions").doesNotExist()
                .jsonPath("$.p.type").isEqualTo("urn:datacollab:problem:enum-value");
    }
}
