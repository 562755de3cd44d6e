"""
The TraceFlux job as the DAGs submit it: its command lines, and a SparkSubmitOperator that
tells a failure worth retrying from one that is not, by the job's exit code (SPEC 7.1).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk.exceptions import AirflowException, AirflowFailException

from traceflux_dags import settings

MAIN_CLASS = "io.traceflux.cli.Main"

#: What each exit code of the job means; all but 1 are answers, not accidents, and a retry
#: would give the same answer (a gate that failed fails again on the same inputs).
EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "unexpected failure",
    2: "invalid input (arguments, policy, capture)",
    3: "a gate failed (or a regression figure moved)",
    4: "governance refused the action",
    5: "a verification failed",
}
RETRYABLE_EXIT_CODES = frozenset({1})

#: ``[A-Za-z0-9][A-Za-z0-9._-]{0,127}``: execution ids and names (SPEC 6.1, 7.1).
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"
#: Who triggered or approved: a person or service account (SPEC 6.1).
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$"
#: A policy file, or ID@vN resolved under the policies folder.
POLICY_PATTERN = r"^(\S+\.(yaml|yml|json)|[A-Za-z0-9][A-Za-z0-9._-]*@v[1-9][0-9]*)$"
#: production, execution:ID, policy:PATH|ID@vN.
BASELINE_PATTERN = r"^(production|execution:[A-Za-z0-9][A-Za-z0-9._-]{0,127}|policy:\S+)$"

#: How long one submit may take before Airflow stops it; a replay of a 10-minute window takes
#: minutes, a night's suite a few.
REPLAY_TIMEOUT = timedelta(hours=2)
REGRESS_TIMEOUT = timedelta(hours=3)


def execution_id_for_run(run_id: str) -> str:
    """
    The execution id of a DAG run that named none: derived from the run id, so a retried or
    cleared task replaces the same execution's rows instead of adding a second execution.
    """
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "-", run_id).strip("-.")
    return ("airflow-" + cleaned)[:128].rstrip("-.")


def replay_arguments(params: Mapping[str, Any], *, warehouse: str, execution_id: str,
                     triggered_by: str) -> list[str]:
    """The ``traceflux replay`` command line for the manual DAG's validated params."""
    args = ["replay", "--capture", params["capture"], "--policy", params["policy"]]
    for option, key in (("--baseline", "baseline"), ("--scope", "scope")):
        if params.get(key):
            args += [option, params[key]]
    args += [
        "--mode", params.get("mode") or "dry-run",
        "--execution-id", execution_id,
        "--triggered-by", triggered_by,
        "--reason", params["reason"],
        "--warehouse", warehouse,
    ]
    return args


def nightly_run_id(data_interval_start: datetime) -> str:
    """The regression run id of the night whose data interval starts then: a retried or cleared
    night derives the same id, so its executions and rows are replaced, not duplicated."""
    return f"nightly-{data_interval_start:%Y%m%d}"


def regress_arguments(*, suite: str, run_id: str, warehouse: str, candidate: str | None) -> list[str]:
    """The ``traceflux regress`` command line of one night."""
    args = ["regress", "--suite", suite, "--run-id", run_id, "--warehouse", warehouse]
    if candidate:
        args += ["--candidate", candidate]
    return args


class TracefluxSubmitOperator(SparkSubmitOperator):
    """
    spark-submit of the TraceFlux job jar (Variable ``traceflux_job_jar``) with the
    ``traceflux_spark`` Connection. Exit code 1 stays an ordinary failure, retried as the task
    says; any other non-zero exit fails the task at once with what the code means.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("application", settings.template("traceflux_job_jar"))
        kwargs.setdefault("java_class", MAIN_CLASS)
        kwargs.setdefault("conn_id", settings.SPARK_CONN_ID)
        kwargs.setdefault("properties_file", settings.template("traceflux_spark_properties"))
        kwargs.setdefault("env_vars", {"TRACEFLUX_POLICIES": settings.template("traceflux_policies")})
        super().__init__(**kwargs)

    def execute(self, context: Any) -> None:
        try:
            super().execute(context)
        except AirflowException as failure:
            code = self.job_exit_code()
            if code is None or code in RETRYABLE_EXIT_CODES:
                raise
            meaning = EXIT_CODES.get(code, "unknown exit code")
            raise AirflowFailException(f"traceflux exited {code}: {meaning}; not retried, the same "
                                       f"inputs give the same answer") from failure

    def job_exit_code(self) -> int | None:
        """The job's exit code after a failed submit: spark-submit's own in client mode, the
        driver pod's on Kubernetes; None when spark-submit never ran."""
        hook = self._hook
        if hook is None:
            return None
        if getattr(hook, "_is_kubernetes", False) and getattr(hook, "_spark_exit_code", None):
            return int(hook._spark_exit_code)
        process = getattr(hook, "_submit_sp", None)
        return None if process is None else process.returncode
