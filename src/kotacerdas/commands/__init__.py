"""Thin Typer commands. Each module defines `register(app)`; heavy imports stay inside the functions
so that `kotacerdas --help` stays fast."""
