"""The evidence of the walkthrough's current item: attaching files in the background, removing
one, and opening a copy named as the original (the store names files by their hash)."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from wjself.atomic import write_bytes
from wjself.core.assessment import Evidence
from wjself.core.errors import EnvironmentFault, InputError
from wjself.regular_files import read_regular, safe_file_name
from wjself.store.evidence import TYPES as EVIDENCE_TYPES
from wjself.ui import tasks
from wjself.ui.feedback import guarded, open_with_system
from wjself.ui.i18n import fill
from wjself.ui.session import AssessmentSession, problem_text
from wjself.ui.walkthrough_answers import SessionController
from wjself.ui.widgets import show_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from wjself.ui.evidence_panel import EvidencePanel
    from wjself.ui.main_window import MainWindow

OPEN_FOLDER = "wjself-open"  # under the system's temporary folder: the copies opened


def open_folder() -> Path:
    """Where copies opened in other programs go: ``wjself-open`` in the temp folder, or a new
    private folder when that name is a link, not a folder, or another user's (a shared /tmp)."""
    root = Path(tempfile.gettempdir()) / OPEN_FOLDER
    try:
        root.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(root)
        if stat.S_ISDIR(info.st_mode) and info.st_uid == getattr(os, "getuid", lambda: 0)():
            return root
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="wjself-open-"))


def _holds(path: Path, data: bytes) -> bool:
    try:
        return read_regular(path, len(data)) == data
    except OSError:
        return False


class EvidenceController(SessionController):
    """Adds, removes and opens the evidence of the items ``session`` holds, showing progress and
    problems in ``panel``; ``current`` says which item the panel shows."""

    def __init__(
        self,
        window: MainWindow,
        session: AssessmentSession,
        panel: EvidencePanel,
        current: Callable[[], str | None],
        parent: QWidget,
    ) -> None:
        super().__init__(window, session, parent)
        self._panel = panel
        self._current = current
        self._running = 0

    def pick(self, code: str) -> None:
        """Ask for files to attach to item ``code``."""
        patterns = " ".join(f"*{ext}" for ext in EVIDENCE_TYPES)
        filters = fill(self.tr("Evidence files (%1);;All files (*)"), patterns)
        paths = self._window.prompts.open_files(
            self._parent, fill(self.tr("Add evidence to %1"), code), filters
        )
        if paths:
            self.add(code, paths)

    def add(self, code: str, paths: list[Path], temporary: bool = False) -> None:
        """Attach files to item ``code`` in the background (they are checked and copied in);
        ``temporary`` files (a pasted picture) are deleted with their folder afterwards."""
        session = self._session
        if not session.is_open or session.finalized:
            return
        workspace = self._window.workspace
        assessment_id = session.assessment_id
        files = [Path(p) for p in paths]
        self._panel.set_busy(True)
        show_error(self._panel.error, "")
        self._running += 1

        def work(report: object) -> tuple[list[Evidence], list[str]]:
            added: list[Evidence] = []
            problems: list[str] = []
            for path in files:
                try:
                    added.append(workspace.evidence.add(assessment_id, code, path))
                except InputError as exc:
                    problems.append(f"{path.name}：{problem_text(exc.problems)}")
                except EnvironmentFault as exc:
                    problems.append(str(exc))
            return added, problems

        def finished() -> None:
            self._running -= 1
            self._panel.set_busy(self._running > 0)
            if temporary:
                for path in files:
                    shutil.rmtree(path.parent, ignore_errors=True)

        def done(result: tuple[list[Evidence], list[str]]) -> None:
            finished()
            added, problems = result
            if session.is_open and session.assessment_id == assessment_id:
                for evidence in added:
                    session.add_evidence(code, evidence)
            if problems and code == self._current():
                show_error(self._panel.error, "\n".join(problems))

        def failed(exc: BaseException, details: str) -> None:
            finished()
            raise exc

        tasks.start(work, done, failed)

    def remove(self, code: str, evidence: Evidence) -> None:
        question = fill(self.tr("Remove “%1” from item %2?"), evidence.name, code)
        if not self._window.prompts.confirm(
            self._parent, self.tr("Remove evidence"), question, destructive=True
        ):
            return
        guarded(
            self._window,
            self._parent,
            lambda: self._session.remove_evidence(code, evidence.id),
            problems=lambda text: show_error(self._panel.error, text),
        )

    def open(self, evidence: Evidence) -> None:
        """Open a copy named as the original (the stored file is named by its hash, without
        extension).

        The copy's folder is named by the hash of the bytes read and its name is the label made
        harmless: what the database says is display text, never part of a path.
        """
        try:
            data = read_regular(evidence.path, max(0, evidence.size))
            folder = open_folder() / hashlib.sha256(data).hexdigest()[:16]
            target = folder / safe_file_name(evidence.name, "evidence")
            if not _holds(target, data):
                # Only a copy holding exactly these bytes is reused: the temp folder is shared
                # (/tmp), and a file planted under the expected name would be opened instead.
                folder.mkdir(parents=True, exist_ok=True)
                write_bytes(target, data)
        except OSError as exc:
            show_error(
                self._panel.error,
                fill(self.tr("Cannot open %1: %2"), evidence.name, exc.strerror or str(exc)),
            )
            return
        open_with_system(self._window, self._parent, target)
