"""Annotations: the model and re-anchoring, the crash-safe store, notes placed on the
library's articles, import and export."""
