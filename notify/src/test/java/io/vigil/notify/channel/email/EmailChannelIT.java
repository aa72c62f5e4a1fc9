package io.vigil.notify.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.model.Alert;
import io.vigil.model.Notification;
import io.vigil.notify.channel.Attempt;
import io.vigil.notify.channel.Attempt.Outcome;
import io.vigil.notify.channel.Channel;
import io.vigil.notify.channel.ReceiverConfig;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The email channel against a real SMTP server (GreenMail, in this JVM, on a free loopback port). */
class EmailChannelIT {
    private static final String USER = "vigil";
    private static final String PASSWORD = "Gr33n-mail-pw-7731";
    private static final String WRONG_PASSWORD = "not-the-pw-4410";

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil@example.com", USER, PASSWORD));

    @RegisterExtension
    static final EmailFactoryExtension EMAIL = new EmailFactoryExtension();

    @Test
    void firingMailReachesEveryRecipientAndListsEveryAlert() throws Exception {
        Attempt a = channel(settings()).deliver(HighCpuNotifications.firing("ops-mail"));

        assertThat(a.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(a.statusCode()).isEqualTo(250);
        Received m = receivedOne(2);
        assertThat(Arrays.stream(m.message.getRecipients(RecipientType.TO)).map(r -> ((InternetAddress) r).getAddress()))
                .containsExactly("oncall@example.com", "dba@example.com");
        assertThat(((InternetAddress) m.message.getFrom()[0]).getAddress()).isEqualTo("vigil@example.com");
        assertThat(m.message.getSubject()).isEqualTo("[prod] [FIRING:2] HighCPU (job=web)");
        assertThat(m.message.getHeader(EmailChannel.NOTIFICATION_ID_HEADER)).containsExactly("n-firing-1");
        assertThat(m.message.getContentType()).startsWith("multipart/alternative");

        List<String> blocks = List.of(m.text.split("FIRING: HighCPU"));
        assertThat(blocks).hasSize(3); // the headline, then one block per alert
        for (String instance : List.of("web-1", "web-2")) {
            String block = blocks.get(instance.equals("web-1") ? 1 : 2);
            assertThat(block).contains("instance = " + instance, "job = web", "severity = critical",
                    "summary: CPU above 90% on " + instance, "description: " + instance + " has been busy for 10m",
                    "runbook: https://runbooks.example.com/cpu");
            // summary and description lead, whatever the other annotations are called
            assertThat(block.indexOf("summary:")).isLessThan(block.indexOf("description:"));
            assertThat(block.indexOf("description:")).isLessThan(block.indexOf("runbook:"));
            assertThat(m.html).contains("CPU above 90% on " + instance, instance + " has been busy for 10m");
        }
        assertThat(m.text).contains("Started: 2026-03-01 10:00:00 UTC", "Source:  " + HighCpuNotifications.GRAPH,
                HighCpuNotifications.EXTERNAL_URL).doesNotContain("Ended");
        assertThat(m.html).contains("<a href=\"" + HighCpuNotifications.GRAPH.replace("&", "&amp;") + "\">",
                "<a href=\"" + HighCpuNotifications.EXTERNAL_URL + "\">");
    }

    @Test
    void resolvedMailSaysSoAndWhenEachAlertEnded() throws Exception {
        Attempt a = channel(settings()).deliver(HighCpuNotifications.resolved("ops-mail"));

        assertThat(a.outcome()).isEqualTo(Outcome.DELIVERED);
        Received m = receivedOne(2);
        assertThat(m.message.getSubject()).isEqualTo("[prod] [RESOLVED] HighCPU (job=web)");
        assertThat(m.text).contains("RESOLVED: HighCPU", "Started: 2026-03-01 10:00:00 UTC", "Ended:   2026-03-01 10:30:00 UTC")
                .doesNotContain("FIRING");
        assertThat(m.html).contains("2026-03-01 10:30:00 UTC");
    }

    @Test
    void hostileLabelsAndAnnotationsCannotInjectMarkupOrHeaders() throws Exception {
        String script = "<script>alert('x')</script>";
        String img = "\"><img src=x onerror=alert(1)>";
        Alert hostile = new Alert("firing", Map.of("alertname", "HighCPU", "instance", script, "job", "web"),
                Map.of("summary", img), HighCpuNotifications.STARTS, null, "javascript:alert(document.cookie)", "fp");
        Notification n = new Notification("n-hostile\r\nBcc: thief@example.net", "ops-mail", Notification.FIRING, "g",
                Map.of("alertname", "HighCPU", "job", "web\r\nBcc: thief@example.net"), Map.of(), Map.of(),
                "javascript:alert(2)", List.of(hostile), HighCpuNotifications.STARTS);

        assertThat(channel(settings()).deliver(n).outcome()).isEqualTo(Outcome.DELIVERED);

        Received m = receivedOne(2);
        assertThat(m.html).doesNotContain("<script", "<img", "javascript:alert(document.cookie)\"", "href=\"javascript")
                .contains("&lt;script&gt;", "&lt;img src=x onerror=alert(1)&gt;");
        assertThat(m.text).contains("instance = " + script, "summary: " + img);
        assertThat(m.message.getHeader("Bcc")).isNull();
        // the would-be headers stay inside the values they came in, on one line
        assertThat(m.message.getSubject()).matches("\\[prod] \\[FIRING:1] HighCPU \\(job=web +Bcc: thief@example\\.net\\)");
        assertThat(m.message.getHeader(EmailChannel.NOTIFICATION_ID_HEADER)).singleElement(InstanceOfAssertFactories.STRING)
                .matches("n-hostile +Bcc: thief@example\\.net");
        assertThat(Arrays.stream(mail.getReceivedMessages()).flatMap(r -> recipients(r).stream()))
                .doesNotContain("thief@example.net");
    }

    @Test
    void authenticatesWithThePasswordFromTheEnvironment() throws Exception {
        Map<String, Object> s = settings();
        s.put("username", USER);
        s.put("password_env", "VIGIL_SMTP_PASSWORD");
        s.put("starttls", "disabled"); // allowed because the smarthost is loopback

        Attempt a = channel(s, Map.of("VIGIL_SMTP_PASSWORD", PASSWORD)).deliver(HighCpuNotifications.firing("ops-mail"));

        assertThat(a.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(receivedOne(2).message.getSubject()).contains("[FIRING:2]");
    }

    @Test
    void wrongPasswordIsRejectedWithoutRevealingItInTheAttemptOrTheLog() throws Exception {
        Map<String, Object> s = settings();
        s.put("username", USER);
        s.put("password_env", "VIGIL_SMTP_PASSWORD");
        s.put("starttls", "disabled");

        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getMessage() + " " + Arrays.toString(r.getParameters()) + " " + r.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        Attempt a;
        try {
            a = channel(s, Map.of("VIGIL_SMTP_PASSWORD", WRONG_PASSWORD)).deliver(HighCpuNotifications.firing("ops-mail"));
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }

        assertThat(a.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(a.statusCode()).isEqualTo(535);
        assertThat(a.detail()).contains("535", "authentication failed");
        String plain = Base64.getEncoder().encodeToString(("\0" + USER + "\0" + WRONG_PASSWORD).getBytes(StandardCharsets.UTF_8));
        String login = Base64.getEncoder().encodeToString(WRONG_PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertThat(a.toString()).doesNotContain(WRONG_PASSWORD, plain, login);
        assertThat(logged).noneMatch(line -> line.contains(WRONG_PASSWORD) || line.contains(plain) || line.contains(login));
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void starttlsRequiredButNotOfferedSendsNeitherPasswordNorMail() throws Exception {
        Map<String, Object> s = settings();
        s.put("username", USER);
        s.put("password_env", "VIGIL_SMTP_PASSWORD"); // starttls defaults to required with credentials

        Attempt a = channel(s, Map.of("VIGIL_SMTP_PASSWORD", PASSWORD)).deliver(HighCpuNotifications.firing("ops-mail"));

        assertThat(a.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(a.detail()).contains("STARTTLS").doesNotContain(PASSWORD);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void serverNotListeningMeansRetry() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Map<String, Object> s = settings();
        s.put("smarthost", "127.0.0.1:" + closedPort);

        Attempt a = channel(s).deliver(HighCpuNotifications.firing("ops-mail"));

        assertThat(a.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(a.statusCode()).isZero();
        assertThat(a.detail()).contains("cannot connect to 127.0.0.1:" + closedPort);
    }

    @Test
    void serverThatNeverGreetsCostsOneTimeoutThenRetry() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, Object> s = settings();
            s.put("smarthost", "127.0.0.1:" + silent.getLocalPort());
            s.put("timeout", "300ms");

            long start = System.nanoTime();
            Attempt a = channel(s).deliver(HighCpuNotifications.firing("ops-mail"));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(a.outcome()).isEqualTo(Outcome.RETRY);
            assertThat(a.statusCode()).isZero();
        }
    }

    // ---- helpers ----

    private static Map<String, Object> settings() {
        Map<String, Object> s = new HashMap<>();
        s.put("to", List.of("oncall@example.com ", "DBA team <dba@example.com>")); // blanks are the YAML's, not the address's
        s.put("from", "Vigil <vigil@example.com>");
        s.put("smarthost", "127.0.0.1:" + mail.getSmtp().getPort());
        s.put("subject", "[prod]");
        s.put("timeout", "5s");
        return s;
    }

    private static Channel channel(Map<String, Object> settings) throws Exception {
        return channel(settings, Map.of());
    }

    private static Channel channel(Map<String, Object> settings, Map<String, String> env) throws Exception {
        return EMAIL.factory().create(new ReceiverConfig("ops-mail", "email", settings, "receivers.yaml:3", env::get));
    }

    /** The copy in the first mailbox, after checking that {@code copies} mailboxes got the same mail. */
    private static Received receivedOne(int copies) throws Exception {
        assertThat(mail.waitForIncomingEmail(5_000, copies)).isTrue();
        MimeMessage[] all = mail.getReceivedMessages();
        assertThat(all).hasSize(copies);
        for (MimeMessage copy : all) {
            assertThat(copy.getMessageID()).isEqualTo(all[0].getMessageID());
        }
        return Received.of(all[0]);
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getAllRecipients()).map(r -> ((InternetAddress) r).getAddress()).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** A received mail with its two alternative bodies. */
    private record Received(MimeMessage message, String text, String html) {
        static Received of(MimeMessage m) throws Exception {
            MimeMultipart alternatives = (MimeMultipart) m.getContent();
            assertThat(alternatives.getCount()).isEqualTo(2);
            String text = null;
            String html = null;
            for (int i = 0; i < alternatives.getCount(); i++) {
                BodyPart part = alternatives.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    text = (String) part.getContent();
                } else if (part.isMimeType("text/html")) {
                    html = (String) part.getContent();
                }
            }
            assertThat(text).as("text/plain part").isNotNull();
            assertThat(html).as("text/html part").isNotNull();
            return new Received(m, text, html);
        }
    }
}
