"""
Shared setup of the notebook tests (run in .venv/spark by notebooks/pom.xml, or by hand:
``.venv/spark/bin/pytest notebooks/tests``).

The tables come from a real replay: the job jar submitted with this environment's spark-submit
(pyspark 3.5) into a fresh warehouse. The expected values come from this session's own Spark
reads of those tables, never from the notebooks' code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import papermill
import pyspark
import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
JOB_JAR = REPO / "dist" / "target" / "traceflux-job.jar"
SAMPLE_CAPTURE = REPO / "test-data" / "captures" / "nezha-tt-2023-01-29"
SPARK_SUBMIT = Path(sys.executable).parent / "spark-submit"

sys.path.insert(0, str(NOTEBOOKS))
os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
# pyspark's own distribution; its spark-submit would otherwise look for it with the first
# python3 on PATH, which need not be this environment's.
os.environ["SPARK_HOME"] = str(Path(pyspark.__file__).parent)


def spark_submit(*args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """The job jar through spark-submit on local Spark, as the Airflow DAGs run it."""
    assert JOB_JAR.is_file(), f"{JOB_JAR} is missing: build it with mvn -pl dist -am package -DskipTests"
    command = [str(SPARK_SUBMIT), "--master", "local[2]", "--driver-memory", "2g",
               "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
               "--class", "io.traceflux.cli.Main", str(JOB_JAR), *args]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, TRACEFLUX_POLICIES=str(REPO / "policies")))
    print(f"spark-submit {args[0]}: exit {done.returncode} in {time.monotonic() - started:.1f} s")
    return done


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory) -> Path:
    """The sample capture replayed through tt-checkout v2 against v1 (every parity table filled)."""
    root = tmp_path_factory.mktemp("notebooks") / "warehouse"
    done = spark_submit("replay", "--capture", str(SAMPLE_CAPTURE), "--policy", "tt-checkout@v2",
                        "--baseline", "policy:tt-checkout@v1", "--execution-id", "v2-vs-v1",
                        "--reason", "notebook tests", "--warehouse", str(root))
    # 3: a gate of v2 failed against v1; every table is written either way.
    assert done.returncode in (0, 3), done.stdout[-3000:] + done.stderr[-3000:]
    return root


@pytest.fixture(scope="session")
def spark():
    from traceflux_notebook import spark_session

    session = spark_session(str(JOB_JAR), "notebook tests: independent reads")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def table(spark, warehouse):
    """table(name): one of the warehouse's tables, read directly by path."""
    return lambda name: spark.read.format("delta").load(str(warehouse / name))


def run_notebook(name: str, output_dir: Path, **parameters) -> dict:
    """Executes notebooks/<name> headless with papermill (a cell that raises fails the test)
    and returns the JSON that its cell tagged ``results`` prints."""
    output = output_dir / name
    started = time.monotonic()
    papermill.execute_notebook(str(NOTEBOOKS / name), str(output), parameters=parameters, cwd=str(NOTEBOOKS),
                               kernel_name="python3", progress_bar=False, log_output=False)
    print(f"{name}: executed in {time.monotonic() - started:.1f} s")
    executed = nbformat.read(str(output), as_version=4)
    for cell in executed.cells:
        if "results" in cell.get("metadata", {}).get("tags", []):
            text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
            return json.loads(text.strip().splitlines()[-1])
    raise AssertionError(f"{name} has no cell tagged 'results'")
