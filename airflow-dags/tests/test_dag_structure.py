"""Both DAGs load into a DagBag as the DAG processor loads them, and are built as documented."""

from __future__ import annotations

import ast
import copy
from datetime import datetime, timedelta, timezone

import pytest
from airflow.sdk import TriggerRule

from conftest import DAGS
from traceflux_dags import job

DAG_IDS = {"traceflux_manual_replay", "traceflux_nightly_regression"}


def test_every_dag_imports_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == DAG_IDS


@pytest.mark.parametrize("dag_id", sorted(DAG_IDS))
def test_dags_are_documented_tagged_and_owned(dagbag, dag_id):
    dag = dagbag.dags[dag_id]
    assert "traceflux" in dag.tags
    assert dag.doc_md and dag.doc_md.strip().startswith("### TraceFlux")
    assert dag.catchup is False
    for task in dag.tasks:
        assert task.owner == "traceflux"


def test_dag_files_use_the_task_sdk_only():
    """Airflow 3 idioms: airflow.sdk for authoring, no sla=, no legacy authoring modules."""
    legacy = ("airflow.models", "airflow.decorators", "airflow.operators", "airflow.utils", "airflow.exceptions")
    for path in list(DAGS.glob("*.py")) + list(DAGS.glob("traceflux_dags/*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(legacy), f"{path.name} imports {node.module}"
            if isinstance(node, ast.keyword):
                assert node.arg not in ("sla", "schedule_interval"), f"{path.name} passes {node.arg}="


def test_manual_replay_is_triggered_by_hand_with_validated_params(dagbag):
    dag = dagbag.dags["traceflux_manual_replay"]
    assert dag.schedule is None
    params = dag.params
    assert set(params.keys()) == {"capture", "policy", "baseline", "scope", "mode", "execution_id", "reason",
                                  "triggered_by"}
    assert params.get_param("mode").value == "dry-run"
    assert params.get_param("mode").schema["enum"] == ["dry-run", "enforced"]
    for optional in ("baseline", "scope", "execution_id", "triggered_by"):
        assert params.get_param(optional).value is None, optional

    valid = {"capture": "/captures/inc-1@3", "policy": "tt-checkout@v2", "reason": "check v2",
             "baseline": "policy:tt-checkout@v1", "execution_id": "inc-1.v2", "triggered_by": "ana@example.com"}
    resolved = _validated(dag, valid)
    assert resolved["mode"] == "dry-run" and resolved["triggered_by"] == "ana@example.com"


@pytest.mark.parametrize("bad", [
    {"policy": "tt-checkout"},                      # neither a file nor ID@vN
    {"policy": "tt-checkout@v0"},
    {"baseline": "yesterday"},
    {"mode": "enforce"},
    {"execution_id": "-starts-with-a-dash"},
    {"execution_id": "x" * 129},
    {"triggered_by": "two words"},
    {"reason": ""},
    {"capture": ""},
])
def test_manual_replay_refuses_invalid_params(dagbag, bad):
    from airflow.sdk.exceptions import ParamValidationError

    good = {"capture": "/captures/inc-1", "policy": "tt-checkout@v2", "reason": "check v2"}
    with pytest.raises(ParamValidationError):
        _validated(dagbag.dags["traceflux_manual_replay"], {**good, **bad})


def test_manual_replay_needs_capture_policy_and_reason(dagbag):
    from airflow.sdk.exceptions import ParamValidationError

    dag = dagbag.dags["traceflux_manual_replay"]
    for missing in ("capture", "policy", "reason"):
        conf = {"capture": "/captures/inc-1", "policy": "tt-checkout@v2", "reason": "check v2"}
        del conf[missing]
        with pytest.raises(ParamValidationError, match=missing):
            _validated(dag, conf)


def test_manual_replay_tasks_and_retries(dagbag):
    dag = dagbag.dags["traceflux_manual_replay"]
    arguments, replay, summarize = (dag.get_task(t) for t in ("replay_arguments", "replay", "summarize"))
    assert isinstance(replay, job.TracefluxSubmitOperator)
    assert replay.upstream_task_ids == {"replay_arguments"}
    assert summarize.upstream_task_ids == {"replay_arguments", "replay"}
    assert arguments.retries == 0
    # A lost executor or a busy cluster may pass; every other exit code is final (see test_exit_codes).
    assert replay.retries == 1 and replay.retry_exponential_backoff
    assert replay.execution_timeout == job.REPLAY_TIMEOUT
    assert replay._java_class == job.MAIN_CLASS and replay._conn_id == "traceflux_spark"
    assert "traceflux_job_jar" in replay.application


def test_nightly_runs_every_night_over_the_day_that_ended(dagbag):
    dag = dagbag.dags["traceflux_nightly_regression"]
    assert dag.max_active_runs == 1
    timetable = dag.timetable
    assert type(timetable).__name__ == "CronTriggerTimetable"
    assert timetable.expression == "0 3 * * *" and str(timetable.timezone) == "UTC"
    # The data interval is the day before the trigger; the run id names that day.
    assert timetable.interval == timedelta(days=1)
    assert job.nightly_run_id(datetime(2026, 12, 6, 3, 0, tzinfo=timezone.utc)) == "nightly-20261206"


def test_nightly_tasks_retries_and_failure_path(dagbag):
    dag = dagbag.dags["traceflux_nightly_regression"]
    regress, summary, watcher = (dag.get_task(t) for t in ("regress", "publish_summary", "fail_the_night"))
    assert isinstance(regress, job.TracefluxSubmitOperator)
    assert regress.retries == 2 and regress.retry_exponential_backoff
    assert regress.max_retry_delay == timedelta(minutes=30)
    assert regress.execution_timeout == job.REGRESS_TIMEOUT
    assert dag.get_task("regress_arguments").retries == 0
    # The summary publishes whatever happened; the watcher fails the run when anything failed.
    assert summary.trigger_rule == TriggerRule.ALL_DONE
    assert summary.upstream_task_ids == {"regress", "regress_arguments"}
    assert watcher.trigger_rule == TriggerRule.ONE_FAILED
    assert watcher.upstream_task_ids == {"regress"}
    assert {t.task_id for t in dag.leaves} == {"publish_summary", "fail_the_night"}
    assert dag.params.get_param("candidate").value is None


def _validated(dag, conf: dict) -> dict:
    """The params a run triggered with ``conf`` gets, validated as Airflow validates them."""
    params = copy.deepcopy(dag.params)
    params.update(conf)
    return params.validate()

