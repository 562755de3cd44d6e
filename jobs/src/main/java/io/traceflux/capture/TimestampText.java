package io.traceflux.capture;

import io.traceflux.InvalidInputException;
import io.traceflux.policy.PolicySyntaxException;
import io.traceflux.policy.Timestamps;

import static io.traceflux.capture.TimestampText.Field.DAY;
import static io.traceflux.capture.TimestampText.Field.HOUR;
import static io.traceflux.capture.TimestampText.Field.MINUTE;
import static io.traceflux.capture.TimestampText.Field.MONTH;
import static io.traceflux.capture.TimestampText.Field.OFFSET_HOURS;
import static io.traceflux.capture.TimestampText.Field.OFFSET_MINUTES;
import static io.traceflux.capture.TimestampText.Field.SECOND;
import static io.traceflux.capture.TimestampText.Field.YEAR;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.rpad;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.Optional;
import org.apache.spark.sql.Column;

/**
 * The timestamp text of SPEC 2.1, {@code YYYY-MM-DD[T or space]HH:MM:SS[.fraction][Z or ±HH:MM]},
 * parsed identically on the driver ({@link #parse(String)}) and in Spark ({@link #parse(Column)}).
 *
 * <p>The grammar is strict: ASCII digits only, an upper-case {@code T} or one space between
 * date and time, an upper-case {@code Z}, no surrounding whitespace. The date must exist, hours
 * are 00–23, minutes and seconds 00–59 (no leap second), offset hours 00–23 and minutes
 * 00–59; a fraction of any length is truncated to microseconds; text without an offset is UTC.
 * Anything else is unparseable (empty / null).
 */
public final class TimestampText {

    /**
     * The whole grammar. Groups: 1 fraction digits, 2 the numeric offset. {@code [0-9]} rather
     * than {@code \d} spells out "ASCII digits"; {@code \A...\z} rather than {@code ^...$}
     * because {@code $} would also accept a trailing line break, and Spark uses find().
     */
    static final String GRAMMAR = "\\A[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}"
            + "(?:\\.([0-9]+))?(?:Z|([+-][0-9]{2}:[0-9]{2}))?\\z";

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    private static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

    /** Where each number sits (0-based) in a text that fits the grammar, or in its offset. */
    enum Field {
        YEAR(0, 4), MONTH(5, 2), DAY(8, 2), HOUR(11, 2), MINUTE(14, 2), SECOND(17, 2),
        OFFSET_HOURS(1, 2), OFFSET_MINUTES(4, 2);

        private final int start;
        private final int length;

        Field(int start, int length) {
            this.start = start;
            this.length = length;
        }

        /** Spark's substring is 1-based. */
        Column of(Column text) {
            return substring(text, start + 1, length).cast("int");
        }
    }

    private TimestampText() {
    }

    /**
     * The instant that {@code text} denotes, or empty when it is not in the grammar. The Java
     * side is {@link Timestamps} (also used for policy maintenance times), so there is one
     * grammar on the driver; the tests run one table of cases through both sides.
     */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Timestamps.parse(text));
        } catch (PolicySyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * The instant of a command-line option's value; an {@link InvalidInputException}
     * naming {@code option} and showing the grammar when it is not one.
     */
    public static Instant option(String option, String text) {
        return parse(text).orElseThrow(() -> new InvalidInputException(option + ": '" + text
                + "' is not a timestamp like 2026-11-20T10:03:07.125Z"
                + " (YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|+HH:MM])"));
    }

    /**
     * A TimestampType column holding the instant that the string column {@code text} denotes,
     * or null when it is not in the grammar. Built-in expressions only. Every conversion is
     * guarded by the grammar check (And/Or/CASE short-circuit), so it also holds with ANSI on.
     */
    public static Column parse(Column text) {
        Column fits = text.rlike(GRAMMAR)
                .and(MONTH.of(text).between(1, 12))
                .and(HOUR.of(text).leq(23))
                .and(MINUTE.of(text).leq(59))
                // make_timestamp would roll second 60 into the next minute: reject it here.
                .and(SECOND.of(text).leq(59));
        Column offset = regexp_extract(text, GRAMMAR, 2);
        Column offsetFits = offset.equalTo("")
                .or(OFFSET_HOURS.of(offset).leq(23).and(OFFSET_MINUTES.of(offset).leq(59)));
        Column firstOfMonth = make_date(YEAR.of(text), MONTH.of(text), lit(1));
        Column dayFits = DAY.of(text).between(1, dayofmonth(last_day(firstOfMonth)));
        return when(fits.and(offsetFits), when(dayFits, timestamp_micros(micros(text, offset))));
    }

    /** Microseconds since the epoch of a text that already fits the grammar. */
    private static Column micros(Column text, Column offset) {
        Column date = make_date(YEAR.of(text), MONTH.of(text), DAY.of(text));
        Column time = HOUR.of(text).multiply(MICROS_PER_HOUR)
                .plus(MINUTE.of(text).multiply(MICROS_PER_MINUTE))
                .plus(SECOND.of(text).multiply(MICROS_PER_SECOND));
        Column digits = regexp_extract(text, GRAMMAR, 1);
        Column fraction = when(digits.equalTo(""), lit(0L))
                .otherwise(rpad(substring(digits, 1, 6), 6, "0").cast("long"));
        Column magnitude = OFFSET_HOURS.of(offset).multiply(MICROS_PER_HOUR)
                .plus(OFFSET_MINUTES.of(offset).multiply(MICROS_PER_MINUTE));
        Column shift = when(offset.equalTo(""), lit(0L))
                .when(substring(offset, 1, 1).equalTo("-"), negate(magnitude))
                .otherwise(magnitude);
        return unix_date(date).cast("long").multiply(MICROS_PER_DAY)
                .plus(time).plus(fraction).minus(shift);
    }
}
