"""
The analysts' notebooks, executed headless against a real replay's tables: each must run
without raising, and the figures it computes must equal what this test reads from the same
tables on its own (DataFrame API, not the notebooks' SQL).
"""

from __future__ import annotations

import pytest
from pyspark.sql import functions as F

from conftest import JOB_JAR, run_notebook

EXECUTION = "v2-vs-v1"
CLASS_ORDER = {"MISSING": 0, "RESHAPED": 1, "SPLIT": 2, "MERGED": 3, "CHANGED": 4, "NEW": 5}


def of_execution(df):
    return df.where(F.col("execution_id") == EXECUTION)


@pytest.fixture(scope="module")
def overview(warehouse, tmp_path_factory):
    return run_notebook("execution_overview.ipynb", tmp_path_factory.mktemp("executed"),
                        warehouse=str(warehouse), execution_id=EXECUTION, spark_jars=str(JOB_JAR), worst=5)


def test_overview_headline_matches_parity_report(overview, table):
    report = of_execution(table("parity_report")).first()
    assert overview["incident_parity"] == pytest.approx(report.incident_parity, abs=1e-12)
    assert overview["bcubed_f1"] == pytest.approx(report.bcubed_f1, abs=1e-12)
    assert (overview["baseline_incidents"], overview["replay_incidents"]) == (report.baseline_incidents,
                                                                             report.replay_incidents)
    assert overview["gates_passed"] is report.gates_passed
    assert overview["gates"] == {g.name: g.passed for g in report.gates}


def test_overview_class_counts_match_both_tables(overview, table):
    counted = {r["class"]: r["count"] for r in of_execution(table("incident_diffs")).groupBy("class").count().collect()}
    report = of_execution(table("parity_report")).first()
    for cls, n in overview["class_counts"].items():
        assert n == counted.get(cls, 0), cls
        assert n == report[cls.lower()], cls  # parity_report's count column of that class
    assert sum(overview["class_counts"].values()) == of_execution(table("incident_diffs")).count()


def test_overview_lists_the_worst_differences_first(overview, table):
    rows = of_execution(table("incident_diffs")).where(F.col("class") != "EXACT").collect()
    expected = sorted(rows, key=lambda r: (CLASS_ORDER[r["class"]], r.jaccard,
                                           -(r.baseline_only_signals + r.replay_only_signals), r.component_id))
    assert overview["worst_components"] == [r.component_id for r in expected[:5]]
    assert overview["worst_components"], "the sample's v2 against v1 has differences"


def test_overview_rule_impact_and_blast_radius_match(overview, table):
    impact = of_execution(table("rule_impact")).collect()
    assert sorted(map(tuple, overview["rule_impact"])) == sorted((r.rule_id, r.signals_changed) for r in impact)
    counts = [n for _, n in overview["rule_impact"]]
    assert counts == sorted(counts, reverse=True)

    blast = of_execution(table("blast_radius")).where(F.col("changed_signals") > 0).collect()
    assert sorted(map(tuple, overview["blast_radius"])) == sorted((r.dimension, r.value, r.changed_signals)
                                                                  for r in blast)


@pytest.fixture(scope="module")
def explanation(warehouse, tmp_path_factory):
    return run_notebook("signal_explanation.ipynb", tmp_path_factory.mktemp("executed"),
                        warehouse=str(warehouse), execution_id=EXECUTION, spark_jars=str(JOB_JAR))


def test_explanation_picks_the_first_signal_whose_incident_changed(explanation, table):
    first = (of_execution(table("correlation_diffs")).where(F.col("after").isNotNull())
             .orderBy("ts", "signal_id").first())
    assert explanation["signal_id"] == first.signal_id
    assert explanation["baseline_incident_id"] == first.before
    assert "correlation" in explanation["steps_changed"]


def test_explanation_shows_the_replays_decision_and_incident(explanation, table):
    signal = of_execution(table("replay_signals")).where(F.col("signal_id") == explanation["signal_id"]).first()
    assert explanation["decision"] == signal.decision
    assert explanation["reason"] == signal.reason
    assert explanation["replay_incident_id"] == signal.incident_id
    if signal.incident_id:
        assert of_execution(table("replay_incidents")).where(F.col("incident_id") == signal.incident_id).count() == 1


def test_explanation_names_the_component_of_either_incident(explanation, table):
    incidents = {explanation["replay_incident_id"], explanation["baseline_incident_id"]} - {None}
    expected = sorted(
        [r.component_id, r["class"]] for r in of_execution(table("incident_diffs")).collect()
        if incidents & (set(r.replay_incident_ids) | set(r.baseline_incident_ids)))
    assert explanation["components"] == expected
    assert expected, "the signal's incidents belong to a parity component"


def test_explanation_of_a_named_signal(warehouse, table, tmp_path):
    suppressed = (of_execution(table("suppression_diffs")).where(F.col("change") == "newly_suppressed")
                  .orderBy("signal_id").first())
    result = run_notebook("signal_explanation.ipynb", tmp_path, warehouse=str(warehouse), execution_id=EXECUTION,
                          signal_id=suppressed.signal_id, spark_jars=str(JOB_JAR))
    assert result["signal_id"] == suppressed.signal_id
    assert result["decision"] == "suppressed"
    assert "suppression" in result["steps_changed"]
    assert suppressed.rule in result["rules"]


def test_a_notebook_that_raises_fails(tmp_path):
    import papermill

    with pytest.raises(papermill.PapermillExecutionError, match="execution_id is required"):
        run_notebook("execution_overview.ipynb", tmp_path, warehouse=str(tmp_path), execution_id="",
                     spark_jars=str(JOB_JAR))
