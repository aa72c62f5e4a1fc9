package io.vigil.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.Labels;
import io.vigil.wire.LabelBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Version 2 records: what the gateway writes must come back exactly, split by the stable partitioner. */
class SampleRecordBuilderTest {
    private static final long T = 1_700_000_000_000L;
    private static final long STALE = 0x7ff0000000000002L;

    private static LabelBuffer buffer(Labels labels) {
        LabelBuffer b = new LabelBuffer();
        b.setName(labels.metricName());
        for (int i = labels.size() - 1; i >= 0; i--) {
            b.addLabel(labels.key(i), labels.value(i));
        }
        b.sort();
        return b;
    }

    private static List<SeriesBatch> decodeAll(SampleRecordBuilder builder) {
        List<SeriesBatch> all = new ArrayList<>();
        for (int i = 0; i < builder.recordCount(); i++) {
            for (SeriesBatch s : SampleBatchCodec.decode(builder.recordValue(i))) {
                assertThat(SampleBatchCodec.partitionOf(s.seriesId(), builder.partitionCount()))
                        .isEqualTo(builder.recordPartition(i));
                all.add(s);
            }
        }
        return all;
    }

    @Test
    void seriesRoundTripOnTheirOwnPartitionWithFlagsAndExactValues() {
        SampleRecordBuilder builder = new SampleRecordBuilder();
        builder.reset(8);
        List<Labels> sent = new ArrayList<>();
        for (int h = 0; h < 50; h++) {
            Labels l = Labels.of("cpu", Map.of("host", "h" + h, "région", "é"));
            sent.add(l);
            LabelBuffer b = buffer(l);
            builder.beginSeries(b.seriesId(), h == 7 ? SampleBatchCodec.FLAG_DELTA : 0, b);
            builder.sample(T + h, h);
            builder.sample(T - 5, Double.longBitsToDouble(STALE));
        }
        builder.finish();
        assertThat(builder.recordCount()).isBetween(2, 8);
        List<SeriesBatch> got = decodeAll(builder);
        assertThat(got).extracting(SeriesBatch::labels).containsExactlyInAnyOrderElementsOf(sent);
        for (SeriesBatch s : got) {
            int h = Integer.parseInt(s.labels().get("host").substring(1));
            assertThat(s.delta()).isEqualTo(h == 7);
            assertThat(s.timestamps()).containsExactly(T + h, T - 5);
            assertThat(s.values()[0]).isEqualTo(h);
            assertThat(Double.doubleToRawLongBits(s.values()[1])).isEqualTo(STALE);
        }
    }

    @Test
    void consecutiveItemsOfOneSeriesShareAnEntryAndEmptySeriesAreDropped() {
        SampleRecordBuilder builder = new SampleRecordBuilder();
        builder.reset(1);
        LabelBuffer a = buffer(Labels.of("a", Map.of()));
        LabelBuffer b = buffer(Labels.of("b", Map.of()));
        for (int i = 0; i < 3; i++) {
            builder.beginSeries(a.seriesId(), 0, a);
            builder.sample(T + i, i);
        }
        builder.beginSeries(b.seriesId(), 0, b);    // no samples: left out
        builder.finish();
        List<SeriesBatch> got = decodeAll(builder);
        assertThat(got).singleElement().satisfies(s -> assertThat(s.timestamps()).containsExactly(T, T + 1, T + 2));
        assertThat(builder.seriesEntries()).isEqualTo(1);
    }

    @Test
    void bigPartitionsAreSplitIntoSeveralRecordsAtSeriesBoundaries() {
        SampleRecordBuilder builder = new SampleRecordBuilder(1024);
        builder.reset(1);
        for (int h = 0; h < 200; h++) {
            LabelBuffer b = buffer(Labels.of("m", Map.of("host", "host-" + h)));
            builder.beginSeries(b.seriesId(), 0, b);
            builder.sample(T, h);
        }
        builder.finish();
        assertThat(builder.recordCount()).isGreaterThan(5);
        for (int i = 0; i < builder.recordCount(); i++) {
            assertThat(builder.recordValue(i).length).isLessThan(1024 + 100);
        }
        assertThat(decodeAll(builder)).hasSize(200);
    }

    @Test
    void reuseAfterResetStartsClean() {
        SampleRecordBuilder builder = new SampleRecordBuilder();
        LabelBuffer a = buffer(Labels.of("a", Map.of("k", "v")));
        for (int round = 0; round < 3; round++) {
            builder.reset(4);
            builder.beginSeries(a.seriesId(), 0, a);
            builder.sample(T + round, round);
            builder.finish();
            assertThat(decodeAll(builder)).singleElement().satisfies(s -> assertThat(s.values()).containsExactly(s.values()[0]));
            assertThat(builder.recordCount()).isEqualTo(1);
        }
    }

    @Test
    void partitionOfIsStableAndSpreads() {
        int[] counts = new int[8];
        Random random = new Random(1);
        for (int i = 0; i < 80_000; i++) {
            counts[SampleBatchCodec.partitionOf(random.nextLong(), 8)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(9_000, 11_000);
        }
        assertThat(SampleBatchCodec.partitionOf(-1L, 8)).isEqualTo(SampleBatchCodec.partitionOf(-1L, 8)).isBetween(0, 7);
    }

    @Test
    void truncatedV2RecordsAreRefusedAtEveryLength() {
        byte[] full = oneRecord();
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            assertThatThrownBy(() -> SampleBatchCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SampleBatchCodec.decode(Arrays.copyOf(full, full.length + 1)))
                .hasMessageContaining("trailing");
    }

    @Test
    void hostileV2CountsAndFlagsFailFast() {
        // version 2, then 4,000,000 series with no bytes behind them
        byte[] manySeries = {2, 0, 0x3D, 0x09, 0};
        assertThatThrownBy(() -> SampleBatchCodec.decode(manySeries)).hasMessageContaining("truncated");
        byte[] hugeCount = {2, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThatThrownBy(() -> SampleBatchCodec.decode(hugeCount)).hasMessageContaining("out of range");
        byte[] full = oneRecord();
        byte[] badFlags = full.clone();
        badFlags[5] = 0x04;
        assertThatThrownBy(() -> SampleBatchCodec.decode(badFlags)).hasMessageContaining("unknown series flags");
        byte[] forged = full.clone();
        forged[8] ^= 1;
        assertThatThrownBy(() -> SampleBatchCodec.decode(forged)).hasMessageContaining("does not match");
        // One series whose sample count claims 2^22 samples, with 9 bytes behind it.
        byte[] manySamples = full.clone();
        int countAt = full.length - 8 - 6 - 4;
        manySamples[countAt] = 0;
        manySamples[countAt + 1] = 0x40;
        manySamples[countAt + 2] = 0;
        manySamples[countAt + 3] = 0;
        assertThatThrownBy(() -> SampleBatchCodec.decode(manySamples)).hasMessageContaining("truncated");
    }

    @Test
    void samplesBeforeAnySeriesAreAProgrammingError() {
        SampleRecordBuilder builder = new SampleRecordBuilder();
        builder.reset(2);
        assertThatThrownBy(() -> builder.sample(T, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.reset(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** One series "a"{k="v"} with one sample at T (timestamp varint of 6 bytes, value 8 bytes). */
    private static byte[] oneRecord() {
        SampleRecordBuilder builder = new SampleRecordBuilder();
        builder.reset(1);
        LabelBuffer a = buffer(Labels.of("a", Map.of("k", "v")));
        builder.beginSeries(a.seriesId(), 0, a);
        builder.sample(T, 1.5);
        builder.finish();
        return builder.recordValue(0);
    }
}
