"""Who said what across the library: every quote with its article, the people who said
them, and where each person appears. The CLI verbs and the screens ask these; none of
them walks the library's extractions on its own."""
