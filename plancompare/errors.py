"""Errors a user can act on. The CLI prints them one line each, without a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class PlancompareError(Exception):
    """A problem with the user's input or environment, explained in one line."""

    exit_code = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file, with where it is and how to fix it."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class InvalidInput(PlancompareError):
    """One or more problems found in input files; all of them, not just the first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownName(PlancompareError):
    """A council or priority name that matches none, or more than one."""

    exit_code = 2
