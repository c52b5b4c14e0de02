"""Errors that end one input or the whole job, each a single line naming the input."""

from __future__ import annotations

import click


class CleanseError(click.ClickException):
    """Base error: one line on stderr, exit code 1 (some input failed)."""

    exit_code = 1


class InputError(CleanseError):
    """An input (file, stdin, record) cannot be read or decoded."""


class RecordError(CleanseError):
    """One record of a corpus is malformed; the run reports it and goes on."""


class CatalogError(CleanseError):
    """A pattern catalog is malformed or one of its examples fails."""

    exit_code = 2


class StorageError(CleanseError):
    """The dedup index cannot be opened or does not match the hashing parameters."""

    exit_code = 2
