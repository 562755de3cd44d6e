package io.traceflux.governance;

import java.net.URL;
import java.util.regex.Pattern;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for Kernel's Parquet reads in which Hadoop's default resources ({@code core-default.xml},
 * {@code core-site.xml}, {@code hdfs-default.xml}, ...) are not found.
 *
 * <p>Why: Delta Kernel 3.3 opens every Parquet file through parquet-mr's
 * {@code ParquetReader.Builder(Path)}, which creates a {@code new Configuration()} and reads an
 * option from it, so Hadoop parses its default resources once per file before Kernel replaces
 * that configuration with the engine's own ({@code withConf}). On a control-plane table of one
 * small file per execution that parse was two thirds of {@code executions list} and
 * {@code audit verify}. A {@code Configuration} looks its default resources up through the
 * context class loader of the thread that creates it; in these threads that loader hides them,
 * so the throw-away configuration is empty. The engine's configuration, created elsewhere, keeps
 * every default and site setting, and it is the one the reads use.
 */
final class ParquetReaderThreads implements ThreadFactory {

    /** core-default.xml, hdfs-site.xml, ...: every default resource a Hadoop class registers. */
    private static final Pattern HADOOP_DEFAULTS = Pattern.compile("[a-z-]+-(default|site)\\.xml");

    private final ClassLoader loader;
    private final AtomicInteger count = new AtomicInteger();

    ParquetReaderThreads() {
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        this.loader = new WithoutHadoopDefaults(parent != null ? parent : KernelTables.class.getClassLoader());
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread t = new Thread(task, "traceflux-parquet-reader-" + count.incrementAndGet());
        t.setDaemon(true);
        t.setContextClassLoader(loader);
        return t;
    }

    /** Delegates everything but the lookup of Hadoop's default resources, which finds nothing. */
    private static final class WithoutHadoopDefaults extends ClassLoader {
        WithoutHadoopDefaults(ClassLoader parent) {
            super(parent);
        }

        @Override
        public URL getResource(String name) {
            return HADOOP_DEFAULTS.matcher(name).matches() ? null : super.getResource(name);
        }
    }
}
