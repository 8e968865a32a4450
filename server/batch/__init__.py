"""Bulk analysis of a corpus: every core here, or a Dask cluster, and a report to look at."""
