package streamlab.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntSupplier;

/** Broken records for the codec tests: a good one with a few bytes changed, and records of every first byte. */
final class ByteEdits {
    private ByteEdits() {}

    /** B with 1 to 3 bytes replaced, inserted or deleted at random places; new bytes from NEXT. */
    static byte[] edited(byte[] b, SplittableRandom rng, IntSupplier next) {
        int edits = 1 + rng.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = rng.nextInt(b.length);
            byte c = (byte) next.getAsInt();
            byte[] r;
            switch (rng.nextInt(3)) {
                case 0 -> {
                    r = b.clone();
                    r[at] = c;
                }
                case 1 -> {
                    r = new byte[b.length + 1];
                    System.arraycopy(b, 0, r, 0, at);
                    r[at] = c;
                    System.arraycopy(b, at, r, at + 1, b.length - at);
                }
                default -> {
                    if (b.length == 1) continue;
                    r = new byte[b.length - 1];
                    System.arraycopy(b, 0, r, 0, at);
                    System.arraycopy(b, at + 1, r, at, b.length - at - 1);
                }
            }
            b = r;
        }
        return b;
    }

    /**
     * Records of every first byte with random tails: each one REFUSED gives a reason for must get that reason from
     * OUTCOME ("refused: " and the reason). Returns how many were refused that way.
     */
    static int refusedAtFirstByte(Function<byte[], String> refused, Function<byte[], String> outcome) {
        SplittableRandom rng = new SplittableRandom(13);
        int count = 0;
        for (int first = 0; first < 256; first++) {
            for (int i = 0; i < 50; i++) {
                byte[] b = new byte[1 + rng.nextInt(40)];
                rng.nextBytes(b);
                b[0] = (byte) first;
                String reason = refused.apply(b);
                if (reason == null) continue;
                count++;
                assertThat(outcome.apply(b)).isEqualTo("refused: " + reason);
            }
        }
        return count;
    }
}
