package perpwatch.cdk;

import software.amazon.awscdk.services.logs.RetentionDays;

/** CloudWatch accepts only certain retention periods: the shortest one that keeps at least the days asked for. */
final class Retention {
    private static final int[] ALLOWED = {
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653
    };

    private Retention() {}

    static RetentionDays days(int days) {
        for (int allowed : ALLOWED) {
            if (allowed >= days) {
                for (RetentionDays r : RetentionDays.values()) {
                    if (r.name().equals(name(allowed))) {
                        return r;
                    }
                }
            }
        }
        return RetentionDays.TEN_YEARS;
    }

    private static String name(int days) {
        return switch (days) {
            case 1 -> "ONE_DAY";
            case 3 -> "THREE_DAYS";
            case 5 -> "FIVE_DAYS";
            case 7 -> "ONE_WEEK";
            case 14 -> "TWO_WEEKS";
            case 30 -> "ONE_MONTH";
            case 60 -> "TWO_MONTHS";
            case 90 -> "THREE_MONTHS";
            case 120 -> "FOUR_MONTHS";
            case 150 -> "FIVE_MONTHS";
            case 180 -> "SIX_MONTHS";
            case 365 -> "ONE_YEAR";
            case 400 -> "THIRTEEN_MONTHS";
            case 545 -> "EIGHTEEN_MONTHS";
            case 731 -> "TWO_YEARS";
            case 1096 -> "THREE_YEARS";
            case 1827 -> "FIVE_YEARS";
            case 2192 -> "SIX_YEARS";
            case 2557 -> "SEVEN_YEARS";
            case 2922 -> "EIGHT_YEARS";
            case 3288 -> "NINE_YEARS";
            default -> "TEN_YEARS";
        };
    }
}
