package io.traceflux.bundle;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lower-case hex, of bytes, of a stream, or of what passes through an output stream. */
public final class Sha256 {

    private Sha256() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Reads {@code in} to its end; returns the file's hash and size. */
    static BundleFile of(String path, InputStream in) throws IOException {
        MessageDigest md = digest();
        byte[] buffer = new byte[1 << 16];
        long size = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            md.update(buffer, 0, n);
            size += n;
        }
        return new BundleFile(path, size, HexFormat.of().formatHex(md.digest()));
    }

    /** An output stream that counts and hashes what it writes. */
    static final class Counting extends FilterOutputStream {
        private final MessageDigest md = digest();
        private long size;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            md.update((byte) b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            md.update(b, off, len);
            size += len;
        }

        BundleFile file(String path) {
            return new BundleFile(path, size, HexFormat.of().formatHex(md.digest()));
        }
    }
}
