package io.traceflux.policy;

import io.traceflux.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a policy version from {@code policies/<id>/v<N>.yaml} (or {@code .yml}, {@code .json}):
 * parse, validate every rule of SPEC 3 and report all errors of the file at once as a
 * {@link PolicyValidationException} (an {@link InvalidInputException}: exit code 2).
 *
 * <p>A file is read only up to {@value #MAX_BYTES} bytes: a larger one is refused before any of it
 * is parsed, and so is one that is not UTF-8. The parser's own limits are in {@link DocumentReader}.
 */
public final class PolicyLoader {

    /** The largest policy file read (256 KiB); the policies of this project are a few KiB. */
    public static final int MAX_BYTES = 256 * 1024;

    private PolicyLoader() {
    }

    /** The validated policy; {@link Policy#text()} is the file's exact text. */
    public static Policy load(Path file) {
        return PolicyReader.read(file, readText(file, "policy file"));
    }

    /**
     * The validated policy in {@code text} as if read from {@code file} (the id and version are
     * checked against that path): what an execution recorded, read back without the file.
     */
    public static Policy fromText(Path file, String text) {
        return PolicyReader.read(file, text);
    }

    /** The parsed but unvalidated document, for hashing and diffs of any YAML or JSON file. */
    public static PolicyDocument parseDocument(Path file) {
        return PolicyDocument.parse(readText(file, "policy file"), file.toString());
    }

    /**
     * The UTF-8 text of a document file ({@code what}: "policy file", "suite file"), its
     * problems as invalid input that names the file: missing, unreadable, larger than the
     * limit (checked before parsing), or not UTF-8.
     */
    public static String readText(Path file, String what) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(what + " not found: " + file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + " " + file + ": " + e, e);
        }
        if (bytes.length > MAX_BYTES) {
            throw error(file, 0, "larger than " + MAX_BYTES / 1024 + " KiB, the most a " + what + " may hold");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalidByte(bytes);
            throw error(file, lineAt(bytes, bad), String.format("not UTF-8 text (byte 0x%02X at offset %d)", bytes[bad] & 0xFF, bad));
        }
    }

    private static PolicyValidationException error(Path file, int line, String message) {
        return new PolicyValidationException(List.of(new PolicyError(file.toString(), "", line, message)));
    }

    /** Where the UTF-8 decoder stops: the offset of the first byte that is not valid UTF-8. */
    private static int firstInvalidByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
