"""How CLI tests read a command's result: exit code, output, and never a traceback."""

from __future__ import annotations

from typing import Any


def ok(result: Any) -> str:
    """The command succeeded (exit 0); its stdout."""
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    return str(result.out)


def refused(result: Any, *needles: str) -> str:
    """The command refused bad input (exit 2) saying each of ``needles``; its stderr."""
    assert result.code == 2, (result.out, result.err)
    assert "Traceback" not in result.err
    for needle in needles:
        assert needle in result.err, result.err
    return str(result.err)
