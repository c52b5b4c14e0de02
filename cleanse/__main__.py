"""`python -m cleanse` runs the command line."""

from .cli import run

run()
