package io.vigil.notify.channel.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.Notification;
import io.vigil.notify.channel.Attempt;
import io.vigil.notify.channel.Channel;
import io.vigil.notify.channel.ReceiverConfig;
import io.vigil.notify.channel.ReceiverConfigException;
import io.vigil.notify.channel.contract.SampleNotifications;
import io.vigil.notify.channel.contract.ScriptedHttpReceiver;
import io.vigil.notify.channel.contract.ScriptedHttpReceiver.Reply;
import io.vigil.notify.channel.contract.ScriptedHttpReceiver.Request;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** What a Twilio-compatible API receives: form posts per recipient, with Basic auth, short texts and safe TwiML. */
class PhoneChannelTest {
    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "twilio-token-9c41e7f0a2b3";
    private static final String ALICE = "+15551230001";
    private static final String BOB = "+15551230002";

    private final ScriptedHttpReceiver twilio = ScriptedHttpReceiver.start();

    @BeforeEach
    void acceptLikeTwilio() {
        twilio.otherwise(Reply.status(201).body("{\"sid\":\"SM123\",\"status\":\"queued\"}"));
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    private Channel channel(Map<String, Object> extra) throws ReceiverConfigException {
        Map<String, Object> settings = new HashMap<>(Map.of("base_url", twilio.uri("").toString(), "account_sid", SID,
                "auth_token_env", "TWILIO_AUTH_TOKEN", "from", "+15005550006", "to", List.of(ALICE), "timeout", "2s"));
        settings.putAll(extra);
        return new PhoneChannelFactory().create(new ReceiverConfig("oncall-phone", "phone", settings, "r.yaml:20",
                Map.of("TWILIO_AUTH_TOKEN", TOKEN)::get));
    }

    private static Map<String, String> form(Request r) {
        assertThat(r.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : r.bodyText().split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Test
    void anSmsIsAFormPostToTheAccountsMessagesWithBasicAuth() throws Exception {
        Attempt a = channel(Map.of()).deliver(SampleNotifications.firing("oncall-phone"));
        assertThat(a.outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
        assertThat(a.statusCode()).isEqualTo(201);

        Request r = twilio.requests().getFirst();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
        assertThat(r.header("Authorization")).startsWith("Basic ");
        assertThat(new String(Base64.getDecoder().decode(r.header("Authorization").substring(6)), StandardCharsets.UTF_8))
                .isEqualTo(SID + ":" + TOKEN);
        assertThat(form(r)).containsExactly(Map.entry("To", ALICE), Map.entry("From", "+15005550006"),
                Map.entry("Body", "[FIRING:2] HighCPU (web) - CPU above 90% for 10m"));
    }

    @Test
    void aResolvedGroupIsTextedAsResolved() throws Exception {
        channel(Map.of()).deliver(SampleNotifications.resolved("oncall-phone"));
        assertThat(form(twilio.requests().getFirst()).get("Body")).isEqualTo("[RESOLVED] HighCPU (web) - CPU above 90% for 10m");
    }

    @Test
    void anSmsStaysWithin320Characters() throws Exception {
        Notification base = SampleNotifications.firing("oncall-phone");
        Notification n = new Notification(base.id(), base.receiver(), base.status(), base.groupKey(), base.groupLabels(),
                base.commonLabels(), Map.of("summary", "disk nearly full ".repeat(40)), null, base.alerts(), null);
        channel(Map.of()).deliver(n);
        assertThat(form(twilio.requests().getFirst()).get("Body")).hasSizeLessThanOrEqualTo(320)
                .startsWith("[FIRING:2] HighCPU (web) - disk nearly full").endsWith("...");
    }

    @Test
    void aCallReadsTheAlertOutThroughTwimlThatStaysWellFormed() throws Exception {
        Notification base = SampleNotifications.firing("oncall-phone");
        Notification n = new Notification(base.id(), base.receiver(), base.status(), base.groupKey(), base.groupLabels(),
                base.commonLabels(), Map.of("summary", "queue <orders> & \"payments\" stuck"), null, base.alerts(), null);
        assertThat(channel(Map.of("mode", "call")).deliver(n).outcome()).isEqualTo(Attempt.Outcome.DELIVERED);

        Request r = twilio.requests().getFirst();
        assertThat(r.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Calls.json");
        Map<String, String> form = form(r);
        assertThat(form).containsEntry("To", ALICE).containsEntry("From", "+15005550006");
        Document twiml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(form.get("Twiml").getBytes(StandardCharsets.UTF_8)));
        assertThat(twiml.getDocumentElement().getTagName()).isEqualTo("Response");
        assertThat(twiml.getElementsByTagName("Say").item(0).getTextContent())
                .isEqualTo("Vigil alert. 2 firing. HighCPU, web. queue <orders> & \"payments\" stuck");
    }

    @Test
    void bothTextsAndCallsEveryRecipient() throws Exception {
        Attempt a = channel(Map.of("mode", "both", "to", List.of(ALICE, BOB))).deliver(SampleNotifications.firing("x"));
        assertThat(a.outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
        assertThat(twilio.requests()).extracting(r -> r.path().substring(r.path().lastIndexOf('/') + 1) + " " + form(r).get("To"))
                .containsExactly("Messages.json " + ALICE, "Calls.json " + ALICE, "Messages.json " + BOB, "Calls.json " + BOB);
    }

    @Test
    void oneRecipientFailingForNowRetriesTheWholeNotificationForEveryone() throws Exception {
        twilio.reply(Reply.status(201)).reply(Reply.status(429).header("Retry-After", "7"));
        Channel channel = channel(Map.of("to", List.of(ALICE, BOB)));
        Attempt first = channel.deliver(SampleNotifications.firing("oncall-phone"));
        assertThat(first.outcome()).isEqualTo(Attempt.Outcome.RETRY);
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(first.detail()).contains("1 of 2 delivered", "to[1] sms: HTTP 429").doesNotContain(BOB);

        assertThat(channel.deliver(SampleNotifications.firing("oncall-phone")).outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
        assertThat(twilio.requests()).extracting(r -> form(r).get("To")).containsExactly(ALICE, BOB, ALICE, BOB);
    }

    @Test
    void aRefusedNumberDoesNotSilenceTheOthersAndIsNotRetried() throws Exception {
        twilio.reply(Reply.status(400).body("{\"code\":21211,\"message\":\"Invalid 'To' Phone Number\"}"));
        Attempt a = channel(Map.of("to", List.of(ALICE, BOB))).deliver(SampleNotifications.firing("oncall-phone"));
        assertThat(a.outcome()).isEqualTo(Attempt.Outcome.REJECTED);
        assertThat(a.statusCode()).isEqualTo(400);
        assertThat(a.detail()).contains("1 of 2 delivered", "to[0] sms: HTTP 400");
        assertThat(twilio.requests()).extracting(r -> form(r).get("To")).containsExactly(ALICE, BOB);
    }

    @Test
    void oneNumberMayBeGivenWithoutAList() throws Exception {
        channel(Map.of("to", BOB)).deliver(SampleNotifications.firing("oncall-phone"));
        assertThat(form(twilio.requests().getFirst())).containsEntry("To", BOB);
    }

    @Test
    void aNumberListedTwiceIsRefused() {
        assertThatThrownBy(() -> channel(Map.of("to", List.of(ALICE, " " + ALICE))))
                .isInstanceOf(ReceiverConfigException.class)
                .hasMessageContaining("receiver \"oncall-phone\"").hasMessageContaining("to lists a number twice");
    }
}
