package perpwatch.archive;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.InstrumentRegistry;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;

/**
 * What the EventBridge schedules ask for: roll one hour (by default the previous one) of every dataset of every
 * configured instrument, or one day (by default yesterday), re-rolling its 24 hours first so parts that arrived after
 * their hourly run are not left out of the day.
 */
public final class ScheduledRollup {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRollup.class);
    private static final DateTimeFormatter HOUR_ARG = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH");

    private final HourlyRollup rollup;
    private final List<Dataset.Located> datasets;
    private final LongSupplier clock;

    public ScheduledRollup(HourlyRollup rollup, InstrumentRegistry instruments, LongSupplier clock) {
        this.rollup = rollup;
        this.datasets = datasets(instruments);
        this.clock = clock;
    }

    /** Every archived dataset: each instrument's streams, and the Drift events. */
    static List<Dataset.Located> datasets(InstrumentRegistry instruments) {
        Set<String> keys = new LinkedHashSet<>();
        for (Instrument instrument : instruments.all()) {
            StreamKeys.all(instrument).stream().map(StreamKey::name).forEach(keys::add);
        }
        keys.add(StreamKeys.driftEvents().name());
        List<Dataset.Located> located = new ArrayList<>();
        keys.forEach(k -> Dataset.locate(k).ifPresent(located::add));
        return located;
    }

    /** @param hour {@code YYYY-MM-DDTHH} (UTC), or null for the hour before now; returns rows written */
    public int rollHour(String hour) {
        long start = hour == null
                ? clock.getAsLong() - 3_600_000L
                : LocalDateTime.parse(hour + ":00", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"))
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
        String day = ArchivePaths.day(start);
        String hh = ArchivePaths.hour(start);
        int rows = 0;
        for (Dataset.Located d : datasets) {
            rows += rollup.rollHour(d.dataset(), d.path(), day, hh);
        }
        LOG.info("rolled hour {}/{}: {} rows over {} datasets", day, hh, rows, datasets.size());
        return rows;
    }

    /** @param day {@code YYYYMMDD} (UTC), or null for yesterday; returns rows in the daily files */
    public int rollDay(String day) {
        String d = day == null ? ArchivePaths.day(clock.getAsLong() - 86_400_000L) : day;
        int rows = 0;
        for (Dataset.Located located : datasets) {
            for (int h = 0; h < 24; h++) {
                rollup.rollHour(located.dataset(), located.path(), d, String.format("%02d", h));
            }
            rows += rollup.rollDay(located.dataset(), located.path(), d);
        }
        LOG.info("rolled day {}: {} rows over {} datasets", d, rows, datasets.size());
        return rows;
    }

    /** The {@code --hour} form of an instant, for messages and the CLI. */
    public static String hourArg(long epochMs) {
        return HOUR_ARG.format(Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC));
    }
}
