package io.vigil.wire.remotewrite;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.wire.WireFormatException;

/**
 * Coverage-guided fuzzing of the remote write decoder (bounded: {@code JAZZER_FUZZ=1} fuzzes for
 * the given time; without it the test replays its inputs as a regression test). Any input must be
 * decoded or refused with a {@link WireFormatException}; every other exception, a hang or an
 * out-of-memory is a finding.
 */
class RemoteWriteDecoderFuzzTest {
    private final RemoteWriteDecoder decoder = new RemoteWriteDecoder(1 << 20);

    @FuzzTest(maxDuration = "60s")
    void decodesOrRefuses(FuzzedDataProvider data) {
        RemoteWriteVersion version = data.consumeBoolean() ? RemoteWriteVersion.V2 : RemoteWriteVersion.V1;
        boolean compressed = data.consumeBoolean();
        byte[] body = data.consumeRemainingAsBytes();
        try {
            if (compressed) {
                decoder.decode(body, body.length, version, new RecordingSink());
            } else {
                decoder.decodeMessage(body, 0, body.length, version, new RecordingSink());
            }
        } catch (WireFormatException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("refusal without a reason", expected);
            }
        }
    }
}
