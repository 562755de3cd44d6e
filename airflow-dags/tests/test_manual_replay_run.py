"""
The manual replay DAG, run for real: ``airflow dags test`` on a fresh SQLite Airflow, its
SparkSubmitOperator calling pyspark 3.5's spark-submit with the shaded job jar on local Spark,
on the sample capture. Then the execution it wrote is read back from the warehouse's Delta
tables with pyspark + Delta (.venv/spark), independently of the job and of Airflow.
"""

from __future__ import annotations

import json
import os
import subprocess
import time

import pytest

from conftest import REPO, SAMPLE_CAPTURE, SPARK_VENV

READ_EXECUTION = REPO / "airflow-dags" / "tests" / "read_execution.py"


def airflow(env: dict, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    started = time.monotonic()
    done = subprocess.run([str(REPO / ".venv" / "airflow" / "bin" / "airflow"), *args], env=env,
                          capture_output=True, text=True, timeout=timeout)
    print(f"airflow {' '.join(args[:2])}: exit {done.returncode} in {time.monotonic() - started:.1f} s")
    return done


def json_output(done: subprocess.CompletedProcess):
    """The JSON document an ``airflow ... -o json`` command printed among its log lines."""
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(next(line.strip() for line in done.stdout.splitlines() if line.strip().startswith("[")))


@pytest.fixture(scope="module")
def replayed(spark_submit_env):
    """One DAG run of the sample replay; returns what it printed, its tasks' states, the warehouse."""
    env = spark_submit_env
    for step in (("db", "migrate"), ("dags", "reserialize")):
        done = airflow(env, *step)
        assert done.returncode == 0, done.stdout + done.stderr
    conf = {"capture": str(SAMPLE_CAPTURE), "policy": "tt-checkout@v2", "execution_id": "airflow-sample",
            "reason": "end-to-end test of the manual replay DAG"}
    done = airflow(env, "dags", "test", "traceflux_manual_replay", "-c", json.dumps(conf))
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-6000:]
    runs = json_output(airflow(env, "dags", "list-runs", "traceflux_manual_replay", "-o", "json"))
    assert len(runs) == 1, runs
    tasks = json_output(airflow(env, "tasks", "states-for-dag-run", "traceflux_manual_replay", runs[0]["run_id"],
                                "-o", "json"))
    return {"output": output, "run": runs[0], "tasks": {t["task_id"]: t["state"] for t in tasks},
            "warehouse": env["AIRFLOW_VAR_TRACEFLUX_WAREHOUSE"]}


def test_the_dag_run_succeeds_with_every_task(replayed):
    assert replayed["run"]["state"] == "success"
    assert replayed["tasks"] == {"replay_arguments": "success", "replay": "success", "summarize": "success"}
    # The summary task read the execution back from the warehouse and logged its headline.
    assert "execution airflow-sample: tt-checkout@v2 on nezha-tt-2023-01-29, 1122 signals, 10 incidents" \
        in replayed["output"]
    assert "parity 0.3846  B-cubed F1 0.2660  13 baseline vs 10 replay incidents  gates passed" in replayed["output"]


def test_the_execution_is_in_the_warehouse(replayed):
    warehouse = replayed["warehouse"]
    env = dict(os.environ, PYTHONPATH=str(REPO / "notebooks"), SPARK_LOCAL_IP="127.0.0.1")
    env.pop("SPARK_HOME", None)
    done = subprocess.run([str(SPARK_VENV / "bin" / "python"), str(READ_EXECUTION), warehouse, "airflow-sample",
                           str(REPO / "dist" / "target" / "traceflux-job.jar")],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])

    execution = found["execution"]
    assert execution["status"] == "succeeded"
    assert execution["policy_id"] == "tt-checkout" and execution["policy_version"] == 2
    assert execution["capture_path"].rstrip("/").endswith("nezha-tt-2023-01-29")
    assert execution["mode"] == "dry-run"
    assert execution["baseline"] == "production"
    assert execution["reason"] == "end-to-end test of the manual replay DAG"
    # No triggered_by param: the run's triggering user, which `airflow dags test` names "dag_test".
    assert execution["triggered_by"] == "dag_test"
    assert execution["master"].startswith("local")
    # The sample's figures, as README's first command prints them.
    assert (execution["input_rows"], execution["selected_rows"], execution["quarantined_rows"]) == (1126, 1122, 4)
    assert execution["incidents"] == 10
    assert found["rows"]["replay_signals"] == 1122
    assert found["rows"]["replay_incidents"] == 10
    assert found["rows"]["quarantine"] == 4
    parity = found["parity"]
    assert (parity["baseline_incidents"], parity["replay_incidents"]) == (13, 10)
    assert parity["incident_parity"] == pytest.approx(0.3846, abs=5e-5)
    assert parity["gates_passed"] is True
