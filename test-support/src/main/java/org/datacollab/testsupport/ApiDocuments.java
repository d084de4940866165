package org.datacollab.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The committed API descriptions ({@code docs/openapi/<service>.json}), from which the Java client is generated:
 * each service's test checks that what it serves at {@code /v3/api-docs} is exactly its file, so that a change of
 * the API is a change of the file, seen in review. {@code -Dopenapi.update=true} writes the served document into
 * the file first (keys sorted, pretty-printed).
 */
public final class ApiDocuments {

    public static final String UPDATE = "openapi.update";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** Where the committed documents are: docs/openapi of the project (found from the module a test runs in). */
    public static Path directory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the project's root (with mvnw and docs/) above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("docs").resolve("openapi");
    }

    /** The document as committed: keys sorted, two-space indented, one final newline. */
    public static String canonical(JsonNode document) throws IOException {
        return MAPPER.writeValueAsString(MAPPER.treeToValue(document, Object.class)) + "\n";
    }

    /**
     * Fails, naming the first difference and how to regenerate, unless {@code served} equals the committed
     * {@code docs/openapi/<name>.json}.
     */
    public static void assertServedAsCommitted(String name, String module, byte[] served) throws IOException {
        JsonNode servedTree = MAPPER.readTree(served);
        Path committed = directory().resolve(name + ".json");
        Path copy = Path.of("target", "openapi", name + ".json");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, canonical(servedTree));
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, canonical(servedTree));
        }
        String regenerate = "If the change of the API is meant, regenerate the file: ./mvnw -B verify -pl " + module
                + " -am -Dtest=ApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE + "=true"
                + " (what the service serves is in " + module + "/" + copy + "); the client (api-client) is generated from it.";
        if (!Files.isRegularFile(committed)) {
            fail("docs/openapi/" + name + ".json is missing. " + regenerate);
        }
        String difference = firstDifference("", MAPPER.readTree(committed.toFile()), servedTree);
        if (difference != null) {
            fail("The " + name + " API served differs from docs/openapi/" + name + ".json at " + difference + ". " + regenerate);
        }
    }

    /** The JSON pointer of the first place where the two differ, and how; null when they are equal. */
    static String firstDifference(String pointer, JsonNode committed, JsonNode served) {
        if (committed.equals(served)) {
            return null;
        }
        if (committed.isObject() && served.isObject()) {
            Set<String> names = new TreeSet<>();
            committed.fieldNames().forEachRemaining(names::add);
            served.fieldNames().forEachRemaining(names::add);
            for (String field : names) {
                String at = pointer + "/" + field.replace("~", "~0").replace("/", "~1");
                if (!committed.has(field)) {
                    return at + " (served, not in the file)";
                }
                if (!served.has(field)) {
                    return at + " (in the file, no longer served)";
                }
                String inside = firstDifference(at, committed.get(field), served.get(field));
                if (inside != null) {
                    return inside;
                }
            }
        }
        if (committed.isArray() && served.isArray() && committed.size() == served.size()) {
            Iterator<JsonNode> a = committed.elements();
            Iterator<JsonNode> b = served.elements();
            for (int i = 0; a.hasNext(); i++) {
                String inside = firstDifference(pointer + "/" + i, a.next(), b.next());
                if (inside != null) {
                    return inside;
                }
            }
        }
        return (pointer.isEmpty() ? "/" : pointer) + " (file: " + abbreviate(committed) + ", served: " + abbreviate(served) + ")";
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }

    private ApiDocuments() {
    }
}
