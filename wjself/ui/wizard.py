"""The school profile wizard: shown on first start, and later to edit a school or add another.

Pages: a welcome (first start only, naming the checklists already installed), the school's
identity (name, 学校标识码 checked as it is typed, stages), contact details, and the facts that
decide which checklist items apply.  Finishing stores the profile through
``workspace.schools``; a refused profile keeps the wizard open with the reasons.

The wizard is opened with ``open()`` (window-modal, never a blocking ``exec``), so tests can
fill it with the keyboard and press Finish.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from wjself.core.errors import EnvironmentFault, InputError
from wjself.core.school import School, normalize_facts, school_code_problem
from wjself.core.stages import FACTS, STAGES
from wjself.ui.feedback import show_failure
from wjself.ui.i18n import fill
from wjself.ui.widgets import DONE_INK, HINT_INK, PROBLEM_INK, ink

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

PROBLEM_STYLE = ink(PROBLEM_INK)
CODE_LENGTH = 10  # digits of a 学校标识码: shorter while typing is not yet an error
HINT_STYLE = ink(HINT_INK)


def _wrapped(text: str, style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    return label


class WelcomePage(QWizardPage):
    """First start: what the wizard is for, and the checklists that are already there; and,
    when the window can be the bureau's, whose computer this is (学校端 / 区教育局端)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.school_mode = QRadioButton(self.tr("A school: fill in the district's checklists"))
        self.school_mode.setObjectName("modeSchool")
        self.school_mode.setChecked(True)
        self.district_mode = QRadioButton(
            self.tr(
                "The district bureau (区教育局端): receive, compare and answer the schools' checklists"
            )
        )
        self.district_mode.setObjectName("modeDistrict")
        self.district_mode.toggled.connect(self._mode_changed)
        self.setTitle(self.tr("Welcome to Wujin School Self-Assessment"))
        self.setSubTitle(
            self.tr(
                "First, register your school. It takes about two minutes; "
                "you can change everything later under Settings → School."
            )
        )
        newest = {i.id: i for i in window.workspace.templates.list()}  # listed oldest first
        titles = [
            fill(self.tr("%1 (%2 items)"), f"《{i.title}》", i.items) for i in newest.values()
        ]
        layout = QVBoxLayout(self)
        self.installed_label = _wrapped(
            fill(
                self.tr(
                    "The district's checklists are already installed (%1), ready to start an assessment:"
                ),
                len(titles),
            )
        )
        layout.addWidget(self.installed_label)
        self.templates_list = QListWidget()
        self.templates_list.addItems(titles)
        self.templates_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.templates_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        layout.addWidget(self.templates_list)
        layout.addWidget(
            _wrapped(
                self.tr("New versions from the bureau are imported on the Templates page."),
                HINT_STYLE,
            )
        )
        if window.district_loader is not None:
            layout.addWidget(_wrapped(self.tr("Who uses this computer?")))
            layout.addWidget(self.school_mode)
            layout.addWidget(self.district_mode)
            layout.addWidget(
                _wrapped(
                    self.tr(
                        "The bureau's folder holds no school: choosing the bureau asks nothing "
                        "more, and this data folder opens as the bureau's from now on."
                    ),
                    HINT_STYLE,
                )
            )

    def _mode_changed(self) -> None:
        self.setFinalPage(self.district_mode.isChecked())
        self.completeChanged.emit()

    def nextId(self) -> int:
        return -1 if self.district_mode.isChecked() else super().nextId()


class IdentityPage(QWizardPage):
    """Name, 学校标识码 (checked as it is typed) and the stages the school teaches."""

    def __init__(self, window: MainWindow, own_id: int | None) -> None:
        super().__init__()
        self._window = window
        self._own_id = own_id
        self.setTitle(self.tr("Your school"))
        self.setSubTitle(self.tr("As on the school's official documents."))
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("schoolName")
        self.name_edit.setPlaceholderText(self.tr("e.g. 常州市武进区湖塘实验小学"))
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("schoolCode")
        self.code_edit.setPlaceholderText(self.tr("10 digits"))
        self.code_note = _wrapped("")
        self.code_note.setObjectName("schoolCodeNote")
        # Two lines high whatever it says, so the stage boxes below never move under the
        # pointer when the note changes (every note fits in two lines).
        self.code_note.setFixedHeight(2 * self.code_note.fontMetrics().lineSpacing() + 4)
        self.code_note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.stage_boxes: dict[str, QCheckBox] = {}
        stages = QWidget()
        grid = QGridLayout(stages)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, stage in enumerate(STAGES):
            box = QCheckBox(stage)
            box.toggled.connect(self.completeChanged)
            self.stage_boxes[stage] = box
            grid.addWidget(box, n // 4, n % 4)
        form = QFormLayout(self)
        form.addRow(self.tr("School name"), self.name_edit)
        form.addRow(self.tr("School code (学校标识码)"), self.code_edit)
        form.addRow("", self.code_note)
        form.addRow(self.tr("Stages"), stages)
        form.addRow(
            "",
            _wrapped(
                self.tr(
                    "Tick every stage the school teaches; a 九年一贯制 school ticks only that."
                ),
                HINT_STYLE,
            ),
        )
        self._code_problem: str | None = None
        self._code_done = False  # the person left the field (or pressed Enter) since typing
        self.name_edit.textChanged.connect(self.completeChanged)
        self.code_edit.textChanged.connect(self._code_typed)
        self.code_edit.editingFinished.connect(self._code_left)
        self._check_code()

    def code_problem(self) -> str | None:
        """Why the code as typed cannot be saved, or None."""
        code = self.code_edit.text().strip()
        if not code:
            return self.tr("Required.")
        why = school_code_problem(code)
        if why is not None:
            return why
        other = self._window.workspace.schools.find(code)
        if other is not None and other.id != self._own_id:
            return fill(self.tr("This code is already used by %1."), other.name)
        return None

    def _code_typed(self) -> None:
        self._code_done = False
        self._check_code()

    def _code_left(self) -> None:
        self._code_done = True
        self._check_code()

    def _check_code(self) -> None:
        why = self._code_problem = self.code_problem()
        code = self.code_edit.text().strip()
        if why is None:
            self.code_note.setText(self.tr("✓ valid school code"))
            self.code_note.setStyleSheet(ink(DONE_INK))
        elif not code or (not self._code_done and len(code) < CODE_LENGTH):
            # Still being typed: the hint, not a red error after each of the first nine digits.
            self.code_note.setText(
                self.tr("The 10-digit code issued by the Ministry of Education.")
            )
            self.code_note.setStyleSheet(HINT_STYLE)
        else:
            self.code_note.setText(why)
            self.code_note.setStyleSheet(PROBLEM_STYLE)
        self.completeChanged.emit()

    def stages(self) -> tuple[str, ...]:
        return tuple(s for s, box in self.stage_boxes.items() if box.isChecked())

    def isComplete(self) -> bool:
        return bool(self.name_edit.text().strip() and self._code_problem is None and self.stages())


class ContactPage(QWizardPage):
    """Where the school is and whom to contact (all optional)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Address and contacts"))
        self.setSubTitle(self.tr("Printed on the report cover; all optional."))
        self.township_edit = QLineEdit()
        self.township_edit.setPlaceholderText(self.tr("e.g. 湖塘镇"))
        self.address_edit = QLineEdit()
        self.principal_edit = QLineEdit()
        self.contact_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("Township / subdistrict"), self.township_edit)
        form.addRow(self.tr("Address"), self.address_edit)
        form.addRow(self.tr("Principal"), self.principal_edit)
        form.addRow(self.tr("Contact person"), self.contact_edit)
        form.addRow(self.tr("Phone"), self.phone_edit)


class FactsPage(QWizardPage):
    """The profile facts (食堂, 实验室, 寄宿, 校车, 校外供餐, 党组织: core.stages.FACTS) that
    decide which checklist items apply."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("About the school"))
        self.setSubTitle(
            self.tr(
                "These decide which checklist items apply to your school: for example, "
                "without a canteen the canteen items are marked not applicable."
            )
        )
        layout = QVBoxLayout(self)
        self.fact_boxes: dict[str, QCheckBox] = {}
        for fact, label in FACTS.items():
            box = QCheckBox(label)
            box.setObjectName(fact)
            self.fact_boxes[fact] = box
            layout.addWidget(box)
        layout.addStretch(1)

    def facts(self) -> dict[str, bool]:
        return {fact: box.isChecked() for fact, box in self.fact_boxes.items()}


class SchoolWizard(QWizard):
    """Registers a school (``school`` None) or edits one; ``saved`` carries the stored profile."""

    saved = Signal(object)  # School

    def __init__(
        self, window: MainWindow, school: School | None = None, *, first_start: bool = False
    ) -> None:
        super().__init__(window)
        self._window = window
        self.school = school
        self.saved_school: School | None = None
        self.setObjectName("schoolWizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setWindowTitle(
            self.tr("Edit school") if school is not None else self.tr("Register a school")
        )
        self.welcome = WelcomePage(window) if first_start else None
        self.identity = IdentityPage(window, school.id if school is not None else None)
        self.contact = ContactPage()
        self.facts = FactsPage()
        for page in (self.welcome, self.identity, self.contact, self.facts):
            if page is not None:
                self.addPage(page)
        if school is not None:
            self._fill(school)
        self.resize(720, 540)

    def _fill(self, school: School) -> None:
        self.identity.name_edit.setText(school.name)
        self.identity.code_edit.setText(school.code)
        for stage, box in self.identity.stage_boxes.items():
            box.setChecked(stage in school.stages)
        self.contact.township_edit.setText(school.township)
        self.contact.address_edit.setText(school.address)
        self.contact.principal_edit.setText(school.principal)
        self.contact.contact_edit.setText(school.contact)
        self.contact.phone_edit.setText(school.phone)
        for fact, box in self.facts.fact_boxes.items():
            box.setChecked(school.fact(fact))

    def profile(self) -> School:
        """The school as filled in (not yet stored)."""
        base = self.school or School(id=0, name="", code="", stages=())
        return dataclasses.replace(
            base,
            name=self.identity.name_edit.text(),
            code=self.identity.code_edit.text().strip(),
            stages=self.identity.stages(),
            township=self.contact.township_edit.text(),
            address=self.contact.address_edit.text(),
            principal=self.contact.principal_edit.text(),
            contact=self.contact.contact_edit.text(),
            phone=self.contact.phone_edit.text(),
            facts=normalize_facts(self.facts.facts()),
        )

    def accept(self) -> None:
        if self.welcome is not None and self.welcome.district_mode.isChecked():
            super().accept()
            # After the wizard has gone: the window's pages are made again as the bureau's.
            QTimer.singleShot(0, self._window.become_district)
            return
        schools = self._window.workspace.schools
        try:
            stored = (
                schools.update(self.profile())
                if self.school is not None
                else schools.add(self.profile())
            )
        except (InputError, EnvironmentFault) as exc:
            show_failure(self._window, self.tr("The school was not saved"), exc)
            return
        self.saved_school = stored
        self._window.mark_saved()
        self.saved.emit(stored)
        self._window.changes.school_saved.emit(stored.id)
        super().accept()


def open_wizard(
    window: MainWindow, school: School | None = None, *, first_start: bool = False
) -> SchoolWizard:
    """Show the wizard window-modally (never blocking); it deletes itself when closed."""
    wizard = SchoolWizard(window, school, first_start=first_start)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard


def first_start(window: MainWindow) -> SchoolWizard | None:
    """On a data folder without a school, ask for the school profile; None when there is one."""
    if window.workspace.schools.list():
        return None
    return open_wizard(window, first_start=True)
