package org.datacollab.e2e;

import org.datacollab.localstack.LocalStack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The README, read fresh, says what the code does: its module table and its list of environment variables. */
class ReadmeTest {

    static final Path ROOT = LocalStack.projectRoot();
    static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void theConfigurationTableNamesEveryVariableEachServiceReadsAndWhoReadsIt() throws IOException {
        Map<String, Set<String>> readBy = new LinkedHashMap<>();
        for (String row : tableRows(section("## Configuration"), "| variable |")) {
            String[] cells = row.split("\\|");
            String readers = cells[2].strip();
            if (readers.startsWith("Spring Boot")) {
                continue; // Spring Boot's own properties, set through the environment (relaxed binding): no placeholder names them
            }
            for (String variable : codes(cells[1])) {
                readBy.put(variable, new TreeSet<>(List.of(readers.split(",\\s*"))));
            }
        }
        for (String service : LocalStack.SERVICES) {
            String reader = service.replace("-service", "");
            Set<String> read = placeholders(service);
            assertThat(read).as(service + " reads variables").isNotEmpty();
            for (String variable : read) {
                assertThat(readBy).as("the README's configuration table lists " + variable + ", which " + service + " reads").containsKey(variable);
                assertThat(readBy.get(variable)).as("the README says who reads " + variable).contains(reader);
            }
            readBy.forEach((variable, readers) -> {
                if (readers.contains(reader)) {
                    assertThat(read).as("the README says " + service + " reads " + variable + "; its application.yml does not").contains(variable);
                }
            });
        }
    }

    @Test
    void theModuleTableListsEveryModuleAndNothingElse() throws IOException {
        Set<String> modules = new TreeSet<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (module.find()) {
            modules.add(module.group(1));
        }
        Set<String> listed = new TreeSet<>();
        for (String row : tableRows(Files.readString(ROOT.resolve("README.md")), "| module |")) {
            listed.addAll(codes(row.split("\\|")[1]));
        }
        assertThat(modules).contains("registry-service", "build-report", "benchmarks");
        assertThat(listed).as("the README's module table").containsAll(modules);
        for (String entry : listed) {
            assertThat(modules.contains(entry) || entry.endsWith("/") && Files.isDirectory(ROOT.resolve(entry)))
                    .as(entry + " is a module of pom.xml or a folder").isTrue();
        }
        assertThat(Files.readString(ROOT.resolve("README.md"))).doesNotContain("to come");
    }

    /** The names a service's configuration reads from the environment: ${NAME} or ${NAME:default}. */
    static Set<String> placeholders(String service) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(ROOT.resolve(service).resolve("src/main/resources"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.(yml|yaml|properties)")).toList()) {
                Matcher name = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(Files.readString(file));
                while (name.find()) {
                    names.add(name.group(1));
                }
            }
        }
        return names;
    }

    static String section(String heading) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as("the README has a section " + heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length() + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The body rows of the table whose header row starts with {@code header}. */
    static List<String> tableRows(String text, String header) {
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : text.lines().toList()) {
            if (line.startsWith(header)) {
                inTable = true;
            } else if (inTable && line.startsWith("|---")) {
                continue;
            } else if (inTable && line.startsWith("|")) {
                rows.add(line);
            } else if (inTable) {
                break;
            }
        }
        assertThat(rows).as("a table under " + header).isNotEmpty();
        return rows;
    }

    static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            codes.add(code.group(1));
        }
        return codes;
    }
}
