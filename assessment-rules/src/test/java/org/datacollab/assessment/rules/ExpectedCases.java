package org.datacollab.assessment.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** cases/EXPECTED.md, read as data: the test compares the rules with the document, not with copied numbers. */
final class ExpectedCases {

    record Row(LocalDate asOf, String phase, String level, int score, Map<String, Integer> signals, String bestFit) {
    }

    record Change(LocalDate day, String level, int score, List<String> signals) {
    }

    record Case(String name, List<Row> rows, LocalDate modelFitAsOf, Map<String, Double> modelFit,
                LocalDate recommendationsAsOf, Map<String, List<String>> recommendations,
                LocalDate changesUntil, List<Change> changes) {
    }

    private static final Pattern HEADING = Pattern.compile("^## ([a-z0-9-]+) \\(");
    private static final Pattern ROW = Pattern.compile("^\\| (\\d{4}-\\d{2}-\\d{2}) \\| (\\w+) \\| (\\w+) \\| (\\d+) \\| ([^|]+) \\| (\\w+) \\|$");
    private static final Pattern FIT = Pattern.compile("^Model fit at (\\S+): (.+)$");
    private static final Pattern RECOMMENDATIONS = Pattern.compile("^Recommendations at (\\S+):$");
    private static final Pattern RECOMMENDATION = Pattern.compile("^- `([^`]+)`: (.*)$");
    private static final Pattern CHANGES = Pattern.compile("^Level changes from formation to (\\S+) .*$");
    private static final Pattern CHANGE = Pattern.compile("^- (\\d{4}-\\d{2}-\\d{2}): (\\w+) (\\d+) ?(.*)$");

    static List<Case> read() {
        List<Case> cases = new ArrayList<>();
        String name = null;
        List<Row> rows = new ArrayList<>();
        Map<String, Double> fit = new LinkedHashMap<>();
        LocalDate fitAsOf = null, recommendationsAsOf = null, changesUntil = null;
        Map<String, List<String>> recommendations = new LinkedHashMap<>();
        List<Change> changes = new ArrayList<>();
        String section = "";
        for (String line : (CaseHistories.text("/cases/EXPECTED.md") + "\n## end (").split("\n")) {
            Matcher m;
            if ((m = HEADING.matcher(line)).find()) {
                if (name != null) {
                    cases.add(new Case(name, rows, fitAsOf, fit, recommendationsAsOf, recommendations, changesUntil, changes));
                }
                name = m.group(1);
                rows = new ArrayList<>();
                fit = new LinkedHashMap<>();
                recommendations = new LinkedHashMap<>();
                changes = new ArrayList<>();
                section = "";
            } else if ((m = ROW.matcher(line.trim())).matches()) {
                rows.add(new Row(LocalDate.parse(m.group(1)), m.group(2), m.group(3), Integer.parseInt(m.group(4)),
                        signals(m.group(5).trim()), m.group(6)));
            } else if ((m = FIT.matcher(line)).matches()) {
                fitAsOf = LocalDate.parse(m.group(1));
                for (String part : m.group(2).split(", ")) {
                    String[] kv = part.split(" ");
                    fit.put(kv[0], Double.parseDouble(kv[1]));
                }
            } else if ((m = RECOMMENDATIONS.matcher(line)).matches()) {
                recommendationsAsOf = LocalDate.parse(m.group(1));
                section = "recommendations";
            } else if ((m = CHANGES.matcher(line)).matches()) {
                changesUntil = LocalDate.parse(m.group(1));
                section = "changes";
            } else if (section.equals("recommendations") && (m = RECOMMENDATION.matcher(line)).matches()) {
                recommendations.put(m.group(1), List.of(m.group(2).split(", ")));
            } else if (section.equals("changes") && (m = CHANGE.matcher(line)).matches()) {
                String signals = m.group(4).trim();
                changes.add(new Change(LocalDate.parse(m.group(1)), m.group(2), Integer.parseInt(m.group(3)),
                        signals.isEmpty() ? List.of() : List.of(signals.split(" "))));
            }
        }
        return cases;
    }

    private static Map<String, Integer> signals(String text) {
        Map<String, Integer> signals = new LinkedHashMap<>();
        if (!text.equals("none")) {
            for (String part : text.split(", ")) {
                String[] kv = part.split(" ");
                signals.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        return signals;
    }

    private ExpectedCases() {
    }
}
