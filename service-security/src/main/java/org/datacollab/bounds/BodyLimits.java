package org.datacollab.bounds;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;

/**
 * How large a request body may be ({@code datacollab.limits.body}), whether its length is declared or it comes
 * in chunks: {@code standard} for every path, unless one of {@code larger} (a path pattern and its own maximum,
 * such as the registry's imports) matches. docs/problems.md lists the values each service sets.
 *
 * @param standard the maximum of every body not matched by {@code larger}
 * @param larger   paths that take larger bodies, each with its maximum
 */
@ConfigurationProperties("datacollab.limits.body")
public record BodyLimits(@DefaultValue("256KB") DataSize standard, @DefaultValue List<Larger> larger) {

    /**
     * @param path a path pattern, e.g. {@code /partnerships/import}
     * @param max  the maximum of a body sent to it
     */
    public record Larger(String path, DataSize max) {
    }

    public BodyLimits {
        larger = larger == null ? List.of() : List.copyOf(larger);
    }

    /** The maximum body, in bytes, of a request to this path. */
    public long limitFor(String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Larger rule : larger) {
            PathPattern pattern = PathPatternParser.defaultInstance.parse(rule.path());
            if (pattern.matches(container)) {
                return rule.max().toBytes();
            }
        }
        return standard.toBytes();
    }
}
