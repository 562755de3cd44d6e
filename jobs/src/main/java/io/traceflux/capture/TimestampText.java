package io.traceflux.capture;

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
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern PATTERN = Pattern.compile(GRAMMAR);
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

        int of(String text) {
            return Integer.parseInt(text, start, start + length, 10);
        }

        /** Spark's substring is 1-based. */
        Column of(Column text) {
            return substring(text, start + 1, length).cast("int");
        }
    }

    private TimestampText() {
    }

    /** The instant that {@code text} denotes, or empty when it is not in the grammar. */
    public static Optional<Instant> parse(String text) {
        Matcher m = text == null ? null : PATTERN.matcher(text);
        if (m == null || !m.matches() || !validFields(text) || !validOffset(m.group(2))) {
            return Optional.empty();
        }
        LocalDate date = LocalDate.of(YEAR.of(text), MONTH.of(text), DAY.of(text));
        long micros = date.toEpochDay() * MICROS_PER_DAY
                + HOUR.of(text) * MICROS_PER_HOUR + MINUTE.of(text) * MICROS_PER_MINUTE
                + SECOND.of(text) * MICROS_PER_SECOND
                + fractionMicros(m.group(1)) - offsetMicros(m.group(2));
        return Optional.of(Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1000L));
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

    private static boolean validFields(String text) {
        int month = MONTH.of(text);
        if (month < 1 || month > 12) {
            return false;
        }
        int day = DAY.of(text);
        return day >= 1 && day <= YearMonth.of(YEAR.of(text), month).lengthOfMonth()
                && HOUR.of(text) <= 23 && MINUTE.of(text) <= 59 && SECOND.of(text) <= 59;
    }

    private static boolean validOffset(String offset) {
        return offset == null || OFFSET_HOURS.of(offset) <= 23 && OFFSET_MINUTES.of(offset) <= 59;
    }

    /** The first six fraction digits, right-padded: truncation, never rounding. */
    private static long fractionMicros(String digits) {
        return digits == null ? 0 : Long.parseLong((digits + "00000").substring(0, 6));
    }

    private static long offsetMicros(String offset) {
        if (offset == null) {
            return 0;
        }
        long shift = OFFSET_HOURS.of(offset) * MICROS_PER_HOUR
                + OFFSET_MINUTES.of(offset) * MICROS_PER_MINUTE;
        return offset.charAt(0) == '-' ? -shift : shift;
    }
}
