"""
Reads one execution back from a warehouse with pyspark + Delta, for the DAG tests (which run
in .venv/airflow, where no Spark that reads Delta lives). Run with .venv/spark's python:

    read_execution.py WAREHOUSE EXECUTION_ID SPARK_JARS

Prints one JSON line: the executions row (status succeeded only), the parity_report row, and the
execution's row count in each table.
"""

from __future__ import annotations

import json
import sys

from pyspark.sql.functions import col
from traceflux_notebook import Warehouse, spark_session

COUNTED = ("replay_signals", "replay_incidents", "quarantine", "incident_diffs")


def main(root: str, execution_id: str, jars: str) -> None:
    spark = spark_session(jars, "read an execution")
    wh = Warehouse(spark, root)
    execution = wh.succeeded_execution(execution_id)
    parity = wh.sql("select * from {parity_report} where execution_id = :id", id=execution_id).collect()
    rows = {t: wh.table(t).where(col("execution_id") == execution_id).count() for t in COUNTED}
    print(json.dumps({"execution": execution, "parity": parity[0].asDict(recursive=True) if parity else None,
                      "rows": rows}, default=str))
    spark.stop()


if __name__ == "__main__":
    main(*sys.argv[1:4])
