package org.datacollab.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.datacollab.localstack.LocalStack;
import org.datacollab.testsupport.machine.RequireAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.datacollab.infra.Ports;

/**
 * One local stack for all end-to-end tests of a run (starting one takes about a minute), stopped at JVM exit,
 * with an SMTP server (GreenMail, in this JVM) that the notification service mails to. With -Pimages the services
 * run from their images where this machine can build and run them ({@link ImagesTest#RUN_CAPABILITIES}), else from
 * their jars: every end-to-end test still runs, and ImagesTest's skips say why (with require-all this fails).
 */
final class SharedStack {

    private static LocalStack stack;
    private static GreenMail smtp;

    static synchronized LocalStack get() {
        if (stack == null) {
            int smtpPort = Ports.free();
            smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            try {
                Path folder = Files.createDirectories(Path.of("target")).resolve("e2e-stack-" + ProcessHandle.current().pid());
                stack = LocalStack.start(folder, LocalStack.Ports.free(), Map.of(
                        "MAIL_HOST", "127.0.0.1",
                        "MAIL_PORT", String.valueOf(smtpPort),
                        // a delivery whose sender died is taken over after 5 s (2 min in production), retries start after 1 s;
                        // an attempt ends within 3 s (10 s in production), inside its claim (checked at start)
                        "DATACOLLAB_WEBHOOKS_CLAIM", "PT5S",
                        "DATACOLLAB_WEBHOOKS_DEADLINE", "PT3S",
                        "DATACOLLAB_WEBHOOKS_FIRSTRETRY", "PT1S"), fromImages());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalStack started = stack;
            GreenMail mail = smtp;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.kill();
                mail.stop();
            }, "e2e-stack-shutdown"));
        }
        return stack;
    }

    private static boolean fromImages() {
        if (!LocalStack.imagesRequested()) {
            return false;
        }
        String missing = RequireAll.orFail("running the end-to-end tests on the services' images", ImagesTest.RUN_CAPABILITIES);
        if (!missing.isEmpty()) {
            System.err.println("The end-to-end tests run the services from their jars, not their images: " + missing);
        }
        return missing.isEmpty();
    }

    static synchronized GreenMail smtp() {
        get();
        return smtp;
    }

    private SharedStack() {
    }
}
