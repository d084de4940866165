package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in headless Chromium (Playwright for Java driving the system's chromium): a demo case,
 * renamed with markup, is imported through the gateway; the portfolio lists it by risk with counts by level,
 * its name shown as text, not markup; its page draws the timeline and the risk history, shows the model fit
 * and the open challenges with their recommendations as the API gives them; and a fact recorded meanwhile
 * appears without a reload. Screenshots are saved to target/screenshots. Needs a Chromium: DATACOLLAB_CHROMIUM,
 * else chromium on the PATH (.ci/run installs Debian's when missing).
 */
@Requires(Capability.CHROMIUM)
class DashboardEndToEndTest {

    static LocalStack stack;
    static Playwright playwright;
    static Browser browser;
    static final Path SCREENSHOTS = Path.of("target/screenshots");

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

    @Test
    void thePortfolioAndAPartnershipPageShowWhatTheApiSaysAndUpdateLive() throws Exception {
        String name = "Food <b>traceability</b> <img src=x onerror=\"window.injected=1\">";
        String ref = importCase("food-traceability-nys", name);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String fresh = "dash-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(RiskReachesWebhookEndToEndTest.post("/api/registry/partnerships", """
                {"ref":"%s","name":"Fresh <script>window.injected=2</script>","model":"SOCIAL_ISSUE","timeframe":"FINITE",
                 "societalIssue":"s","intendedGoal":"g","jurisdiction":"NL-Amsterdam","occurredAt":"%s"}""".formatted(fresh, today)).statusCode())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> RiskReachesWebhookEndToEndTest.get(
                "/api/assessment/partnerships/" + fresh + "/assessment").statusCode() == 200);

        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 1000));
        page.navigate(stack.gatewayUrl() + "/dashboard/");
        page.fill("#key", stack.adminKey());
        page.click("#use-key");
        page.waitForSelector("tr[data-ref='" + ref + "']");
        page.waitForSelector("tr[data-ref='" + fresh + "']");
        String row = page.textContent("tr[data-ref='" + ref + "']");
        JsonNode assessment = json("/api/assessment/partnerships/" + ref + "/assessment");
        assertThat(row).contains(name).contains(assessment.get("level").asText()).contains(String.valueOf(assessment.get("score").asInt()));
        assertThat(page.evaluate("() => window.injected")).isNull();
        List<Integer> scores = new ArrayList<>();
        for (Object score : (List<?>) page.evaluate("() => [...document.querySelectorAll('#partnerships tbody tr td:nth-child(6)')].map(td => td.textContent)")) {
            scores.add(Integer.parseInt(String.valueOf(score)));
        }
        assertThat(scores).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        JsonNode mine = json("/api/assessment/portfolios/mine");
        assertThat(page.textContent("#total")).isEqualTo(String.valueOf(mine.get("total").asInt()));
        assertThat(page.textContent("#counts [data-level='" + assessment.get("level").asText() + "']"))
                .contains(String.valueOf(mine.get("countsByLevel").get(assessment.get("level").asText()).asInt()));
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("portfolio.png")).setFullPage(true));

        page.click("tr[data-ref='" + ref + "'] a");
        page.waitForSelector("body[data-loaded='true']");
        assertThat(page.textContent("#name")).isEqualTo(name);
        assertThat(page.evaluate("() => window.injected")).isNull();
        assertThat(page.querySelectorAll("#timeline-chart canvas")).isNotEmpty();
        assertThat(page.querySelectorAll("#risk-chart canvas")).isNotEmpty();
        assertThat(page.textContent("#model-fit")).contains("best fit: " + assessment.get("modelFit").get("bestFit").asText());
        Set<String> expectedOpen = new HashSet<>();
        assessment.get("openChallenges").forEach(c -> expectedOpen.add(c.get("challengeId").asText()));
        Set<String> shownOpen = new HashSet<>();
        for (Object id : (List<?>) page.evaluate("() => [...document.querySelectorAll('#open-challenges li')].map(li => li.dataset.challenge)")) {
            shownOpen.add(String.valueOf(id));
        }
        assertThat(shownOpen).isEqualTo(expectedOpen);
        for (JsonNode open : assessment.get("openChallenges")) {
            String shown = page.textContent("#open-challenges li[data-challenge='" + open.get("challengeId").asText() + "'] .recommendations");
            open.get("recommendations").forEach(m -> assertThat(shown).contains(m.asText()));
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("partnership.png")).setFullPage(true));

        // live: a challenge raised now appears on the open page without a reload
        page.navigate(stack.gatewayUrl() + "/dashboard/partnership.html?ref=" + fresh);
        page.waitForSelector("body[data-loaded='true']");
        assertThat(page.textContent("#name")).isEqualTo("Fresh <script>window.injected=2</script>");
        page.waitForSelector("#live:has-text('live')");
        assertThat(RiskReachesWebhookEndToEndTest.post("/api/registry/partnerships/" + fresh + "/facts", """
                {"fact":"ChallengeRaised","occurredAt":"%s","challengeId":"live-1","challenge":"DATA_QUALITY"}""".formatted(today)).statusCode())
                .isEqualTo(201);
        page.waitForSelector("#open-challenges li[data-challenge='live-1']", new Page.WaitForSelectorOptions().setTimeout(60_000));
        assertThat(page.evaluate("() => window.injected")).isNull();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("partnership-live.png")).setFullPage(true));
        assertThat(SCREENSHOTS.resolve("portfolio.png")).exists();
    }

    static JsonNode json(String path) throws Exception {
        HttpResponse<String> response = RiskReachesWebhookEndToEndTest.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ContractJson.mapper().readTree(response.body());
    }

    static String importCase(String name, String displayName) throws Exception {
        ObjectNode document = (ObjectNode) ContractJson.mapper().readTree(CanonicalCasesThroughTheServicesTest.resource("/cases/" + name + ".json"));
        String ref = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        ((ObjectNode) document.get("partnership")).put("ref", ref).put("name", displayName);
        HttpResponse<String> imported = RiskReachesWebhookEndToEndTest.HTTP.send(HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrl() + "/api/registry/partnerships/import"))
                .header("Authorization", "Bearer " + stack.adminKey()).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(document.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> RiskReachesWebhookEndToEndTest.get(
                "/api/assessment/partnerships/" + ref + "/assessment").statusCode() == 200);
        return ref;
    }
}
