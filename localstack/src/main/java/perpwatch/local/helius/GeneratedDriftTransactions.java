package perpwatch.local.helius;

import java.util.Random;

/**
 * Enhanced transactions in Helius's shape that touch Drift v2 (a top-level Drift instruction), with fresh random
 * signatures: for loading and smoke-testing the webhook, not for decoding.
 */
public final class GeneratedDriftTransactions {
    static final String DRIFT_PROGRAM = "dRiftyHA39MWEi3m9aunc5MzRF1JYuBsbn6VPcn33UH";
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final Random RANDOM = new Random();

    private GeneratedDriftTransactions() {}

    public static String batch(int n, long nowMs) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            String payer = base58(44);
            out.append("{\"signature\":\"")
                    .append(base58(88))
                    .append("\",\"type\":\"UNKNOWN\",\"source\":\"DRIFT\",")
                    .append("\"timestamp\":")
                    .append(nowMs / 1000)
                    .append(",\"slot\":")
                    .append(300_000_000L + RANDOM.nextInt(1_000_000))
                    .append(",\"fee\":5000,\"feePayer\":\"")
                    .append(payer)
                    .append("\",\"description\":\"\",\"transactionError\":null,")
                    .append("\"nativeTransfers\":[],\"tokenTransfers\":[],\"events\":{},")
                    .append("\"accountData\":[{\"account\":\"")
                    .append(payer)
                    .append("\",\"nativeBalanceChange\":-5000,\"tokenBalanceChanges\":[]}],")
                    .append("\"instructions\":[{\"programId\":\"")
                    .append(DRIFT_PROGRAM)
                    .append("\",\"accounts\":[\"")
                    .append(payer)
                    .append("\"],\"data\":\"")
                    .append(base58(24))
                    .append("\",\"innerInstructions\":[]}]}");
        }
        return out.append(']').toString();
    }

    private static String base58(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(BASE58.charAt(RANDOM.nextInt(BASE58.length())));
        }
        return s.toString();
    }
}
