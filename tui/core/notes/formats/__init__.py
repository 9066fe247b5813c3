"""Notes in and out of Byline, a module per format.

Out: ``markdown`` (one document), ``byline_json`` (every field, read back losslessly),
``readwise`` (Readwise's CSV import), ``w3c`` (W3C Web Annotation JSON-LD), ``obsidian``
(a note per article in a vault folder); ``exporting`` picks one and writes it.

In: ``byline_json``, ``w3c`` and ``hypothesis``; ``importing`` reads a file (bounded,
cleaned at the border), detects its format and saves what it holds. Annotations from other
tools are placed on the library's articles by ``matching`` (their URL, normalised by
``urls``, then their quote, found with :mod:`~tui.core.notes.anchoring`).
"""
