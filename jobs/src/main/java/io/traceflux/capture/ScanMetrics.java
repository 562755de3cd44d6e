package io.traceflux.capture;

import java.util.List;

/**
 * What the file scans of one query read, from their SQL metrics ("number of files read", "size
 * of files read", "number of partitions read") and the filters the plan gave them.
 *
 * @param partitionFilters the scans' partition filters as the plan prints them
 * @param dataFilters      the filters on data columns (pushed to file statistics and Parquet)
 * @param listing          who listed the files: {@link Lake#KERNEL_LISTING}, or which Spark
 *                         reader and why
 */
public record ScanMetrics(long filesRead, long bytesRead, long partitionsRead,
                          List<String> partitionFilters, List<String> dataFilters, String listing) {

    public ScanMetrics {
        partitionFilters = List.copyOf(partitionFilters);
        dataFilters = List.copyOf(dataFilters);
    }

    /** Nothing read, as for a cut that was already there. */
    public static ScanMetrics none() {
        return new ScanMetrics(0, 0, 0, List.of(), List.of(), "nothing listed");
    }
}
