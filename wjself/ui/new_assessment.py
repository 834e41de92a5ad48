"""The 新建自评 dialog: pick one or several checklists that concern the school, and the period."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wjself.core.errors import EnvironmentFault, InputError
from wjself.core.school import School
from wjself.core.stages import stages_overlap
from wjself.core.template import TemplateInfo, version_key
from wjself.ui.i18n import fill
from wjself.ui.session import problem_text
from wjself.ui.widgets import error_label, label, scaled_font, show_error

if TYPE_CHECKING:
    from wjself.store.workspace import Workspace

TEMPLATE_ROLE = Qt.ItemDataRole.UserRole + 1


def newest_for_school(infos: list[TemplateInfo], school: School) -> list[TemplateInfo]:
    """The newest installed version of each checklist whose stages concern ``school``, by title."""
    newest: dict[str, TemplateInfo] = {}
    for info in infos:
        have = newest.get(info.id)
        if have is None or version_key(info.version) > version_key(have.version):
            newest[info.id] = info
    fitting = [i for i in newest.values() if stages_overlap(i.stages, school.stages)]
    return sorted(fitting, key=lambda i: (i.title, i.id))


class NewAssessmentDialog(QDialog):
    """Creates one assessment per chosen checklist; ``created`` gives their ids."""

    created = Signal(list)

    def __init__(self, workspace: Workspace, school: School, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._school = school
        self.setWindowTitle(self.tr("New self-assessment"))
        self.setMinimumWidth(560)

        heading = QLabel(fill(self.tr("Which checklists will %1 work through?"), school.name))
        heading.setFont(scaled_font(heading, 1.15, bold=True))
        heading.setWordWrap(True)

        self.period = QComboBox()
        self.period.setObjectName("period")
        self.period.setEditable(True)
        year = dt.date.today().year
        self.period.addItems(
            [str(year), str(year - 1), f"{year}-{year + 1}学年", f"{year - 1}-{year}学年"]
        )
        self.period.setCurrentText(str(year))
        self.period.setToolTip(
            self.tr("Starts with a four-digit year, e.g. 2024, 2024-2025学年, 2024春")
        )
        self.period.currentTextChanged.connect(self._refresh)

        self.templates = QListWidget()
        self.templates.setObjectName("templates")
        self.templates.setAlternatingRowColors(True)
        self.templates.setStyleSheet("QListWidget::item { padding: 4px 2px; }")
        self.templates.itemChanged.connect(self._update_buttons)

        form = QFormLayout()
        form.addRow(self.tr("Period:"), self.period)
        self.all_button = QPushButton(self.tr("Tick all"))
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button = QPushButton(self.tr("Tick none"))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        ticks = QHBoxLayout()
        ticks.addWidget(self.all_button)
        ticks.addWidget(self.none_button)
        ticks.addStretch(1)

        self.error = error_label("newAssessmentError")
        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(
            self.tr("Create"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setObjectName("createButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.create_assessments)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(
            label(
                fill(
                    self.tr(
                        "Only checklists for this school's stages (%1) are listed. "
                        "One self-assessment is created for each checklist you tick."
                    ),
                    "、".join(school.stages),
                ),
                muted=True,
                wrap=True,
            )
        )
        layout.addLayout(form)
        layout.addLayout(ticks)
        layout.addWidget(self.templates, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, 520)
        self._infos = newest_for_school(workspace.templates.list(), school)
        self._refresh()

    def _refresh(self) -> None:
        period = self.period.currentText().strip()
        started = {s.template_id for s in self._ws.assessments.list(self._school.id, period=period)}
        checked = set(self.checked_ids())
        self.templates.blockSignals(True)
        self.templates.clear()
        for info in self._infos:
            text = fill(self.tr("%1  (version %2, %3 items)"), info.title, info.version, info.items)
            item = QListWidgetItem(text)
            item.setData(TEMPLATE_ROLE, info.id)
            if info.id in started:
                item.setText(text + "  " + fill(self.tr("— already started for %1"), period))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setCheckState(Qt.CheckState.Unchecked)
            else:
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsSelectable
                )
                item.setCheckState(
                    Qt.CheckState.Checked if info.id in checked else Qt.CheckState.Unchecked
                )
            self.templates.addItem(item)
        self.templates.blockSignals(False)
        if self._infos:
            self.templates.setCurrentRow(0)
        self._update_buttons()

    def checked_ids(self) -> list[str]:
        return [
            str(self.templates.item(n).data(TEMPLATE_ROLE))
            for n in range(self.templates.count())
            if self.templates.item(n).checkState() == Qt.CheckState.Checked
        ]

    def check(self, template_id: str, on: bool = True) -> None:
        for n in range(self.templates.count()):
            item = self.templates.item(n)
            if item.data(TEMPLATE_ROLE) == template_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return
        raise KeyError(template_id)

    def _tick_all(self, on: bool) -> None:
        for n in range(self.templates.count()):
            item = self.templates.item(n)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _update_buttons(self) -> None:
        self.create_button.setEnabled(bool(self.checked_ids()))

    def create_assessments(self) -> None:
        period = self.period.currentText().strip()
        versions = {i.id: i.version for i in self._infos}
        made: list[int] = []
        problems: list[str] = []
        for template_id in self.checked_ids():
            try:
                made.append(
                    self._ws.assessments.new(
                        self._school.id, template_id, versions[template_id], period
                    )
                )
            except InputError as exc:
                problems.append(problem_text(exc.problems))
            except EnvironmentFault as exc:
                problems.append(str(exc))
        if made:
            self.created.emit(made)
        if problems:
            show_error(self.error, "\n".join(dict.fromkeys(problems)))
            self._refresh()
            return
        self.accept()
