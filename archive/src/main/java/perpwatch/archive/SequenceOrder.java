package perpwatch.archive;

import java.math.BigInteger;

/** Kinesis sequence numbers are decimal strings of up to 128 bits: compare them as numbers, not text. */
final class SequenceOrder {
    private SequenceOrder() {}

    static int compare(String a, String b) {
        if (a.length() != b.length()) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        return a.compareTo(b);
    }
}
