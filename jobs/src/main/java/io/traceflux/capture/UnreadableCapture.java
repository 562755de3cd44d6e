package io.traceflux.capture;

import io.traceflux.InvalidInputException;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Tells a capture file that cannot be read (truncated, not Parquet, failing its checksum, listed
 * by the Delta log but missing) from a failure of the job, when reading the signals fails: such a capture is invalid
 * input (exit 2) with one line naming the file, not an unexpected failure.
 */
public final class UnreadableCapture {

    /** What Spark and Parquet say when a file cannot be read, in any message of the cause chain. */
    private static final List<String> MARKERS = List.of("is not a Parquet file", "Could not read footer",
            "CANNOT_READ_FILE_FOOTER", "while reading file", "FAILED_READ_FILE", "does not exist",
            "can not read class org.apache.parquet", "Checksum error");

    /** Where those messages name the file, most specific first. */
    private static final List<Pattern> FILE = List.of(
            Pattern.compile("(\\S+) is not a Parquet file"),
            Pattern.compile("footer for file: (\\S+?)\\.?(?:\\s|$)"),
            Pattern.compile("reading file (\\S+?)\\.?(?:\\s|$)"),
            Pattern.compile("File (\\S+) does not exist"),
            Pattern.compile("Checksum error: (\\S+) at"));

    private UnreadableCapture() {
    }

    /**
     * {@code failure} as invalid input naming the unreadable file of {@code capture}, or empty
     * when it is not about reading a file.
     */
    public static Optional<InvalidInputException> explain(Throwable failure, String capture) {
        boolean unreadable = false;
        Throwable root = failure;
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            root = t;
            String message = String.valueOf(t.getMessage());
            messages.append(message).append('\n');
            unreadable |= t instanceof ParquetDecodingException || t instanceof EOFException
                    || t instanceof FileNotFoundException || MARKERS.stream().anyMatch(message::contains);
        }
        if (!unreadable) {
            return Optional.empty();
        }
        return Optional.of(new InvalidInputException("capture " + capture + ": cannot read "
                + file(messages.toString()).orElse("a signals file") + ": "
                + firstLine(String.valueOf(root.getMessage())), failure));
    }

    private static Optional<String> file(String messages) {
        for (Pattern p : FILE) {
            Matcher m = p.matcher(messages);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
