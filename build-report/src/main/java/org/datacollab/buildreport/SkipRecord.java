package org.datacollab.buildreport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A build step's skips (e.g. base-image/build-base-image.sh where dpkg is missing), written to
 * {@code <module>/target/datacollab-skips/<step>.txt}: one line per skip, what was skipped and why, separated by
 * a tab.
 */
final class SkipRecord {

    static List<SkipSummary.Skip> read(String module, Path record) throws IOException {
        return Files.readAllLines(record).stream().filter(line -> !line.isBlank()).map(line -> {
            String[] parts = line.split("\t", 2);
            return parts.length == 2 ? new SkipSummary.Skip(module, parts[0].strip(), parts[1].strip())
                    : new SkipSummary.Skip(module, record.getFileName().toString(), line.strip());
        }).toList();
    }

    private SkipRecord() {
    }
}
