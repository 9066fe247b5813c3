"""Extraction over whole archives: the inputs (JSON Lines files, standard input, article
folders) cut into partitions in input order, run in this process, on local processes, or on
a Dask cluster, and written back in order, so every way gives the same bytes."""
