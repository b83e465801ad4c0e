package perpwatch.cdk;

import java.util.function.Function;

/**
 * The public surface's limits, one bucket per caller so none can use up another's: API Gateway throttles per route
 * family, reserved concurrency per Lambda, and the WAF's per-IP rate in front of CloudFront. Each is a CDK context key
 * ({@code -c throttle.engine=20/40}, {@code -c concurrency.api=20}, {@code -c wafRateLimit=2000}) with the default
 * below.
 *
 * @param engine      {@code throttle.engine} (20/40): the engine's signed {@code GET /api/engine/guards}
 * @param internal    {@code throttle.internal} (2/5): the IAM-only {@code /api/internal/…} routes (operators)
 * @param webhook     {@code throttle.webhook} (50/100): Helius' {@code POST /api/webhooks/helius}
 * @param dashboard   {@code throttle.dashboard} (50/100): the dashboard API, reached only through CloudFront
 * @param concurrency {@code concurrency.<function>}: reserved concurrency of each Lambda (0: none reserved)
 * @param wafRateLimit {@code wafRateLimit} (2000): requests per IP per 5 minutes before the WAF blocks that IP
 */
public record SurfaceLimits(
        Throttle engine,
        Throttle internal,
        Throttle webhook,
        Throttle dashboard,
        Concurrency concurrency,
        int wafRateLimit) {

    /** Steady requests per second and the burst above it (API Gateway's token bucket). */
    public record Throttle(int rate, int burst) {
        public Throttle {
            if (rate < 1 || burst < rate) {
                throw new IllegalArgumentException(
                        "a throttle needs rate ≥ 1 and burst ≥ rate, not " + rate + "/" + burst);
            }
        }

        static Throttle parse(String key, String value) {
            String[] parts = value.split("/");
            try {
                return new Throttle(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "context " + key + ": expected rate/burst (e.g. 20/40), got '" + value + "'");
            }
        }
    }

    /**
     * Reserved concurrency per function: each is both a floor (no other function can take it) and a ceiling (a flood
     * on one route cannot use the account's pool). AWS keeps 100 of the account's limit unreserved, so the sum (67 by
     * default) needs an account limit of at least 167.
     */
    public record Concurrency(
            int api, int engine, int webhook, int archiver, int catchUp, int rollup, int originCheck) {}

    public static final SurfaceLimits DEFAULTS = new SurfaceLimits(
            new Throttle(20, 40),
            new Throttle(2, 5),
            new Throttle(50, 100),
            new Throttle(50, 100),
            new Concurrency(20, 10, 10, 10, 10, 2, 5),
            2000);

    public SurfaceLimits {
        // WAFv2 rate-based rules accept 10 to 2,000,000,000 requests per evaluation window.
        if (wafRateLimit < 10) {
            throw new IllegalArgumentException("wafRateLimit must be ≥ 10, not " + wafRateLimit);
        }
    }

    static SurfaceLimits fromContext(Function<String, Object> context) {
        Concurrency c = DEFAULTS.concurrency();
        return new SurfaceLimits(
                throttle(context, "throttle.engine", DEFAULTS.engine()),
                throttle(context, "throttle.internal", DEFAULTS.internal()),
                throttle(context, "throttle.webhook", DEFAULTS.webhook()),
                throttle(context, "throttle.dashboard", DEFAULTS.dashboard()),
                new Concurrency(
                        count(context, "concurrency.api", c.api()),
                        count(context, "concurrency.engine", c.engine()),
                        count(context, "concurrency.webhook", c.webhook()),
                        count(context, "concurrency.archiver", c.archiver()),
                        count(context, "concurrency.catchUp", c.catchUp()),
                        count(context, "concurrency.rollup", c.rollup()),
                        count(context, "concurrency.originCheck", c.originCheck())),
                count(context, "wafRateLimit", DEFAULTS.wafRateLimit()));
    }

    private static Throttle throttle(Function<String, Object> context, String key, Throttle fallback) {
        Object value = context.apply(key);
        return value == null || value.toString().isBlank() ? fallback : Throttle.parse(key, value.toString());
    }

    private static int count(Function<String, Object> context, String key, int fallback) {
        Object value = context.apply(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            // A number from cdk.json may arrive through jsii as a double (20.0).
            double d = Double.parseDouble(value.toString().trim());
            int n = (int) d;
            if (n < 0 || n != d) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context " + key + ": expected a whole number ≥ 0, got '" + value + "'");
        }
    }
}
