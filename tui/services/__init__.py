"""What connects the core to the app: services that keep the library and the search index
in step off the UI thread, and tell the app what changed through messages."""
