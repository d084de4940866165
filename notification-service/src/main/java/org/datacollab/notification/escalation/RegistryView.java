package org.datacollab.notification.escalation;

import org.datacollab.problem.Problem;
import org.datacollab.problem.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The registry's view of who may see a partnership, asked with the caller's own internal token (relayed as it came
 * from the gateway, valid for a minute): the registry answers the partnership to its partners, its steward and the
 * monitors of its jurisdiction, and 404 to everyone else (decision 0013). Used for risk changes stored before their
 * partners and jurisdiction were (decision 0016); it blocks, so call it on a worker thread.
 */
@Component
public class RegistryView {

    private final RegistrySettings settings;
    private final HttpClient http;

    public RegistryView(RegistrySettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** True when the registry shows the partnership to the caller whose token this is, false when it is absent to it. */
    public boolean shows(String ref, String internalToken) {
        URI uri = settings.url().resolve("/partnerships/" + URLEncoder.encode(ref, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + internalToken).header(HttpHeaders.ACCEPT, "application/json").GET().build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
        if (status == HttpStatus.OK.value()) {
            return true;
        }
        if (status == HttpStatus.NOT_FOUND.value()) {
            return false;
        }
        throw unavailable();
    }

    private static ProblemException unavailable() {
        return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "registry-unavailable", "eventId", "This risk change was recorded before"
                + " its partners were stored with it, and the registry, which says who may see its partnership, does not answer"
                + " now; try again shortly.").exception();
    }
}
