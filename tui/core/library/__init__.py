"""Articles and the library: the Article model, reading files in every format, the library
with what extraction found, indexing on every core and the persistent cache."""
