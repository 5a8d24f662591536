package streamlab.produce;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Damages an encoded record the way real pipelines do: cut short, a broken first byte, or empty.
 * Each damage is invalid for both formats: decoders need the whole record, 0xC1 is a byte msgpack
 * never uses and is not valid UTF-8, and an empty value is not a record.
 */
final class Malformer {
    private Malformer() {}

    static byte[] corrupt(byte[] encoded, SplittableRandom rng) {
        int variant = rng.nextInt(10);
        if (variant < 7 && encoded.length > 1) {
            return Arrays.copyOf(encoded, 1 + rng.nextInt(encoded.length - 1));
        }
        if (variant < 9) {
            byte[] b = encoded.clone();
            b[0] = (byte) 0xC1;
            return b;
        }
        return new byte[0];
    }
}
