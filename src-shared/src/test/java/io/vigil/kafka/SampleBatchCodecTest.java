package io.vigil.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.Labels;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleBatchCodecTest {
    private static final Labels SERIES = Labels.of("cpu.load", Map.of("host", "i631", "env", "prod", "région", "é"));

    @Test
    void roundTripsLabelsTimestampsAndValuesExactly() {
        long[] ts = {1_613_707_265_000L, 1_613_707_275_000L, 1_613_707_270_123L, 0L, -5L};
        double[] vs = {0.29, -1e300, Double.MIN_VALUE, 42, Double.longBitsToDouble(0x7ff0000000000002L)};
        SeriesBatch batch = SampleBatchCodec.decode(SampleBatchCodec.encode(SERIES, ts, vs, ts.length)).get(0);
        assertThat(batch.labels()).isEqualTo(SERIES);
        assertThat(batch.seriesId()).isEqualTo(SERIES.seriesId());
        assertThat(batch.count()).isEqualTo(5);
        assertThat(batch.timestamps()).containsExactly(ts);
        for (int i = 0; i < vs.length; i++) {
            // bit-exact, so the Prometheus staleness NaN keeps its payload
            assertThat(Double.doubleToRawLongBits(batch.values()[i])).isEqualTo(Double.doubleToRawLongBits(vs[i]));
        }
    }

    @Test
    void regularSamplesCostAboutTenBytesEach() {
        int n = 1000;
        long[] ts = new long[n];
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 1_613_707_265_000L + i * 10_000L;
            vs[i] = i;
        }
        assertThat(SampleBatchCodec.encode(SERIES, ts, vs, n).length).isLessThan(n * 12);
    }

    @Test
    void keyRoundTrips() {
        long id = SERIES.seriesId();
        assertThat(SampleBatchCodec.seriesIdOfKey(SampleBatchCodec.key(id))).isEqualTo(id);
        assertThat(SampleBatchCodec.seriesIdOfKey(SampleBatchCodec.key(-1L))).isEqualTo(-1L);
        assertThatThrownBy(() -> SampleBatchCodec.seriesIdOfKey(new byte[3])).hasMessageContaining("8 bytes");
    }

    @Test
    void refusesTruncatedInputAtEveryLength() {
        byte[] full = SampleBatchCodec.encode(SERIES, new long[] {1, 2}, new double[] {1, 2}, 2);
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            assertThatThrownBy(() -> SampleBatchCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesTrailingBytesWrongVersionAndForgedIds() {
        byte[] full = SampleBatchCodec.encode(SERIES, new long[] {1}, new double[] {1}, 1);
        assertThatThrownBy(() -> SampleBatchCodec.decode(Arrays.copyOf(full, full.length + 1)))
                .hasMessageContaining("trailing");
        byte[] wrongVersion = full.clone();
        wrongVersion[0] = 9;
        assertThatThrownBy(() -> SampleBatchCodec.decode(wrongVersion)).hasMessageContaining("version 9");
        byte[] forged = full.clone();
        forged[3] ^= 1;
        assertThatThrownBy(() -> SampleBatchCodec.decode(forged)).hasMessageContaining("does not match");
    }

    @Test
    void hostileCountsFailFastWithoutHugeAllocations() {
        // version, id, empty name, 0 labels, then a sample count of 4,000,000 with no bytes behind it
        byte[] hostile = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80, (byte) 0x92, (byte) 0xF4, 0x01};
        assertThatThrownBy(() -> SampleBatchCodec.decode(hostile)).isInstanceOf(IllegalArgumentException.class);
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            assertThatThrownBy(() -> SampleBatchCodec.decode(garbage)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
