package org.datacollab.registry.catalogue;

import org.datacollab.catalogue.CatalogueEntries;
import org.datacollab.catalogue.CatalogueEntry;
import org.datacollab.catalogue.ImportRows;
import org.datacollab.catalogue.RowPlan;
import org.datacollab.catalogue.RowPlanner;
import org.datacollab.catalogue.Sheet;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.problem.Problem;
import org.datacollab.registry.partnership.PartnershipService;
import org.datacollab.registry.partnership.rules.PartnershipAccess;
import org.datacollab.registry.partnership.rules.PartnershipState;
import org.datacollab.registry.web.RegistryProblems;
import org.datacollab.security.Caller;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a catalogue row by row (catalogue.md): each row is its own unit of work, decided by
 * {@link RowPlanner} against what the event store holds for its ref at that moment, and recorded as one commit,
 * or answered with its error; the other rows go on. Rows that name the same ref run one after the other in file
 * order (a later row matches the entry an earlier one created); rows of different refs run side by side
 * ({@link CatalogueImportSettings#concurrency()} at once). The answer lists the rows in file order.
 */
@Service
public class CatalogueImporter {

    private final PartnershipService partnerships;
    private final RegistryProblems problems;
    private final CatalogueImportSettings settings;

    public CatalogueImporter(PartnershipService partnerships, RegistryProblems problems, CatalogueImportSettings settings) {
        this.partnerships = partnerships;
        this.problems = problems;
        this.settings = settings;
    }

    /** {@code recorder}: the caller the facts are recorded as (its organization is a new entry's steward). */
    public Mono<ImportAnswer> importRows(Sheet sheet, LocalDate cataloguedOn, boolean publish, Caller caller, Caller recorder) {
        // rows naming one ref run one after the other, in file order; rows of different refs run side by side
        Map<String, List<ImportRows.Step>> byRef = new LinkedHashMap<>();
        List<ImportRows.Step> steps = ImportRows.of(sheet);
        for (ImportRows.Step step : steps) {
            String ref = step.target() == null ? "#" + step.decided().row() : step.target().ref();
            byRef.computeIfAbsent(ref, r -> new ArrayList<>()).add(step);
        }
        return Flux.fromIterable(byRef.values())
                .flatMap(rows -> Flux.fromIterable(rows).concatMap(step -> step.decided() != null
                        ? Mono.just(answer(step.decided(), false))
                        : importRow(step.target(), cataloguedOn, publish, caller, recorder)), settings.concurrency())
                .collectSortedList(Comparator.comparingInt(ImportAnswer.Row::row))
                .map(rows -> ImportAnswer.of(cataloguedOn, recorder.organization(), rows));
    }

    private Mono<ImportAnswer.Row> importRow(ImportRows.Target target, LocalDate cataloguedOn, boolean publish, Caller caller,
                                             Caller recorder) {
        return partnerships.facts(target.ref()).flatMap(recorded -> {
            if (recorded.isEmpty()) {
                RowPlan plan = RowPlanner.create(target.row(), target.ref(), target.title(), cataloguedOn, publish);
                if (!(plan instanceof RowPlan.Create create)) {
                    return Mono.just(answer(plan, true));
                }
                return partnerships.importHistory(create.formed(), create.facts(), recorder, null)
                        .map(version -> ImportAnswer.Row.recorded(plan.row(), create.ref(), true, create.facts().size() + 1, plan.warnings()))
                        .onErrorResume(e -> Mono.just(failed(plan, create.ref(), e)));
            }
            List<PartnershipFact> facts = recorded.stream().map(RecordedFact::fact).toList();
            if (!PartnershipAccess.visible(recorded, caller)) {
                return Mono.just(ImportAnswer.Row.failed(target.row().number(), target.ref(), List.of(),
                        new ImportAnswer.RowError("partnership-ref-unique", "ref", "The ref '" + target.ref()
                                + "' is taken by a partnership of another organization; give the row a ref of its own.")));
            }
            CatalogueEntry entry = CatalogueEntries.of(facts, recorded.getFirst().recordedBy());
            RowPlan plan = RowPlanner.match(target.row(), entry, cataloguedOn, publish);
            if (!(plan instanceof RowPlan.Update update) || update.facts().isEmpty()) {
                return Mono.just(answer(plan, false));
            }
            long version = PartnershipState.replay(facts).version();
            return partnerships.recordCatalogueRow(update.ref(), update.facts(), version, recorder)
                    .map(v -> ImportAnswer.Row.recorded(plan.row(), update.ref(), false, update.facts().size(), plan.warnings()))
                    .onErrorResume(e -> Mono.just(failed(plan, update.ref(), e)));
        });
    }

    private static ImportAnswer.Row answer(RowPlan plan, boolean created) {
        return switch (plan) {
            case RowPlan.Skip s -> ImportAnswer.Row.skipped(s.row());
            case RowPlan.Reject r -> ImportAnswer.Row.failed(r.row(), r.ref(), r.warnings(),
                    new ImportAnswer.RowError(r.rule(), r.field(), r.message()));
            case RowPlan.Create c -> ImportAnswer.Row.recorded(c.row(), c.ref(), true, 0, c.warnings());
            case RowPlan.Update u -> ImportAnswer.Row.recorded(u.row(), u.ref(), created, u.facts().size(), u.warnings());
        };
    }

    /** A row whose facts the registry refused (a rule of DOMAIN.md, a limit, access): its error, nothing recorded. */
    private ImportAnswer.Row failed(RowPlan plan, String ref, Throwable error) {
        Problem problem = problems.problemOf(error).orElseThrow(() -> error instanceof RuntimeException r ? r : new IllegalStateException(error));
        return ImportAnswer.Row.failed(plan.row(), ref, plan.warnings(),
                new ImportAnswer.RowError(problem.rule(), problem.field(), problem.detail()));
    }
}
