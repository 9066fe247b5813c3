"""Byline's screens: each calls the core and shows what it returns."""
