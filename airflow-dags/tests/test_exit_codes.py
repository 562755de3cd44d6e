"""
The submit operator's retry decision, against the real job: an answer (invalid input, a failed
gate) fails the task at once; only an unexpected failure (exit 1) is left to the retries.
"""

from __future__ import annotations

import pytest
from airflow.sdk.exceptions import AirflowException, AirflowFailException

from conftest import REPO, SAMPLE_CAPTURE
from traceflux_dags import job


def submit(env: dict, monkeypatch, *application_args: str) -> job.TracefluxSubmitOperator:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    operator = job.TracefluxSubmitOperator(
        task_id="exit_code_probe", application=env["AIRFLOW_VAR_TRACEFLUX_JOB_JAR"],
        properties_file=env["AIRFLOW_VAR_TRACEFLUX_SPARK_PROPERTIES"],
        env_vars={"TRACEFLUX_POLICIES": str(REPO / "policies")}, application_args=list(application_args))
    operator.execute(context={})
    return operator


def test_invalid_input_fails_at_once_with_what_the_exit_code_means(spark_submit_env, monkeypatch, tmp_path):
    with pytest.raises(AirflowFailException, match="traceflux exited 2: invalid input") as failure:
        submit(spark_submit_env, monkeypatch, "replay", "--capture", str(SAMPLE_CAPTURE),
               "--policy", "tt-checkout@v99", "--warehouse", str(tmp_path / "warehouse"))
    assert isinstance(failure.value.__cause__, AirflowException)
    assert not (tmp_path / "warehouse").exists()  # refused before anything was written


@pytest.mark.parametrize("code, retried", [(1, True), (2, False), (3, False), (4, False), (5, False)])
def test_only_an_unexpected_failure_is_retried(code, retried):
    assert (code in job.RETRYABLE_EXIT_CODES) is retried
    assert code in job.EXIT_CODES


def test_a_submit_that_never_ran_is_left_to_the_retries():
    operator = job.TracefluxSubmitOperator(task_id="never_ran", application_args=["replay"])
    assert operator.job_exit_code() is None
