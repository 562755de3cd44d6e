#!/usr/bin/env python3
"""Where a Spark application's time went, from its event log (spark.eventLog.enabled=true).

Usage: bench/tools/eventlog-summary.py EVENT_LOG_FILE [--top N]

Prints one line per SQL execution (a write, a collect, a count: what the driver asked for), in
order: when it started, how long it took, its tasks, the executor time they used, the shuffle
bytes written, the bytes spilled and the JVM GC time inside tasks; then the time no SQL
execution was running (the driver alone: planning, Delta commits, session start), and the
heaviest executions. Standard library only.
"""
import json
import sys
from collections import defaultdict


def main(path, top):
    app_start = app_end = None
    sql = {}            # execution id -> dict
    job_sql = {}        # job id -> execution id
    stage_job = {}      # stage id -> job id
    for line in open(path, encoding="utf-8"):
        e = json.loads(line)
        ev = e["Event"]
        if ev == "SparkListenerApplicationStart":
            app_start = e["Timestamp"]
        elif ev == "SparkListenerApplicationEnd":
            app_end = e["Timestamp"]
        elif ev.endswith("SparkListenerSQLExecutionStart"):
            sql[e["executionId"]] = dict(desc=e["description"], start=e["time"], end=e["time"], tasks=0,
                                         run=0.0, shuffle=0, spill=0, gc=0.0, jobs=0)
        elif ev.endswith("SparkListenerSQLExecutionEnd"):
            sql[e["executionId"]]["end"] = e["time"]
        elif ev == "SparkListenerJobStart":
            xid = e.get("Properties", {}).get("spark.sql.execution.id")
            if xid is not None and int(xid) in sql:
                job_sql[e["Job ID"]] = int(xid)
                sql[int(xid)]["jobs"] += 1
            for s in e["Stage Infos"]:
                stage_job[s["Stage ID"]] = e["Job ID"]
        elif ev == "SparkListenerTaskEnd":
            job = stage_job.get(e["Stage ID"])
            xid = job_sql.get(job)
            m = e.get("Task Metrics") or {}
            if xid is None or not m:
                continue
            x = sql[xid]
            x["tasks"] += 1
            x["run"] += m.get("Executor Run Time", 0) / 1000
            x["gc"] += m.get("JVM GC Time", 0) / 1000
            x["shuffle"] += m.get("Shuffle Write Metrics", {}).get("Shuffle Bytes Written", 0)
            x["spill"] += m.get("Disk Bytes Spilled", 0)
    if app_start is None:
        sys.exit("no application start event in " + path)
    end = app_end or max(x["end"] for x in sql.values())
    print(f"{'start':>8} {'wall':>7} {'tasks':>6} {'task s':>7} {'shufMiB':>8} {'spillMiB':>8} {'gc s':>6}  what")
    covered = []
    for xid, x in sorted(sql.items(), key=lambda kv: kv[1]["start"]):
        if x["jobs"] == 0 and x["end"] - x["start"] < 500:
            continue
        covered.append((x["start"], x["end"]))
        print(f"{(x['start'] - app_start) / 1000:8.1f} {(x['end'] - x['start']) / 1000:7.1f} {x['tasks']:6d}"
              f" {x['run']:7.1f} {x['shuffle'] / 2**20:8.1f} {x['spill'] / 2**20:8.1f} {x['gc']:6.1f}  {x['desc'][:70]}")
    busy = 0
    last = app_start
    for s, t in sorted(covered):
        if t > last:
            busy += t - max(s, last)
            last = t
    total = (end - app_start) / 1000
    print(f"\napplication {total:.1f} s: SQL executions running {busy / 1000:.1f} s,"
          f" driver alone (planning, commits, start) {total - busy / 1000:.1f} s")
    print(f"tasks: {sum(x['tasks'] for x in sql.values())}, executor time"
          f" {sum(x['run'] for x in sql.values()):.1f} s, GC in tasks {sum(x['gc'] for x in sql.values()):.1f} s,"
          f" shuffle written {sum(x['shuffle'] for x in sql.values()) / 2**20:.0f} MiB,"
          f" spilled {sum(x['spill'] for x in sql.values()) / 2**20:.0f} MiB")
    by_site = defaultdict(lambda: [0, 0.0, 0.0])
    for x in sql.values():
        site = x["desc"].split(" at ")[-1] if " at " in x["desc"] else x["desc"]
        by_site[site][0] += 1
        by_site[site][1] += (x["end"] - x["start"]) / 1000
        by_site[site][2] += x["run"]
    print(f"\nheaviest call sites (wall s, executor s):")
    for site, (n, wall, run) in sorted(by_site.items(), key=lambda kv: -kv[1][1])[:top]:
        print(f"  {wall:7.1f} {run:7.1f}  x{n:<3d} {site[:80]}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    n = int(args[args.index("--top") + 1]) if "--top" in args else 12
    main(args[0], n)
