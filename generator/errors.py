"""Errors a user can act on: printed as one line, without a traceback."""
from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input or settings, said in one line."""
