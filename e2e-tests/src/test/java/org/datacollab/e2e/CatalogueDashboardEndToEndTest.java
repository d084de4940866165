package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.datacollab.localstack.LocalStack;
import org.datacollab.testsupport.machine.Capability;
import org.datacollab.testsupport.machine.Requires;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.datacollab.contracts.json.ContractJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalogue through the gateway and the dashboard, in headless Chromium: GovLab's sample file is imported
 * with the page's form (each row's result and warnings shown), found by facets whose counts are the API's,
 * exported with the page's buttons (the file is the API's export), and the portfolio page draws the portfolio's
 * figures as charts. Screenshots in target/screenshots. Needs a Chromium (see DashboardEndToEndTest).
 */
@Requires(Capability.CHROMIUM)
class CatalogueDashboardEndToEndTest {

    static LocalStack stack;
    static Playwright playwright;
    static Browser browser;
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final String TAG = UUID.randomUUID().toString().substring(0, 6);
    static final String STEWARD = "ngo-" + TAG;

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
        RiskReachesWebhookEndToEndTest.stack = stack;
        Files.createDirectories(SCREENSHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
                .setExecutablePath(Capability.chromium().orElseThrow()).setArgs(List.of("--no-sandbox", "--disable-gpu")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** GovLab's sample with this run's tag in every title (its refs are this run's own) and one title written as markup. */
    static Path sample() throws Exception {
        String csv;
        try (InputStream in = CatalogueDashboardEndToEndTest.class.getResourceAsStream("/catalogue-sample.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String title : List.of("Harbour Emissions Monitor", "Cross-border Mobility for Epidemics", "School Attendance Insights")) {
            csv = csv.replace(title, title + " " + TAG);
        }
        csv = csv.replace("Flood Extent Maps", "Flood <img src=x onerror=window.injected=1> Maps " + TAG);
        Path file = Files.createTempFile("catalogue-", ".csv");
        Files.writeString(file, csv);
        return file;
    }

    Page openCatalogue() {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 1100).setAcceptDownloads(true));
        page.navigate(stack.gatewayUrl() + "/dashboard/catalogue.html");
        page.fill("#key", stack.adminKey());
        page.click("#use-key");
        page.waitForSelector("body[data-searched]");
        return page;
    }

    @Test
    void importSearchByFacetsAndExportOnTheCataloguePage() throws Exception {
        Page page = openCatalogue();
        page.setInputFiles("#file", sample());
        page.fill("#catalogued-on", LocalDate.now(ZoneOffset.UTC).minusDays(30).toString());
        page.fill("#steward", STEWARD);
        page.click("#import");
        page.waitForSelector("body[data-imported='true']", new Page.WaitForSelectorOptions().setTimeout(120_000));
        assertThat(page.textContent("#import-summary")).startsWith("5 created, 0 matched, 0 skipped, 1 errors (steward " + STEWARD);
        assertThat(page.textContent("#import-rows tr[data-row='5']")).contains("error title-required");
        assertThat(page.textContent("#import-rows tr[data-row='4']")).contains("Data source type").contains("Reference");
        assertThat(page.textContent("#import-rows tr[data-row='6']")).contains("harbour-emissions-monitor-" + TAG + "-2");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("catalogue-import.png")).setFullPage(true));

        // the import has answered; the catalogue shows the entries once the assessment has evaluated them
        String selection = "organization=" + STEWARD;
        await().atMost(Duration.ofSeconds(60)).until(() -> json("/api/catalogue?" + selection).path("total").asInt() == 5);
        Object before = page.evaluate("() => Number(document.body.dataset.searched)");
        page.fill("#q", TAG);
        page.click("#search button");
        page.waitForFunction("n => Number(document.body.dataset.searched) > n", before);
        page.waitForSelector("#entries tr[data-ref='flood-img-src-x-onerror-window-injected-1-maps-" + TAG + "']");
        assertThat(page.evaluate("() => window.injected")).isNull();
        JsonNode all = json("/api/catalogue?q=" + TAG + "&size=200");
        assertThat(page.textContent("#total")).isEqualTo(all.path("total").asText());
        String europe = page.textContent("#facets fieldset[data-facet='region'] label[for='facet-region-EUROPE'] .facet-count");
        assertThat(europe).isEqualTo("(" + all.path("facets").path("region").path("EUROPE").asInt() + ")");

        // multi-select: ticking Health keeps every topic's count as if Health were not chosen
        Object searches = page.evaluate("() => Number(document.body.dataset.searched)");
        page.check("#facet-topic-Health");
        page.waitForFunction("n => Number(document.body.dataset.searched) > n", searches);
        JsonNode health = json("/api/catalogue?q=" + TAG + "&topic=Health&size=200");
        assertThat(page.locator("#entries tbody tr").count()).isEqualTo(health.path("total").asInt());
        health.path("facets").path("topic").fields().forEachRemaining(e ->
                assertThat(page.textContent("label[for='facet-topic-" + e.getKey().replaceAll("[^A-Za-z0-9_-]", "_") + "'] .facet-count"))
                        .isEqualTo("(" + e.getValue().asInt() + ")"));
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("catalogue-facets.png")).setFullPage(true));

        Download csv = page.waitForDownload(() -> page.click("#export-csv"));
        String exported = Files.readString(csv.path());
        assertThat(exported).isEqualTo(RiskReachesWebhookEndToEndTest.get("/api/catalogue/export?format=csv&q=" + TAG + "&topic=Health").body());
        assertThat(exported.lines().findFirst().orElseThrow()).startsWith("Title,Status,Type of Activity,Region").endsWith("ref,phase,model,level");
        Download json = page.waitForDownload(() -> page.click("#export-json"));
        assertThat(json.suggestedFilename()).isEqualTo("catalogue.json");
        assertThat(ContractJson.mapper().readTree(Files.readString(json.path()))).hasSize(health.path("total").asInt());

        // importing the export again records nothing
        Path again = Files.createTempFile("export-", ".csv");
        Files.writeString(again, RiskReachesWebhookEndToEndTest.get("/api/catalogue/export?format=csv&" + selection).body());
        page.setInputFiles("#file", again);
        page.evaluate("() => document.body.dataset.imported = 'false'");
        page.click("#import");
        page.waitForSelector("body[data-imported='true']", new Page.WaitForSelectorOptions().setTimeout(120_000));
        assertThat(page.textContent("#import-summary")).startsWith("0 created, 5 matched, 0 skipped, 0 errors");
        assertThat(page.locator("#import-rows tbody tr").allTextContents()).allMatch(row -> row.contains("matched, 0 facts recorded"));
    }

    @Test
    void thePortfolioPageChartsThePortfoliosFigures() throws Exception {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 1400));
        page.navigate(stack.gatewayUrl() + "/dashboard/");
        page.fill("#key", stack.adminKey());
        page.click("#use-key");
        page.waitForSelector("body[data-figures='true']", new Page.WaitForSelectorOptions().setTimeout(60_000));
        JsonNode figures = json("/api/assessment/portfolios/mine/figures").path("figures");
        assertThat(page.textContent("#figures-summary")).startsWith(figures.path("partnerships").asInt() + " partnerships, "
                + figures.path("agreementsInForce").asInt() + " agreements in force");
        for (String chart : List.of("#status-chart", "#quarter-chart", "#deliveries-chart")) {
            assertThat(page.querySelectorAll(chart + " canvas")).as(chart).isNotEmpty();
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("portfolio-figures.png")).setFullPage(true));
    }

    static JsonNode json(String path) throws Exception {
        return DashboardEndToEndTest.json(path);
    }
}
