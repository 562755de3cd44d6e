package io.traceflux.regress;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A print stream that indents every line it passes on, so that nested progress reads as nested. */
final class IndentedStream extends OutputStream {

    private final PrintStream out;
    private final byte[] indent;
    private boolean lineStart = true;

    private IndentedStream(PrintStream out, String indent) {
        this.out = out;
        this.indent = indent.getBytes(StandardCharsets.UTF_8);
    }

    static PrintStream of(PrintStream out, String indent) {
        return new PrintStream(new IndentedStream(out, indent), true, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) throws IOException {
        if (lineStart) {
            out.write(indent);
        }
        out.write(b);
        lineStart = b == '\n';
    }

    @Override
    public void flush() {
        out.flush();
    }
}
