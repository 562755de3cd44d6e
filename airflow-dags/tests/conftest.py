"""
Shared setup of the DAG tests (run in .venv/airflow by airflow-dags/pom.xml, or by hand:
``.venv/airflow/bin/pytest airflow-dags/tests``).

Airflow reads its configuration from the environment when it is first imported, so the
environment of a throw-away Airflow home (SQLite, no examples, this folder's DAGs) is set here,
before any test module imports airflow.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DAGS = REPO / "airflow-dags" / "dags"
JOB_JAR = REPO / "dist" / "target" / "traceflux-job.jar"
SPARK_VENV = REPO / ".venv" / "spark"
SAMPLE_CAPTURE = REPO / "test-data" / "captures" / "nezha-tt-2023-01-29"

AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="traceflux-airflow-"))
os.environ.update({
    "AIRFLOW_HOME": str(AIRFLOW_HOME),
    "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
    "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
})
sys.path.insert(0, str(DAGS))  # as the DAG processor does with a bundle's root


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(AIRFLOW_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def dagbag():
    from airflow.dag_processing.dagbag import BundleDagBag

    return BundleDagBag(str(DAGS), bundle_path=DAGS)


@pytest.fixture(scope="session")
def job_options() -> dict:
    """Every command's options, as the job itself lists them (``bin/traceflux options``)."""
    out = subprocess.run([str(REPO / "bin" / "traceflux"), "options"], check=True, capture_output=True,
                         text=True, timeout=600)
    return json.loads(out.stdout)


@pytest.fixture(scope="session")
def job_jar() -> Path:
    assert JOB_JAR.is_file(), f"{JOB_JAR} is missing: build it with mvn -pl dist -am package -DskipTests"
    return JOB_JAR


@pytest.fixture(scope="session")
def spark_submit_env(job_jar, tmp_path_factory) -> dict:
    """The environment a worker needs to submit the job on local Spark: pyspark 3.5's
    spark-submit first on PATH, the Connection, and the Variables pointing into this repository
    and a fresh warehouse."""
    spark_bin = SPARK_VENV / "bin"
    assert (spark_bin / "spark-submit").exists(), "run bin/setup-python-envs first (.venv/spark)"
    work = tmp_path_factory.mktemp("airflow-job")
    properties = work / "spark.properties"
    properties.write_text("spark.driver.host 127.0.0.1\nspark.driver.bindAddress 127.0.0.1\n"
                          "spark.ui.enabled false\nspark.driver.memory 2g\n")
    env = dict(os.environ)
    env.update({
        "PATH": f"{spark_bin}{os.pathsep}{env.get('PATH', '')}",
        "SPARK_LOCAL_IP": "127.0.0.1",
        "AIRFLOW_CONN_TRACEFLUX_SPARK": json.dumps({"conn_type": "spark", "host": "local[2]"}),
        "AIRFLOW_VAR_TRACEFLUX_JOB_JAR": str(job_jar),
        "AIRFLOW_VAR_TRACEFLUX_WAREHOUSE": str(work / "warehouse"),
        "AIRFLOW_VAR_TRACEFLUX_POLICIES": str(REPO / "policies"),
        "AIRFLOW_VAR_TRACEFLUX_SPARK_PROPERTIES": str(properties),
    })
    env.pop("SPARK_HOME", None)  # pyspark's spark-submit finds its own
    return env
