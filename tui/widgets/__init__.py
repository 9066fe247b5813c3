"""Byline's reusable Textual widgets."""
