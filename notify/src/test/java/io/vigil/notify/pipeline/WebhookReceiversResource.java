package io.vigil.notify.pipeline;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.kafka.Topics;
import io.vigil.notify.NotifyTopics;
import io.vigil.notify.channel.contract.ScriptedHttpReceiver;
import io.vigil.testkit.VigilInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Real HTTP receivers on loopback playing webhook consumers, and the receivers file that points notify
 * at them: "fast" answers 200, "flaky" and "rejecting" follow the test's script, "stuck" hangs.
 */
public class WebhookReceiversResource implements QuarkusTestResourceLifecycleManager {
    static final String ADMIN_TOKEN = "admin-token-for-tests";
    static ScriptedHttpReceiver fast;
    static ScriptedHttpReceiver flaky;
    static ScriptedHttpReceiver rejecting;
    static ScriptedHttpReceiver stuck;
    static ScriptedHttpReceiver paced;

    @Override
    public Map<String, String> start() {
        VigilInfra.kafka().createTopic(Topics.NOTIFICATIONS, 4);
        VigilInfra.kafka().createTopic(NotifyTopics.DEAD_LETTERS, 1);
        fast = ScriptedHttpReceiver.start();
        flaky = ScriptedHttpReceiver.start();
        rejecting = ScriptedHttpReceiver.start().otherwise(ScriptedHttpReceiver.Reply.status(400));
        stuck = ScriptedHttpReceiver.start().otherwise(ScriptedHttpReceiver.Reply.hang());
        paced = ScriptedHttpReceiver.start();
        String yaml = "receivers:\n"
                + receiver("fast", fast, "1m")
                + receiver("flaky", flaky, "1m")
                + receiver("rejecting", rejecting, "1m")
                + receiver("stuck", stuck, "3s")
                + receiver("paced", paced, "1m") + "    max_per_minute: 2\n";
        try {
            Path file = Files.createTempFile("vigil-receivers-", ".yaml");
            Files.writeString(file, yaml);
            return Map.of("vigil.notify.receivers-file", file.toString(), "vigil.notify.initial-backoff", "100ms",
                    "vigil.notify.max-backoff", "1s", "vigil.notify.admin-token", ADMIN_TOKEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String receiver(String name, ScriptedHttpReceiver r, String retryFor) {
        return "  - name: " + name + "\n    type: webhook\n    url: " + r.uri("/hook/" + name) + "\n    timeout: 500ms\n"
                + "    retry_for: " + retryFor + "\n";
    }

    @Override
    public void stop() {
        for (ScriptedHttpReceiver r : new ScriptedHttpReceiver[] {fast, flaky, rejecting, stuck, paced}) {
            if (r != null) {
                r.close();
            }
        }
    }
}
