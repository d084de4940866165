package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.localstack.LocalStack;
import org.datacollab.testsupport.machine.Capability;
import org.datacollab.testsupport.machine.Requires;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public catalogue, without a key: the API answers published entries only (no risk), and the public page
 * shows them with facets in headless Chromium, checked for accessibility by axe-core (WCAG 2.1 A and AA rules),
 * injected from its WebJar. Screenshot in target/screenshots. Needs a Chromium (see DashboardEndToEndTest).
 */
@Requires(Capability.CHROMIUM)
class PublicCatalogueEndToEndTest {

    static LocalStack stack;
    static Playwright playwright;
    static Browser browser;
    static final String TAG = UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
        RiskReachesWebhookEndToEndTest.stack = stack;
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
                .setExecutablePath(Capability.chromium().orElseThrow()).setArgs(List.of("--no-sandbox", "--disable-gpu")));
        // two entries published, one not
        String csv = "Title,Status,Type of Activity,Region,Sector,Use Sub-categories,For,Shared by,Text for Writeup\n"
                + "Open Flood Maps " + TAG + ",Pilot,Prizes & Challenges,Asia,Resilience,Disaster response,Citizen Decisionmaking,"
                + "Satellite imaging company,Maps of flooded areas within hours.\n"
                + "Open Transit Data " + TAG + ",Ongoing,API,Europe,Transportation,,Application development,City transport authority,"
                + "Timetables and delays for app developers.\n";
        import_(csv, true);
        import_("Title,Region,Text for Writeup\nQuiet Partnership " + TAG + ",Europe,Not for the public.\n", false);
        await().atMost(Duration.ofSeconds(60)).until(() -> anonymous("/api/catalogue/public?q=" + TAG).path("total").asInt() == 2);
    }

    static void import_(String csv, boolean publish) throws Exception {
        HttpResponse<String> answer = RiskReachesWebhookEndToEndTest.HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                        + "/api/catalogue/import?cataloguedOn=" + LocalDate.now(ZoneOffset.UTC) + "&steward=city-" + TAG + "&publish=" + publish))
                .header("Authorization", "Bearer " + stack.adminKey()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    static JsonNode anonymous(String path) throws Exception {
        HttpResponse<String> response = RiskReachesWebhookEndToEndTest.HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ContractJson.mapper().readTree(response.body());
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

    @Test
    void publishedEntriesOnlyWithoutAKeyAndWithoutRisk() throws Exception {
        JsonNode published = anonymous("/api/catalogue/public?q=" + TAG);
        assertThat(published.path("items").valueStream().map(i -> i.path("name").asText()).toList())
                .containsExactly("Open Flood Maps " + TAG, "Open Transit Data " + TAG);
        assertThat(published.path("items").get(0).has("level")).isFalse();
        assertThat(published.path("items").get(0).path("status").asText()).isEqualTo("PILOT");
        assertThat(published.path("facets").path("region").toString()).isEqualTo("{\"ASIA\":1,\"EUROPE\":1}");
        // the keyed catalogue is not public
        HttpResponse<String> keyed = RiskReachesWebhookEndToEndTest.HTTP.send(HttpRequest.newBuilder(
                URI.create(stack.gatewayUrl() + "/api/catalogue?q=" + TAG)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(keyed.statusCode()).isEqualTo(401);
    }

    @Test
    void thePublicPageNeedsNoKeyAndMeetsWcag21AA() throws Exception {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1200, 1000));
        page.navigate(stack.gatewayUrl() + "/dashboard/public.html");
        page.waitForSelector("body[data-searched]");
        page.fill("#q", TAG);
        page.click("#search button");
        page.waitForSelector("article.entry:has-text('Open Transit Data " + TAG + "')");
        assertThat(page.locator("article.entry").count()).isEqualTo(2);
        assertThat(page.textContent("#entries")).doesNotContain("Quiet Partnership");
        page.check("#facet-region-ASIA");
        page.waitForFunction("() => document.querySelectorAll('article.entry').length === 1");
        assertThat(page.textContent("article.entry")).contains("Open Flood Maps " + TAG).contains("Satellite imaging company");
        Files.createDirectories(Path.of("target/screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/public-catalogue.png")).setFullPage(true));

        page.addScriptTag(new Page.AddScriptTagOptions().setContent(axe()));
        Object violations = page.evaluate("""
                async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
                  .violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join('; ') + ')')""");
        assertThat((List<?>) violations).as("WCAG 2.1 AA violations").isEmpty();
    }

    /** axe-core from its WebJar on the test classpath. */
    static String axe() throws Exception {
        String path = "/META-INF/resources/webjars/axe-core/" + System.getProperty("axe-core.version", "4.6.3") + "/axe.min.js";
        try (InputStream in = PublicCatalogueEndToEndTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
