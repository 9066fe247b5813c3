"""The UI-free core: loading, extraction, search and annotations. Never imports Textual."""
