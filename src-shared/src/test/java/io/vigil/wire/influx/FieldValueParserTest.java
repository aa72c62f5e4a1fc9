package io.vigil.wire.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Floats read by the allocation-free path are the very doubles Double.parseDouble gives. */
class FieldValueParserTest {
    private final FieldValueParser parser = new FieldValueParser();

    private double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        assertThat(parser.parse(b, 0, b.length)).as(s).isTrue();
        return parser.value;
    }

    @Test
    void randomDoublesInEveryNotationRoundTripExactly() {
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            double d = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong()); // anything, incl. subnormals
                case 1 -> random.nextDouble() * 100;                    // percentages
                case 2 -> Math.round(random.nextDouble() * 1e6) / 1e3;  // 3 decimals
                default -> (random.nextInt(2_000_000) - 1_000_000) * Math.pow(10, random.nextInt(40) - 20);
            };
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String shortest = Double.toString(d);
            assertThat(parse(shortest)).as(shortest).isEqualTo(d);
            String plain = new BigDecimal(shortest).toPlainString();
            assertThat(parse(plain)).as(plain).isEqualTo(Double.parseDouble(plain));
        }
    }

    @Test
    void decimalsWithManyDigitsAreCorrectlyRounded() {
        for (String s : new String[] {"0.30000000000000004", "9007199254740993", "123456789012345678901234567890",
                "0.000000000000000000000000000001", "1.7976931348623157e308", "4.9e-324", "2.2250738585072014E-308",
                "000000000000000000000000000001.5", "1.00000000000000000000000000001", "1e-400", "0.0e999999999"}) {
            assertThat(parse(s)).as(s).isEqualTo(Double.parseDouble(s));
        }
    }
}
