"""What an evaluation run has to say: the runners measure and return it, the ``eval`` command prints it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[str], None]  # a line on how far a long run has come (the command shows it on stderr)


@dataclass(slots=True)
class EvalRun:
    """An evaluation's lines in the order they were found (tables for stdout, notes for stderr) and its exit code,
    so the library stays silent and the command decides where each line goes."""

    lines: list[tuple[bool, str]] = field(default_factory=list)  # (for stderr, text)
    code: int = 0

    def say(self, text: str = "") -> None:
        """A line of the results (stdout)."""
        self.lines.append((False, text))

    def note(self, text: str) -> None:
        """A line about the run rather than its results (stderr): data skipped, pairs that no longer match."""
        self.lines.append((True, text))

    def fail(self, text: str, code: int = 2) -> EvalRun:
        """The run cannot go on: its reason (stderr) and exit code."""
        self.note(text)
        self.code = code
        return self

    def out(self) -> str:
        """The results, as printed on stdout."""
        return "".join(text + "\n" for err, text in self.lines if not err)

    def err(self) -> str:
        """The notes, as printed on stderr."""
        return "".join(text + "\n" for err, text in self.lines if err)
