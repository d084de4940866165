package org.datacollab.assessment.portfolio;

import org.bson.Document;
import org.datacollab.assessment.projection.HistoryStore;
import org.datacollab.assessment.risk.AssessmentStore;
import org.datacollab.assessment.risk.Evaluator;
import org.datacollab.assessment.rules.Assessor;
import org.datacollab.assessment.rules.Timeline;
import org.datacollab.assessment.rules.Timelines;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import org.datacollab.security.Caller;

/**
 * What has happened across partnerships: challenges by (current declared) model, or UNCLASSIFIED, and category, the median
 * days from raise to resolution of challenges each mechanism was applied to, and the share of partnerships
 * at each risk level. Computed on request from the projected histories.
 */
@RestController
public class StatisticsController {

    /**
     * Over the partnerships the caller may see: challenges counted by model and category and by model and type,
     * how fast each mechanism's challenges were resolved, and the share of partnerships at each level.
     */
    public record Statistics(String asOf, int partnerships, Map<String, Map<String, Integer>> challengesByModelAndCategory,
                             Map<String, Map<String, Integer>> challengesByModelAndType,
                             Map<String, Resolution> resolutionByMechanism, Map<String, Double> shareAtEachLevel) {
    }

    /** A mechanism's resolved challenges and the median days from raise to resolution. */
    public record Resolution(int challengesResolved, double medianDaysToResolution) {
    }

    private final HistoryStore histories;
    private final AssessmentStore assessments;
    private final Evaluator evaluator;

    public StatisticsController(HistoryStore histories, AssessmentStore assessments, Evaluator evaluator) {
        this.histories = histories;
        this.assessments = assessments;
        this.evaluator = evaluator;
    }

    @GetMapping(path = "/statistics", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Statistics> statistics(Caller caller) {
        return Mono.fromCallable(() -> compute(caller)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Over the partnerships the caller may see (all of them for an administrator): nothing else is counted. */
    private Statistics compute(Caller caller) {
        List<Document> levels = assessments.levels().stream().filter(d -> AssessmentStore.visible(d, caller)).toList();
        Set<String> visible = new HashSet<>();
        levels.forEach(d -> visible.add(d.getString("_id")));
        LocalDate today = evaluator.today();
        Map<String, Map<String, Integer>> byModel = new TreeMap<>();
        Map<String, Map<String, Integer>> byModelAndChallenge = new TreeMap<>();
        Map<String, List<Long>> resolutionDays = new TreeMap<>();
        int partnerships = 0;
        for (String ref : histories.refs()) {
            if (!visible.contains(ref)) {
                continue;
            }
            List<PartnershipFact> history = histories.history(ref);
            if (history.isEmpty()) {
                continue;
            }
            partnerships++;
            var declared = Assessor.assess(history, today).declaredModel();
            String model = declared == null ? "UNCLASSIFIED" : declared.name();
            Timeline timeline = Timelines.of(history, today);
            for (Timeline.ChallengeSpan challenge : timeline.challenges()) {
                challenge.categories().forEach(category ->
                        byModel.computeIfAbsent(model, m -> new TreeMap<>()).merge(category, 1, Integer::sum));
                byModelAndChallenge.computeIfAbsent(model, m -> new TreeMap<>()).merge(challenge.challenge().name(), 1, Integer::sum);
                if (challenge.daysToResolution() != null) {
                    challenge.mechanisms().stream().map(m -> m.mechanism().name()).distinct()
                            .forEach(m -> resolutionDays.computeIfAbsent(m, k -> new ArrayList<>()).add(challenge.daysToResolution()));
                }
            }
        }
        Map<String, Resolution> medians = new TreeMap<>();
        resolutionDays.forEach((mechanism, days) -> medians.put(mechanism, new Resolution(days.size(), median(days))));
        Map<String, Double> shares = new LinkedHashMap<>();
        for (RiskLevel level : RiskLevel.values()) {
            long count = levels.stream().filter(d -> level.name().equals(d.getString("level"))).count();
            shares.put(level.name(), levels.isEmpty() ? 0.0 : Math.round(1000.0 * count / levels.size()) / 1000.0);
        }
        return new Statistics(today.toString(), partnerships, byModel, byModelAndChallenge, medians, shares);
    }

    static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
