#!/usr/bin/env python3
"""Hot methods of a JFR recording (settings=profile), by self and by inclusive samples.

Usage: bench/tools/jfr-top.py RECORDING.jfr [--top N]

Runs `jfr print --events jdk.ExecutionSample` and counts: Spark task samples by activity (cache
building, sort, shuffle, Parquet, window, SHA-256, regex, ...: the innermost recognised frame),
then per thread kind (Spark task threads vs the driver's main thread vs the rest) the top frame
of each sample (self) and every distinct method on the stack (inclusive). Standard library only; needs the JDK's `jfr` on PATH.
"""
import re
import subprocess
import sys
from collections import Counter

FRAME = re.compile(r"^\s+([\w$.<>]+)\(")

# What a task sample is doing: the first of these patterns met from the top of its stack.
ACTIVITIES = [
    ("SHA-256", ("MessageDigest", "DigestUtils", "sun.security.provider")),
    ("regex", ("java.util.regex",)),
    ("to_json", ("JacksonGenerator", "StructsToJson", "com.fasterxml.jackson.core")),
    ("in-memory cache: build", ("columnar.compression", "ColumnBuilder", "CachedRDDBuilder",
                                "DefaultCachedBatchSerializer$$anon$1")),
    ("in-memory cache: read", ("ColumnAccessor", "ColumnarIterator", "columnar.compression.PassThrough")),
    ("sort", ("UnsafeExternalSorter", "UnsafeInMemorySorter", "TimSort", "UnsafeExternalRowSorter",
              "UnsafeSorterSpillReader", "UnsafeSorterSpillWriter")),
    ("window", ("execution.window.",)),
    ("shuffle write", ("ShuffleWriter", "ShuffleExternalSorter", "DiskBlockObjectWriter", "LZ4BlockOutputStream",
                       "ShuffleWriteProcessor")),
    ("shuffle read", ("ShuffleBlockFetcherIterator", "LZ4BlockInputStream", "UnsafeRowSerializer",
                      "BlockStoreShuffleReader")),
    ("Parquet/Delta write", ("ParquetWriteSupport", "parquet.column", "InternalParquetRecordWriter",
                             "parquet.hadoop", "DeltaFileFormatWriter", "FileFormatDataWriter")),
    ("Parquet read", ("VectorizedParquetRecordReader", "parquet.", "ParquetFileFormat")),
    ("aggregation", ("aggregate.", "BytesToBytesMap", "UnsafeFixedWidthAggregationMap")),
    ("join", ("joins.",)),
    # Last: helpers such as UTF8String or UnsafeWriter are skipped, so the operator calling them decides.
    ("generated code (projections, filters, expressions)", ("GeneratedClass", "GeneratedIterator")),
]


def activity(frames):
    for frame in frames:
        for name, patterns in ACTIVITIES:
            if any(p in frame for p in patterns):
                return name
    return "other"


def kind(thread):
    if "Executor task launch worker" in thread:
        return "task"
    if thread.startswith('"main"'):
        return "driver main"
    return "other"


def main(path, top):
    proc = subprocess.Popen(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", path],
                            stdout=subprocess.PIPE, text=True, bufsize=1 << 20)
    self_count = {}
    incl_count = {}
    samples = Counter()
    activities = Counter()
    thread = None
    frames = []
    in_stack = False
    for line in proc.stdout:
        if line.startswith("jdk.ExecutionSample"):
            thread, frames, in_stack = None, [], False
        elif "sampledThread = " in line:
            thread = line.split("=", 1)[1].strip()
        elif "stackTrace = [" in line:
            in_stack = True
        elif in_stack and line.strip() == "]":
            in_stack = False
            k = kind(thread or "")
            samples[k] += 1
            if k == "task":
                activities[activity(frames)] += 1
            if frames:
                self_count.setdefault(k, Counter())[frames[0]] += 1
                incl_count.setdefault(k, Counter()).update(set(frames))
        elif in_stack:
            m = FRAME.match(line)
            if m:
                frames.append(m.group(1))
    proc.wait()
    total = sum(samples.values())
    print(f"{total} samples: " + ", ".join(f"{k} {n} ({100 * n / total:.0f}%)" for k, n in samples.most_common()))
    print("\n== task samples by activity (innermost recognised frame)")
    for name, c in activities.most_common():
        print(f"  {100 * c / max(samples['task'], 1):5.1f}%  {name}")
    for k, _ in samples.most_common():
        n = samples[k]
        print(f"\n== {k}: self (top frame)")
        for m, c in self_count.get(k, Counter()).most_common(top):
            print(f"  {100 * c / n:5.1f}%  {m}")
        print(f"== {k}: inclusive (on the stack)")
        for m, c in incl_count.get(k, Counter()).most_common(top * 3):
            if not m.startswith(("java.lang.Thread.run", "java.util.concurrent.ThreadPoolExecutor",
                                 "org.apache.spark.executor.Executor$TaskRunner", "scala.")):
                print(f"  {100 * c / n:5.1f}%  {m}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    main(args[0], int(args[args.index("--top") + 1]) if "--top" in args else 25)
