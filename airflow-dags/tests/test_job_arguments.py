"""
Every argument the DAGs pass to the job is one the job accepts: checked against the options the
job lists itself (``bin/traceflux options``, generated from its command-line model), for the
command lines the DAGs' own tasks build from their params.
"""

from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from traceflux_dags import job

ALL_PARAMS = {"capture": "/captures/inc-4711@12", "policy": "tt-checkout@v2", "baseline": "policy:tt-checkout@v1",
              "scope": "region=eu-west,pop=fra1|ams2", "mode": "enforced", "execution_id": "inc-4711.v2",
              "reason": "does v2 page less?", "triggered_by": "ana@example.com"}
FEWEST_PARAMS = {"capture": "/captures/inc-4711", "policy": "policies/tt-checkout/v2.yaml", "baseline": None,
                 "scope": None, "mode": "dry-run", "execution_id": None, "reason": "review", "triggered_by": None}


def check_against(options: dict, command: str, args: list[str]) -> None:
    """Fails unless ``args`` is a command line ``command`` accepts: known options, each with a
    value when it takes one, every required option present, no stray words."""
    assert args[0] == command.split()[-1]
    known = options[f"traceflux {command}"]["options"]
    by_alias = {alias: spec for spec in known.values() for alias in spec["aliases"]}
    given = set()
    i = 1
    while i < len(args):
        word = args[i]
        assert word in by_alias, f"traceflux {command} has no option {word} (it has {sorted(known)})"
        spec = by_alias[word]
        given.add(tuple(spec["aliases"]))
        if spec["takes_value"]:
            assert i + 1 < len(args) and args[i + 1] != "", f"{word} needs a value"
            i += 2
        else:
            i += 1
    for name, spec in known.items():
        if spec["required"]:
            assert tuple(spec["aliases"]) in given, f"traceflux {command} needs {name}"


def dag_task(dagbag, dag_id: str, task_id: str):
    return dagbag.dags[dag_id].get_task(task_id)


@pytest.fixture()
def variables(monkeypatch):
    monkeypatch.setenv("AIRFLOW_VAR_TRACEFLUX_WAREHOUSE", "s3a://tf/warehouse")
    monkeypatch.setenv("AIRFLOW_VAR_TRACEFLUX_SUITE", "/opt/traceflux/suites/golden.yaml")


@pytest.mark.parametrize("params", [ALL_PARAMS, FEWEST_PARAMS], ids=["all params", "fewest params"])
def test_manual_replay_passes_only_options_replay_accepts(dagbag, job_options, variables, params):
    build = dag_task(dagbag, "traceflux_manual_replay", "replay_arguments").python_callable
    run = SimpleNamespace(run_id="manual__2026-12-07T02:40:00.123456+00:00", triggering_user_name="ana")

    built = build(params=params, dag_run=run)

    check_against(job_options, "replay", built["args"])
    args = built["args"]
    assert args[args.index("--warehouse") + 1] == "s3a://tf/warehouse"
    if params is ALL_PARAMS:
        assert built["execution_id"] == "inc-4711.v2"
        assert args[args.index("--triggered-by") + 1] == "ana@example.com"
        assert args[args.index("--scope") + 1] == "region=eu-west,pop=fra1|ams2"
    else:
        # Derived from the run: a retry replaces the same execution; the triggering user is recorded.
        assert built["execution_id"] == "airflow-manual__2026-12-07T02-40-00.123456-00-00"
        assert args[args.index("--triggered-by") + 1] == "ana"
        assert "--baseline" not in args and "--scope" not in args


def test_nightly_passes_only_options_regress_accepts(dagbag, job_options, variables):
    if "traceflux regress" not in job_options:
        pytest.skip("this build of the job has no regress command yet (SPEC 7.2)")
    build = dag_task(dagbag, "traceflux_nightly_regression", "regress_arguments").python_callable
    night = datetime(2026, 12, 6, 3, 0, tzinfo=timezone.utc)

    plain = build(params={"candidate": None}, data_interval_start=night)
    with_candidate = build(params={"candidate": "tt-checkout@v3"}, data_interval_start=night)

    for built in (plain, with_candidate):
        check_against(job_options, "regress", built["args"])
        assert built["run_id"] == "nightly-20261206"
    assert "--candidate" not in plain["args"]
    assert with_candidate["args"][-2:] == ["--candidate", "tt-checkout@v3"]


def test_the_submit_operators_name_the_jobs_main_class(dagbag, job_options):
    for dag_id, task_id in (("traceflux_manual_replay", "replay"), ("traceflux_nightly_regression", "regress")):
        assert dag_task(dagbag, dag_id, task_id)._java_class == "io.traceflux.cli.Main"


def test_the_check_itself_refuses_what_the_job_would(job_options):
    with pytest.raises(AssertionError, match="no option --policy-version"):
        check_against(job_options, "replay", ["replay", "--capture", "c", "--policy", "p", "--policy-version", "2"])
    with pytest.raises(AssertionError, match="needs --policy"):
        check_against(job_options, "replay", ["replay", "--capture", "c"])
    with pytest.raises(AssertionError, match="--capture needs a value"):
        check_against(job_options, "replay", ["replay", "--policy", "p", "--capture"])


@pytest.mark.parametrize("run_id, expected", [
    ("manual__2026-12-07T02:40:00+00:00", "airflow-manual__2026-12-07T02-40-00-00-00"),
    ("scheduled__2026-12-07T03:00:00+00:00", "airflow-scheduled__2026-12-07T03-00-00-00-00"),
    ("x" * 200, "airflow-" + "x" * 120),
])
def test_execution_ids_derived_from_run_ids_are_valid_and_stable(run_id, expected):
    import re

    derived = job.execution_id_for_run(run_id)
    assert derived == expected == job.execution_id_for_run(run_id)
    assert re.fullmatch(job.ID_PATTERN, derived)
