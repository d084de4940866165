package org.datacollab.registry.catalogue;

import org.datacollab.audit.AuditTrail;
import org.datacollab.bounds.QueryBounds;
import org.datacollab.catalogue.CatalogueFile;
import org.datacollab.catalogue.Sheet;
import org.datacollab.problem.Problem;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /catalogue/import?cataloguedOn=YYYY-MM-DD[&publish=true][&steward=org]}: a whole GovLab catalogue,
 * as CSV or in its JSON form (catalogue.md). A STEWARD's organization becomes each new entry's steward; an ADMIN
 * names it ({@code steward}, required: an entry without a steward would be nobody's to describe). Each import
 * read to its end is in the audit trail ({@code catalogue.imported}): who, for which steward, how many rows were
 * accepted (created, matched, skipped) and refused; a file refused whole recorded nothing and is not.
 */
@RestController
public class CatalogueImportController {

    private static final Set<String> CSV = Set.of("text/csv", "application/csv", "text/plain", "application/vnd.ms-excel");

    private final CatalogueImporter importer;
    private final CatalogueImportSettings settings;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    public CatalogueImportController(CatalogueImporter importer, CatalogueImportSettings settings, AuditTrail audit) {
        this.importer = importer;
        this.settings = settings;
        this.audit = audit;
    }

    // the gateway routes /api/catalogue/import here (its larger body limit applies there), hence its own server
    @PostMapping(path = "/catalogue/import", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "importCatalogue", servers = @Server(url = "/api", description = "through the gateway"),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string", description = "GovLab's columns")),
                    @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(type = "object",
                            description = "a row of GovLab's JSON form")))}))
    public Mono<ImportAnswer> importCatalogue(@RequestParam(required = false) String cataloguedOn,
                                              @RequestParam(defaultValue = "false") boolean publish,
                                              @RequestParam(required = false) String steward,
                                              @Parameter(hidden = true) @RequestHeader(name = "Content-Type", required = false) MediaType contentType,
                                              @RequestBody(required = false) byte[] body, Caller caller) {
        Caller recorder = recorder(caller, steward);
        LocalDate day = cataloguedOn(cataloguedOn);
        if (body == null || body.length == 0) {
            throw Problem.invalid("body-required", null, "Send the catalogue: CSV (text/csv) or GovLab's JSON form (application/json).").exception();
        }
        Sheet sheet = read(contentType, body);
        if (sheet.rows().size() > settings.maxRows()) {
            throw Problem.tooLarge("catalogue-rows", null, "The catalogue has " + sheet.rows().size() + " rows; one import takes at most "
                    + settings.maxRows() + ". Split the file.").exception();
        }
        return importer.importRows(sheet, day, publish, caller, recorder)
                .flatMap(answer -> Mono.fromCallable(() -> {
                    audit.record(caller, "catalogue.imported", answer.steward(), Map.of("cataloguedOn", day.toString(),
                            "publish", String.valueOf(publish), "rows", String.valueOf(answer.rows().size()),
                            "created", String.valueOf(answer.created()), "matched", String.valueOf(answer.matched()),
                            "skipped", String.valueOf(answer.skipped()), "refused", String.valueOf(answer.errors())));
                    return answer;
                }).subscribeOn(Schedulers.boundedElastic()));
    }

    /** Who the facts are recorded as: the caller, or for an ADMIN the steward it names. */
    static Caller recorder(Caller caller, String steward) {
        if (!caller.mayWrite()) {
            throw Problem.forbidden("role-required", "Importing a catalogue takes the STEWARD role; this key has " + caller.roles() + ".")
                    .exception();
        }
        if (caller.isAdmin() && caller.organization() == null) {
            if (steward == null || !steward.matches("[a-z0-9][a-z0-9-]{0,99}")) {
                throw Problem.invalid("steward-required", "steward", "An ADMIN names the organization that becomes the imported"
                        + " entries' steward: ?steward=<organization ref> (a slug).").exception();
            }
            return new Caller(caller.subject(), steward, Set.of(Role.ADMIN), caller.jurisdictions());
        }
        if (steward != null && !steward.equals(caller.organization())) {
            throw Problem.of(HttpStatus.FORBIDDEN, "own-organization", "steward", "This key imports for '" + caller.organization()
                    + "'; only an ADMIN names another steward.").exception();
        }
        return caller;
    }

    private LocalDate cataloguedOn(String value) {
        if (value == null || value.isBlank()) {
            throw Problem.invalid("required", "cataloguedOn", "cataloguedOn is required: the date the entries were catalogued"
                    + " (YYYY-MM-DD), the date of every fact the import records.").exception();
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Problem.invalid("value-format", "cataloguedOn", "cataloguedOn '" + value + "' is not a date (YYYY-MM-DD).").exception();
        }
        // the date of every fact the import records: refused once here, not row by row
        QueryBounds.date(day, "cataloguedOn");
        if (day.isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC)))) {
            throw Problem.of(HttpStatus.UNPROCESSABLE_CONTENT, "occurred-in-future", "cataloguedOn", "cataloguedOn " + day
                    + " lies in the future; the registry records what has happened.").exception();
        }
        return day;
    }

    private static Sheet read(MediaType contentType, byte[] body) {
        try {
            if (contentType != null && contentType.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return CatalogueFile.json(body);
            }
            if (contentType == null || CSV.contains(contentType.getType() + "/" + contentType.getSubtype())) {
                return CatalogueFile.csv(body);
            }
        } catch (CatalogueFile.Unreadable e) {
            throw Problem.invalid(e.rule(), null, e.getMessage()).exception();
        }
        throw Problem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content-type", "Content-Type",
                "Send the catalogue as text/csv or application/json.").exception();
    }
}
