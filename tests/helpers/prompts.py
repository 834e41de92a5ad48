"""The test double for the window's dialogs: ``ScriptedPrompts`` answers from queues the test
fills and records every question (the ``prompts`` fixture of tests/ui/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from wjself.ui.prompts import Prompts


class ScriptedPrompts(Prompts):
    """Answers questions from queues the test fills; records everything it was asked.

    A question with no scripted answer fails the test rather than blocking it, and so does an
    answer scripted but never asked for (the ``prompts`` fixture checks after the test): a
    dialog the test expected did not come.
    """

    def __init__(self) -> None:
        self.asked: list[tuple[str, str, str]] = []
        self.answers: dict[str, list[Any]] = {}

    def script(self, kind: str, *answers: Any) -> None:
        self.answers.setdefault(kind, []).extend(answers)

    def _next(self, kind: str, title: str, text: str) -> Any:
        self.asked.append((kind, title, text))
        queue = self.answers.get(kind)
        if not queue:
            raise AssertionError(f"unexpected {kind} prompt: {title}: {text}")
        return queue.pop(0)

    def confirm(
        self, parent: QWidget | None, title: str, text: str, *, destructive: bool = False
    ) -> bool:
        return bool(self._next("confirm", title, text))

    def choose(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        choices: list[str],
        *,
        details: str = "",
        warning: bool = True,
    ) -> int:
        answer = self._next("choose", title, text)
        # A script may name the button (what a person reads) or give its index.
        return choices.index(answer) if isinstance(answer, str) else int(answer)

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.asked.append(("inform", title, text))

    def warn(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        self.asked.append(("warn", title, text))

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        self.asked.append(("error", title, text))

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, text: str = ""
    ) -> str | None:
        answer = self._next("ask_text", title, label)
        return None if answer is None else str(answer)

    def open_file(
        self, parent: QWidget | None, title: str, filters: str, folder: str = ""
    ) -> Path | None:
        return self._next("open_file", title, filters)  # type: ignore[no-any-return]

    def open_files(
        self, parent: QWidget | None, title: str, filters: str, folder: str = ""
    ) -> list[Path]:
        return list(self._next("open_files", title, filters))

    def open_folder(self, parent: QWidget | None, title: str, folder: str = "") -> Path | None:
        return self._next("open_folder", title, folder)  # type: ignore[no-any-return]

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        return self._next("save_file", title, suggested)  # type: ignore[no-any-return]

    def open_path(self, path: Path) -> bool:
        self.asked.append(("open_path", str(path), ""))
        return True

    def unused(self) -> dict[str, list[Any]]:
        """The scripted answers no prompt has taken, by kind."""
        return {kind: list(queue) for kind, queue in self.answers.items() if queue}

    def assert_all_used(self) -> None:
        left = self.unused()
        assert not left, f"scripted answers never asked for: {left}"

    def messages(self, kind: str) -> list[str]:
        return [f"{title}: {text}" for k, title, text in self.asked if k == kind]
