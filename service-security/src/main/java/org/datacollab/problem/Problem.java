package org.datacollab.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.springframework.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every outcome that is not a success, in every service and the gateway: RFC 9457 problem+json whose
 * {@code type} names the rule ({@value #TYPE_PREFIX}&lt;rule&gt;, listed in docs/problems.md), with the members
 * {@code rule} and {@code field} (the field at fault, a path such as {@code history[3].organization.ref}, or
 * null) and a {@code detail} a person understands. Further members (the allowed values, a limit, an index)
 * go in {@code extensions}. Serialised as it is by the JSON mapper of each service (Jackson 2 or 3).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "rule", "field"})
public record Problem(int status, String rule, String field, String detail, @JsonIgnore Map<String, Object> extensions) {

    public static final String TYPE_PREFIX = "urn:datacollab:problem:";
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(rule, "rule");
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Problem of(HttpStatus status, String rule, String field, String detail) {
        return new Problem(status.value(), rule, field, detail, Map.of());
    }

    /** 400: a value breaks a rule of its own (format, length, enum), before anything is decided. */
    public static Problem invalid(String rule, String field, String detail) {
        return of(HttpStatus.BAD_REQUEST, rule, field, detail);
    }

    public static Problem notFound(String rule, String field, String detail) {
        return of(HttpStatus.NOT_FOUND, rule, field, detail);
    }

    public static Problem conflict(String rule, String field, String detail) {
        return of(HttpStatus.CONFLICT, rule, field, detail);
    }

    public static Problem forbidden(String rule, String detail) {
        return of(HttpStatus.FORBIDDEN, rule, "Authorization", detail);
    }

    public static Problem tooLarge(String rule, String field, String detail) {
        return of(HttpStatus.CONTENT_TOO_LARGE, rule, field, detail);
    }

    /** The same problem with one more member (replacing one of the same name). */
    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(status, rule, field, detail, more);
    }

    @JsonProperty("type")
    public String type() {
        return TYPE_PREFIX + rule;
    }

    @JsonProperty("title")
    public String title() {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    /** The extension members, written beside the standard ones. */
    @JsonAnyGetter
    Map<String, Object> members() {
        return extensions;
    }

    /** This problem, thrown: the service's problem handler answers with it. */
    public ProblemException exception() {
        return new ProblemException(this);
    }
}
