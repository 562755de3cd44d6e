"""Helpers of the TraceFlux DAGs: settings, the job's command lines, warehouse readers."""
