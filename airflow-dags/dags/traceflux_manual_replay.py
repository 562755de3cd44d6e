r"""
### TraceFlux: replay on demand

Triggered by hand (Trigger DAG w/ config) to replay one captured window through a pinned
policy version and compare it with a baseline, e.g. before proposing a policy change or while
reviewing an incident. It runs `traceflux replay` with spark-submit on the `traceflux_spark`
connection, then logs the execution's headline and returns it as XCom.

| param | meaning |
|---|---|
| `capture` | capture folder or URI, `@N` pins a Delta version |
| `policy` | `ID@vN` (under Variable `traceflux_policies`) or a policy file |
| `baseline` | `production`, `execution:ID`, `policy:ID@vN`; empty: the job's default |
| `scope` | e.g. `region=eu-west,pop=fra1\|ams2`; empty: the whole capture |
| `mode` | `dry-run` or `enforced` (enforced asks for promotion afterwards) |
| `execution_id` | empty: derived from the DAG run, so a retry replaces the same execution |
| `reason` | why this replay runs (recorded with the execution) |
| `triggered_by` | empty: the user who triggered the run |

Exit codes other than 1 (invalid input 2, gate failed 3, ...) fail the task without retries:
the same inputs would give the same answer. Variables: `traceflux_job_jar`,
`traceflux_warehouse`, `traceflux_policies`, `traceflux_spark_properties`.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from airflow.sdk import Param, dag, task

from traceflux_dags import job, settings, warehouse

@dag(
    dag_id="traceflux_manual_replay",
    schedule=None,
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=4,
    tags=["traceflux", "replay", "spark"],
    doc_md=__doc__,
    default_args={"owner": "traceflux", "retries": 1, "retry_delay": timedelta(minutes=2),
                  "retry_exponential_backoff": True},
    params={
        "capture": Param(type="string", minLength=1, title="Capture", description="Capture folder or URI[@version]"),
        "policy": Param(type="string", pattern=job.POLICY_PATTERN, title="Policy",
                        description="ID@vN or a policy file"),
        "baseline": Param(None, type=["null", "string"], pattern=job.BASELINE_PATTERN, title="Baseline",
                          description="production | execution:ID | policy:ID@vN; empty: the job's default"),
        "scope": Param(None, type=["null", "string"], pattern=r"^\S+=\S+$", title="Scope",
                       description="e.g. region=eu-west,pop=fra1|ams2; empty: everything"),
        "mode": Param("dry-run", type="string", enum=["dry-run", "enforced"], title="Mode"),
        "execution_id": Param(None, type=["null", "string"], pattern=job.ID_PATTERN, title="Execution id",
                              description="Empty: derived from the DAG run id"),
        "reason": Param(type="string", minLength=3, maxLength=500, title="Reason"),
        "triggered_by": Param(None, type=["null", "string"], pattern=job.NAME_PATTERN, title="Triggered by",
                              description="Empty: the user who triggered this run"),
    },
)
def traceflux_manual_replay():
    @task(retries=0, multiple_outputs=True)
    def replay_arguments(params=None, dag_run=None) -> dict:
        """The validated params as the job's command line (no retries: nothing here is transient)."""
        execution_id = params.get("execution_id") or job.execution_id_for_run(dag_run.run_id)
        triggered_by = params.get("triggered_by") or getattr(dag_run, "triggering_user_name", None) or "airflow"
        args = job.replay_arguments(params, warehouse=settings.value("traceflux_warehouse"),
                                    execution_id=execution_id, triggered_by=triggered_by)
        return {"args": args, "execution_id": execution_id}

    arguments = replay_arguments()

    replay = job.TracefluxSubmitOperator(
        task_id="replay",
        name="traceflux-replay",
        application_args=arguments["args"],
        execution_timeout=job.REPLAY_TIMEOUT,
    )

    @task(retries=2, retry_delay=timedelta(seconds=30))
    def summarize(execution_id: str) -> dict:
        """The execution's headline from the warehouse, in the log and as this task's XCom."""
        summary = warehouse.execution_summary(settings.value("traceflux_warehouse"), execution_id)
        parity = summary["parity"]
        print(f"execution {execution_id}: {summary['policy_id']}@v{summary['policy_version']} on "
              f"{summary['capture_id']}, {summary['selected_rows']} signals, {summary['incidents']} incidents")
        if parity:
            print(f"parity {parity['incident_parity']:.4f}  B-cubed F1 {parity['bcubed_f1']:.4f}  "
                  f"{parity['baseline_incidents']} baseline vs {parity['replay_incidents']} replay incidents  "
                  f"gates {'passed' if parity['gates_passed'] else 'FAILED'}")
        return summary

    replay >> summarize(arguments["execution_id"])


traceflux_manual_replay()
