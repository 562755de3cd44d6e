"""
What the TraceFlux notebooks share: a Spark session that reads Delta, and the warehouse's tables
by path (no metastore). Import it from a notebook in this folder:

    from traceflux_notebook import spark_session, Warehouse
    spark = spark_session()
    wh = Warehouse(spark, "/data/traceflux/warehouse")
    wh.sql("select * from {executions} where status = 'succeeded'").show()

Where the session gets Delta from: an existing session (Databricks, EMR, a notebook server with
Delta configured) is used as it is; otherwise ``spark_jars`` (e.g. the job jar
dist/target/traceflux-job.jar, which carries Delta) or, when that is empty, delta-spark's
``configure_spark_with_delta_pip`` (which resolves the Delta jars through Spark's Maven support).
"""

from __future__ import annotations

import os

from pyspark.sql import DataFrame, SparkSession

#: Settings the job writes with; reading with the same keeps timestamps in UTC.
SESSION_CONF = {
    "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
    "spark.sql.session.timeZone": "UTC",
}

#: Tables of SPEC 5 that the notebooks read.
TABLES = ("executions", "replay_signals", "replay_incidents", "quarantine", "parity_report", "incident_diffs",
          "fingerprint_diffs", "suppression_diffs", "correlation_diffs", "rule_impact", "blast_radius",
          "baseline_incidents", "regression_runs")


def spark_session(spark_jars: str | None = None, app_name: str = "traceflux notebook") -> SparkSession:
    """The active session if there is one, else a local one that reads Delta."""
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.appName(app_name).master(os.environ.get("SPARK_MASTER", "local[*]"))
    for key, value in SESSION_CONF.items():
        builder = builder.config(key, value)
    builder = (builder.config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.databricks.delta.snapshotPartitions", "2"))
    if spark_jars:
        builder = builder.config("spark.jars", spark_jars)
    else:
        from delta import configure_spark_with_delta_pip
        builder = configure_spark_with_delta_pip(builder)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


class Warehouse:
    """A warehouse root: ``table(name)`` reads a table, ``sql(text)`` fills ``{name}`` with its path."""

    def __init__(self, spark: SparkSession, root: str):
        self.spark = spark
        self.root = root.rstrip("/")

    def path(self, table: str) -> str:
        return f"{self.root}/{table}"

    def exists(self, table: str) -> bool:
        from delta.tables import DeltaTable
        return DeltaTable.isDeltaTable(self.spark, self.path(table))

    def table(self, name: str) -> DataFrame:
        return self.spark.read.format("delta").load(self.path(name))

    def sql(self, text: str, **params) -> DataFrame:
        """Spark SQL where ``{table}`` stands for ``delta.`<root>/<table>```; ``params`` are bound
        as named parameters (``:execution_id``), never pasted into the text."""
        paths = {t: f"delta.`{self.path(t)}`" for t in TABLES}
        return self.spark.sql(text.format(**paths), args=params or None)

    def succeeded_execution(self, execution_id: str) -> dict:
        """The executions row of a succeeded execution; results of any other status are not results."""
        rows = self.sql("select * from {executions} where execution_id = :id and status = 'succeeded'",
                        id=execution_id).collect()
        if not rows:
            raise LookupError(f"no succeeded execution '{execution_id}' in {self.path('executions')}")
        return rows[0].asDict(recursive=True)
