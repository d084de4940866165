package org.datacollab.notification.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.contracts.json.ContractJson;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import java.io.IOException;

/** Sends a risk change by email over SMTP (Spring Mail); without an SMTP server configured, it fails and is retried. */
@Component
public class EmailSender {

    private final ObjectProvider<JavaMailSender> mail;
    private final String from;

    public EmailSender(ObjectProvider<JavaMailSender> mail, EmailSettings settings) {
        this.mail = mail;
        this.from = settings.from();
    }

    public WebhookSender.Outcome send(String to, String payload) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return new WebhookSender.Outcome(0, "no SMTP server configured (MAIL_HOST)", null);
        }
        try {
            JsonNode body = ContractJson.mapper().readTree(payload);
            JsonNode data = body.get("data");
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(from);
            message.setTo(to);
            message.setSubject("[DataCollab] " + body.get("type").asText() + ": " + data.get("name").asText()
                    + " is now " + data.get("to").asText());
            message.setText(text(body.get("type").asText(), data));
            sender.send(message);
            return new WebhookSender.Outcome(250, null, null);
        } catch (MailException | IOException e) {
            return new WebhookSender.Outcome(0, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    static String text(String type, JsonNode data) {
        StringBuilder text = new StringBuilder();
        text.append(data.get("name").asText()).append(" (").append(data.get("ref").asText()).append("): ")
                .append(type).append(", sustainability risk ").append(data.get("from").asText()).append(" -> ")
                .append(data.get("to").asText()).append(" (score ").append(data.get("score").asInt()).append(").\n\n");
        for (JsonNode signal : data.path("signals")) {
            text.append("- ").append(signal.get("name").asText()).append(" (").append(signal.get("weight").asInt()).append("): ")
                    .append(signal.get("explanation").asText()).append('\n');
        }
        for (JsonNode recommendation : data.path("recommendations")) {
            text.append("\nFor open challenge ").append(recommendation.get("challengeId").asText()).append(" (")
                    .append(recommendation.get("challenge").asText()).append("), what helped others: ")
                    .append(recommendation.get("mechanisms").toString()).append('\n');
        }
        return text.toString();
    }
}
