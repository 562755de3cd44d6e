"""
### TraceFlux: nightly policy regression

Every night at 03:00 UTC, `traceflux regress` replays every golden window of the suite
(Variable `traceflux_suite`) through every policy version it lists, in one Spark application,
into the warehouse's `regression_runs` table. The run id is derived from the data interval
(`nightly-YYYYMMDD`, the day that ended), and so are the executions' ids: a retried or cleared
night replaces its rows, never adds a second copy.

- `regress` fails the DAG run when the command exits non-zero: 3 (a gate failed or an expected
  figure moved) and 2 (invalid suite) at once, 1 (a window could not run) after retries.
- `publish_summary` runs either way and puts the night's rows from `regression_runs` in its
  log and its XCom (`return_value`: verdict, counts, one row per window and policy), for a
  notification to pick up.
- Trigger it by hand with `candidate` (`ID@vN`) to ask what a policy change does on every
  golden window before promotion.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from airflow.sdk import CronTriggerTimetable, Param, TriggerRule, dag, task
from airflow.sdk.exceptions import AirflowFailException

from traceflux_dags import job, settings, warehouse

@dag(
    dag_id="traceflux_nightly_regression",
    # The data interval is the day that ended: a night's run id names that day.
    schedule=CronTriggerTimetable("0 3 * * *", timezone="UTC", interval=timedelta(days=1)),
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    tags=["traceflux", "regression", "nightly", "spark"],
    doc_md=__doc__,
    default_args={"owner": "traceflux"},
    params={
        "candidate": Param(None, type=["null", "string"], pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*@v[1-9][0-9]*$",
                           title="Candidate policy version",
                           description="ID@vN replayed on every window of its policy, next to the listed versions"),
    },
)
def traceflux_nightly_regression():
    @task(retries=0, multiple_outputs=True)
    def regress_arguments(params=None, data_interval_start=None) -> dict:
        """The night's command line; its run id names the data interval's day."""
        run_id = job.nightly_run_id(data_interval_start)
        args = job.regress_arguments(suite=settings.value("traceflux_suite"), run_id=run_id,
                                     warehouse=settings.value("traceflux_warehouse"),
                                     candidate=params.get("candidate"))
        return {"args": args, "run_id": run_id}

    arguments = regress_arguments()

    regress = job.TracefluxSubmitOperator(
        task_id="regress",
        name="traceflux-nightly-regression",
        application_args=arguments["args"],
        # A window that could not run (exit 1) may have met a lost executor or a busy cluster.
        retries=2,
        retry_delay=timedelta(minutes=5),
        retry_exponential_backoff=True,
        max_retry_delay=timedelta(minutes=30),
        execution_timeout=job.REGRESS_TIMEOUT,
    )

    @task(trigger_rule=TriggerRule.ALL_DONE, retries=2, retry_delay=timedelta(seconds=30))
    def publish_summary(run_id: str) -> dict:
        """The night's regression_runs rows: the log gets a table, XCom the summary."""
        summary = warehouse.night_summary(settings.value("traceflux_warehouse"), run_id)
        print(f"TraceFlux nightly regression {run_id}\n{warehouse.night_table(summary)}")
        return summary

    @task(trigger_rule=TriggerRule.ONE_FAILED, retries=0)
    def fail_the_night(dag_run=None):
        """Runs only when regress failed, and fails, so that the DAG run does too: the run's
        state follows its last tasks, and the summary after a failed regress succeeds by design."""
        raise AirflowFailException(f"the nightly regression of {dag_run.run_id} failed: "
                                   "see the regress task's log and publish_summary's table")

    summary = publish_summary(arguments["run_id"])
    regress >> summary
    regress >> fail_the_night()


traceflux_nightly_regression()
