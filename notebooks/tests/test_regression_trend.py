"""
regression_trend.ipynb, executed headless against a regression_runs table written by the job's
own ``traceflux regress`` (two runs of a small suite), its figures checked against this test's
own reads of that table (DataFrame API, not the notebook's SQL).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyspark.sql import functions as F

from conftest import JOB_JAR, REPO, run_notebook, spark_submit

GOLDEN = REPO / "test-data" / "golden"

#: Two policies' replays that run and one replay that cannot (no capture): failed rows carry no
#: figures and the trend leaves them out.
NIGHT_1 = f"""
suite: trend
version: 1
policies_folder: {REPO / "policies"}
windows:
  - name: lanl-dst
    capture: {GOLDEN / "lanl-dst-sys2-sys16-1997-04-08"}
    policies: [{{policy: hpc-storm@v1}}]
  - name: nab
    capture: {GOLDEN / "nab-ec2-latency-failure"}
    policies: [{{policy: nab-threshold@v1, expected: {{incidents: 2}}}}]
  - name: gone
    capture: no-such-capture
    policies: [{{policy: nab-threshold@v1}}]
"""

#: The next night: nab alone, with a pin that its 2 incidents do not keep (a regressed row).
NIGHT_2 = NIGHT_1[:NIGHT_1.index("  - name: lanl-dst")] + f"""\
  - name: nab
    capture: {GOLDEN / "nab-ec2-latency-failure"}
    policies: [{{policy: nab-threshold@v1, expected: {{incidents: 3}}}}]
"""


@pytest.fixture(scope="module")
def runs_warehouse(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("regression")
    root = work / "warehouse"
    for run_id, text, exit_code in (("night-1", NIGHT_1, 1), ("night-2", NIGHT_2, 3)):
        suite = work / f"{run_id}.yaml"
        suite.write_text(text)
        done = spark_submit("regress", "--suite", str(suite), "--run-id", run_id, "--warehouse", str(root))
        # 1: the window "gone" could not run; 3: a pinned figure moved.
        assert done.returncode == exit_code, done.stdout[-3000:] + done.stderr[-3000:]
    return root


@pytest.fixture(scope="module")
def runs(spark, runs_warehouse):
    return spark.read.format("delta").load(str(runs_warehouse / "regression_runs"))


def means(runs, figure: str) -> dict[str, dict[str, float]]:
    """{policy: {run_id: mean of the figure over the run's windows that ran}}."""
    out: dict[str, dict[str, float]] = {}
    for r in runs.where(F.col("status") != "failed").groupBy("policy", "run_id").agg(F.avg(figure).alias("m")).collect():
        out.setdefault(r.policy, {})[r.run_id] = r.m
    return out


def test_the_trend_has_each_versions_mean_per_run(runs_warehouse, runs, tmp_path):
    chart = tmp_path / "trend.png"

    result = run_notebook("regression_trend.ipynb", tmp_path, warehouse=str(runs_warehouse), chart_path=str(chart),
                          spark_jars=str(JOB_JAR))

    assert result["runs"] == ["night-1", "night-2"]
    assert result["policies"] == ["hpc-storm@v1", "nab-threshold@v1"]
    for figure in ("incident_parity", "bcubed_f1"):
        expected = means(runs, figure)
        for policy in result["policies"]:
            # hpc-storm has no row on night-2: no point that night.
            assert result[figure][policy] == [pytest.approx(expected[policy][run], abs=1e-12)
                                              if run in expected[policy] else None for run in result["runs"]], \
                (figure, policy)
    assert result["incident_parity"]["hpc-storm@v1"][1] is None
    assert result["regressed"] == {"night-1 hpc-storm@v1": 0, "night-1 nab-threshold@v1": 0,
                                   "night-2 nab-threshold@v1": 1}
    assert runs.where("status = 'failed'").count() == 1, "the failed row exists, and the trend left it out"
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_trend_of_one_policy_over_the_last_run(runs_warehouse, runs, tmp_path):
    result = run_notebook("regression_trend.ipynb", tmp_path, warehouse=str(runs_warehouse), policy_id="nab-threshold",
                          last_runs=1, spark_jars=str(JOB_JAR))

    night_2 = runs.where("run_id = 'night-2' and status <> 'failed'").collect()
    assert result["runs"] == ["night-2"]
    assert result["policies"] == ["nab-threshold@v1"]
    assert result["incident_parity"] == {"nab-threshold@v1": [pytest.approx(night_2[0].incident_parity, abs=1e-12)]}
    assert result["regressed"] == {"night-2 nab-threshold@v1": 1}
