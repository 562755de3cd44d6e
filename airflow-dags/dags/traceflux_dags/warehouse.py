"""
Small reads of the warehouse's control-plane tables from an Airflow task, with delta-rs
(``deltalake``) instead of a Spark session: one execution's headline, one night's regression
rows. Signal-level tables are never read here.

Only executions with status ``succeeded`` count as results (a ``running`` row is a replay in
flight or one that died; ``failed`` and ``refused`` rows produced nothing to report).
"""

from __future__ import annotations

import math
import os
from typing import Any

from deltalake import DeltaTable
from deltalake.exceptions import TableNotFoundError


def table_uri(warehouse: str, table: str) -> str:
    """The table's URI as delta-rs spells it: Hadoop's ``s3a://`` is ``s3://`` there."""
    root = warehouse.rstrip("/")
    if root.startswith("s3a://"):
        root = "s3://" + root[len("s3a://"):]
    elif root.startswith("file:"):
        root = root[len("file:"):]
        root = "/" + root.lstrip("/")
    return f"{root}/{table}"


def rows(warehouse: str, table: str, filters: list[tuple[str, str, Any]],
         columns: list[str] | None = None) -> list[dict[str, Any]]:
    """The table's rows matching every ``(column, "=", value)`` filter; [] when the table is absent."""
    try:
        delta = DeltaTable(table_uri(warehouse, table), storage_options=_storage_options())
    except TableNotFoundError:
        return []
    arrow = delta.to_pyarrow_table(columns=columns, filters=filters)
    return [{k: _plain(v) for k, v in row.items()} for row in arrow.to_pylist()]


def execution_summary(warehouse: str, execution_id: str) -> dict[str, Any]:
    """The headline of one succeeded execution: lineage, counts, parity figures and gates."""
    found = rows(warehouse, "executions", [("execution_id", "=", execution_id), ("status", "=", "succeeded")],
                 ["execution_id", "status", "mode", "policy_id", "policy_version", "policy_sha256", "capture_id",
                  "baseline", "scope", "triggered_by", "reason", "selected_rows", "quarantined_rows", "incidents"])
    if not found:
        raise LookupError(f"no succeeded execution '{execution_id}' in {table_uri(warehouse, 'executions')}")
    summary = found[0]
    parity = rows(warehouse, "parity_report", [("execution_id", "=", execution_id)],
                  ["baseline_incidents", "replay_incidents", "incident_parity", "bcubed_f1", "missing_critical",
                   "confidence", "gates_passed", "gates"])
    summary["parity"] = parity[0] if parity else None
    return summary


def night_summary(warehouse: str, run_id: str) -> dict[str, Any]:
    """
    One night of ``traceflux regress``: its regression_runs rows and what they add up to. A row's
    status is ``passed``, ``regressed`` (a gate failed that the suite does not expect to fail, or
    a pinned figure moved) or ``failed`` (the replay could not run).
    """
    found = rows(warehouse, "regression_runs", [("run_id", "=", run_id)])
    found.sort(key=lambda r: (str(r.get("window")), str(r.get("policy"))))
    statuses = [r.get("status") for r in found]
    verdict = ("no rows" if not found else "error" if "failed" in statuses
               else "regression" if "regressed" in statuses else "ok")
    return {
        "run_id": run_id,
        "verdict": verdict,
        "replays": len(found),
        "passed": statuses.count("passed"),
        "regressed": statuses.count("regressed"),
        "failed": statuses.count("failed"),
        "rows": [{k: r.get(k) for k in ("window", "policy", "execution_id", "status", "exit_code",
                                        "incident_parity", "bcubed_f1", "gates_passed", "moved", "error")}
                 for r in found],
    }


def night_table(summary: dict[str, Any]) -> str:
    """The night's rows as a fixed-width text table for the task log."""
    lines = [f"{'window':<36} {'policy':<20} {'status':<10} {'exit':>4} {'parity':>7} {'F1':>7}  gates   moved"]
    for r in summary["rows"]:
        moved = ", ".join(f"{m['figure']} {m['old']} -> {m['new']}" for m in r["moved"] or [])
        lines.append(f"{str(r['window']):<36} {str(r['policy']):<20} {str(r['status']):<10} "
                     f"{_text(r['exit_code']):>4} {_figure(r['incident_parity']):>7} {_figure(r['bcubed_f1']):>7}  "
                     f"{_gates(r['gates_passed']):<7} {moved or '-'}")
    lines.append(f"{summary['replays']} replays: {summary['passed']} passed, {summary['regressed']} regressed, "
                 f"{summary['failed']} could not run; verdict {summary['verdict']}")
    return "\n".join(lines)


def _storage_options() -> dict[str, str]:
    # Object-store credentials come from the worker's environment (AWS_*), as for Spark's s3a.
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    return {"AWS_REGION": region} if region else {}


def _plain(value: Any) -> Any:
    """XCom-friendly values: timestamps as ISO text, NaN as None."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _figure(value: Any) -> str:
    return "-" if value is None else f"{value:.4f}"


def _gates(passed: Any) -> str:
    return "-" if passed is None else "passed" if passed else "failed"


def _text(value: Any) -> str:
    return "-" if value is None else str(value)
