package io.vigil.query.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryValue;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockCodecTest {
    @Test
    void aBlockRoundTripsWithEveryValueBitExact() {
        long start = 1_700_000_000_000L;
        long step = 60_000;
        QueryValue.Series a = new QueryValue.Series(LabelSet.of("__name__", "cpu", "host", "h1", "pool", "p\"q\n"),
                new long[] {start, start + step, start + 5 * step}, new double[] {0.5, Double.NaN, Double.NEGATIVE_INFINITY}, 3);
        QueryValue.Series b = new QueryValue.Series(LabelSet.EMPTY, new long[] {start + 59 * step}, new double[] {-0.0}, 1);

        BlockCodec.Decoded d = BlockCodec.decode(BlockCodec.encode("1m", List.of(a, b), start, step), start, step);

        assertThat(d.tier()).isEqualTo("1m");
        assertThat(d.series()).hasSize(2);
        QueryValue.Series a2 = d.series().get(0);
        assertThat(a2.labels()).isEqualTo(a.labels());
        assertThat(Arrays.copyOf(a2.times(), a2.size())).containsExactly(a.times());
        for (int i = 0; i < 3; i++) {
            assertThat(Double.doubleToRawLongBits(a2.values()[i])).isEqualTo(Double.doubleToRawLongBits(a.values()[i]));
        }
        assertThat(Double.doubleToRawLongBits(d.series().get(1).values()[0])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void garbageIsRefusedNotMisread() {
        long start = 0;
        byte[] good = BlockCodec.encode("raw", List.of(new QueryValue.Series(LabelSet.of("a", "b"), new long[] {0},
                new double[] {1}, 1)), start, 1000);
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> BlockCodec.decode(cut, start, 1000)).isInstanceOf(IllegalArgumentException.class);
        }
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            try {
                BlockCodec.decode(junk, start, 1000);
            } catch (IllegalArgumentException expected) {
                // refused: the cache treats it as a miss
            }
        }
    }
}
