"""
Where the TraceFlux DAGs find the job, the warehouse and Spark.

Everything a deployment changes is an Airflow Variable (with the default below) or the Spark
Connection; nothing else in the DAGs names a host or a path. Templated operator fields read the
Variables at run time through ``{{ var.value.get(...) }}``, so parsing a DAG file never touches
the metadata database.
"""

from __future__ import annotations

from airflow.sdk import Variable

#: The Connection the jobs are submitted with: its host is the master (``yarn``,
#: ``spark://host:7077``, ``k8s://https://...``, ``local[*]``), its extras ``deploy-mode``,
#: ``queue``, ``namespace``. Without it the Spark provider falls back to YARN.
SPARK_CONN_ID = "traceflux_spark"

#: Variable name -> default. Paths are as the Airflow worker (spark-submit's client) sees them.
DEFAULTS: dict[str, str] = {
    # The shaded job jar (dist/target/traceflux-job.jar of a build).
    "traceflux_job_jar": "/opt/traceflux/traceflux-job.jar",
    # Warehouse root: a local folder or any Hadoop URI (s3a://bucket/warehouse, hdfs://...).
    "traceflux_warehouse": "/var/lib/traceflux/warehouse",
    # The folder that policy references ID@vN resolve under.
    "traceflux_policies": "/opt/traceflux/policies",
    # The nightly regression's suite file.
    "traceflux_suite": "/opt/traceflux/suites/golden.yaml",
    # A Spark properties file for the submits (driver memory, shuffle partitions, s3a
    # settings...); empty: the cluster's spark-defaults.conf alone.
    "traceflux_spark_properties": "",
}


def template(name: str) -> str:
    """A Jinja expression for Variable ``name``, falling back to its default."""
    return "{{ var.value.get(%r, %r) }}" % (name, DEFAULTS[name])


def value(name: str) -> str:
    """Variable ``name`` now (inside a running task), else its default."""
    return Variable.get(name, default=DEFAULTS[name])
