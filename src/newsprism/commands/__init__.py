"""The bodies of the ``newsprism`` commands: they call the library and, with ``cli.py``, are all that prints.

The library reports through return values, exceptions and the ``newsprism`` logger; a command turns those into the
lines a person reads on stdout and stderr and into an exit code.
"""

from __future__ import annotations

import sys

from ..errors import shown


def error(message: str) -> None:
    """One error line on stderr."""
    print(f"newsprism: error: {message}", file=sys.stderr)


def warning(message: str) -> None:
    """One warning line on stderr."""
    print(f"newsprism: warning: {message}", file=sys.stderr)


__all__ = ["error", "shown", "warning"]
