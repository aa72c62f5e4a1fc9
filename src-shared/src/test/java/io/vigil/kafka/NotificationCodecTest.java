package io.vigil.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.Alert;
import io.vigil.model.Notification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NotificationCodecTest {
    private static final Instant T = Instant.parse("2026-11-22T04:00:00.123Z");

    private static Notification sample() {
        Map<String, String> labels = Map.of("alertname", "HighCPU", "host", "i\"631");
        return new Notification("n-1", "team-web", Notification.RESOLVED, "{}:{alertname=\"HighCPU\"}",
                Map.of("alertname", "HighCPU"), labels, Map.of("summary", "CPU < 90% again"), "http://vigil.example",
                List.of(new Alert(Notification.RESOLVED, labels, Map.of(), T, T.plusSeconds(60), null, "fp1")), T);
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsEveryFieldAndKeysByGroup() {
        Notification n = sample();
        assertThat(NotificationCodec.decode(NotificationCodec.encode(n))).isEqualTo(n);
        assertThat(new String(NotificationCodec.key(n), StandardCharsets.UTF_8)).isEqualTo(n.groupKey());
        assertThat(new String(NotificationCodec.encode(n), StandardCharsets.UTF_8))
                .contains("\"version\":1", "\"startsAt\":\"2026-11-22T04:00:00.123Z\"");
    }

    @Test
    void refusesWhatCannotBeDeliveredWithTheReason() {
        String alert = "\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":\"b\"},\"startsAt\":\"2026-11-22T04:00:00Z\"}]";
        assertThatThrownBy(() -> NotificationCodec.decode(json("{\"version\":1,\"receiver\":\"r\",\"status\":\"firing\","
                + "\"groupKey\":\"g\"," + alert + "}"))).hasMessage("notification has no id");
        assertThatThrownBy(() -> NotificationCodec.decode(json("{\"version\":1,\"id\":\"i\",\"status\":\"firing\","
                + "\"groupKey\":\"g\"," + alert + "}"))).hasMessage("notification has no receiver");
        assertThatThrownBy(() -> NotificationCodec.decode(json("{\"version\":1,\"id\":\"i\",\"receiver\":\"r\",\"status\":\"loud\","
                + "\"groupKey\":\"g\"," + alert + "}"))).hasMessageContaining("status \"loud\" is neither firing nor resolved");
        assertThatThrownBy(() -> NotificationCodec.decode(json("{\"version\":1,\"id\":\"i\",\"receiver\":\"r\",\"status\":\"firing\","
                + "\"groupKey\":\"g\",\"alerts\":[]}"))).hasMessage("notification i has no alerts");
        assertThatThrownBy(() -> NotificationCodec.decode(json("{\"version\":2}"))).hasMessageContaining("version 2");
        assertThatThrownBy(() -> NotificationCodec.decode(json("{\"version\":1,\"id\":\"i\",\"receiver\":\"r\",\"status\":\"firing\","
                + "\"groupKey\":\"g\",\"alerts\":[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"yesterday\"}]}")))
                .hasMessageStartingWith("notification is malformed");
        assertThatThrownBy(() -> NotificationCodec.decode(json("null"))).hasMessage("notification is empty");
    }

    @Test
    void truncatedAndRandomBytesAreRefusedNeverCrash() {
        byte[] full = NotificationCodec.encode(sample());
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            assertThatThrownBy(() -> NotificationCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
        }
        Random random = new Random(6);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            assertThatThrownBy(() -> NotificationCodec.decode(garbage)).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] deep = json("{\"version\":1,\"groupLabels\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        assertThatThrownBy(() -> NotificationCodec.decode(deep)).isInstanceOf(IllegalArgumentException.class);
    }
}
