"""The answer control that fits an item's kind, and a date field used here and in 整改.

``AnswerEditor.commit`` carries the value as a person gave it (``met``, ``yes``, ``"95"``,
``"2024/3/5"``, an option name, a list of option names, ``""`` to clear); the answer service
reads it with ``core.values.coerce`` and its message is shown under the control when it does
not fit.  Nothing here decides whether a value is valid.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCalendarWidget,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from wjself.core.scoring import Outcome, item_share
from wjself.core.target_words import school_target_words
from wjself.core.template import Item, Kind
from wjself.core.values import (
    COMPLIANCE_LABELS,
    MET,
    NA,
    NO,
    NOT_MET,
    PARTIAL,
    YES,
    YES_NO_LABELS,
    AnswerValue,
)
from wjself.ui.i18n import fill
from wjself.ui.icons import icon
from wjself.ui.widgets import (
    ACCENT,
    DISABLED_TINT,
    FRAME,
    GREY,
    INFO_TINT,
    INK,
    MUTED,
    OUTCOME_COLORS,
    TINTS,
    Debouncer,
    FocusOutWatcher,
)

COMPLIANCE_KEYS = (MET, PARTIAL, NOT_MET, NA)  # keys 1–4, in this order
_SYMBOLS = {">=": "≥", "<=": "≤", "!=": "≠", "=": "=", ">": ">", "<": "<"}


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def choice_style(outcome: Outcome) -> str:
    """A checkable button tinted like the outcome its value gives when chosen."""
    color = OUTCOME_COLORS.get(outcome, ACCENT)
    tint = TINTS.get(outcome, INFO_TINT)
    return (
        f"QPushButton {{ background: white; border: 1px solid {FRAME}; border-radius: 4px;"
        f" padding: 6px 14px; color: {INK}; }}"
        f"QPushButton:hover {{ border-color: {ACCENT}; }}"
        f"QPushButton:focus {{ border: 1px solid {ACCENT}; }}"
        f"QPushButton:checked {{ background: {tint}; color: {color}; border: 2px solid {color};"
        " font-weight: bold; }"
        f"QPushButton:disabled {{ color: {GREY}; background: {DISABLED_TINT}; }}"
        f"QPushButton:checked:disabled {{ background: {tint}; color: {color};"
        f" border: 2px solid {color}; }}"
    )


class DateField(QWidget):
    """A date typed as people write it (2024-03-15, 2024/3/5, 2024年3月5日) or picked from a calendar."""

    edited = Signal()  # typing finished, or a day picked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        # An empty field says so: a grey example date would look filled in.
        self.line.setPlaceholderText(self.tr("Not filled in"))
        self.line.setToolTip(
            self.tr("Type a date such as 2024-03-15, or pick one from the calendar")
        )
        self.line.setClearButtonEnabled(True)
        # The whole date and the clear button, however narrow the pane: a squeezed field
        # showed "7-01-25" for 2027-01-25 beside the 责任人 in a read-only detail.
        least = self.line.fontMetrics().horizontalAdvance("2024-12-31") + 44
        self.line.setMinimumWidth(least)
        self.line.setMaximumWidth(max(130, least))
        self.line.editingFinished.connect(self.edited)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.menu = QMenu(self)
        holder = QWidgetAction(self.menu)
        holder.setDefaultWidget(self.calendar)
        self.menu.addAction(holder)
        self.menu.aboutToShow.connect(self._prepare)
        self.button = QToolButton()
        self.button.setObjectName("calendarButton")
        self.button.setIcon(icon("calendar"))
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.button.setText(self.tr("Calendar"))
        self.button.setToolTip(self.tr("Pick a day from the calendar"))
        self.button.setMenu(self.menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self.line.text().strip()

    def set_text(self, text: str) -> None:
        self.line.setText(text)

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    def _prepare(self) -> None:
        day = QDate.fromString(self.text(), "yyyy-MM-dd")
        self.calendar.setSelectedDate(day if day.isValid() else QDate.currentDate())

    def _picked(self, day: QDate) -> None:
        self.line.setText(day.toString("yyyy-MM-dd"))
        self.menu.close()
        self.edited.emit()


class AnswerEditor(QWidget):
    """The controls for one item's answer; ``commit`` when the person gives a value."""

    commit = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerEditor")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._body: QWidget | None = None
        self._new_body: QWidget | None = None
        self._item: Item | None = None
        self._value: AnswerValue = None
        self._read_only = False
        self._partial_credit = 0.5
        self._stages: tuple[str, ...] = ()
        self._committed_text = ""
        self._building = False
        # The item waits for re-confirmation after a checklist update: choosing the value it
        # already has is a deliberate answer then, and is committed (the store confirms it).
        self.confirming = False
        self._debouncer = Debouncer(self._commit_text, parent=self)
        self._leaving = FocusOutWatcher(self.flush, self)
        self.buttons: dict[str, QAbstractButton] = {}  # value → its button (choices)
        self.checks: dict[str, QCheckBox] = {}
        self.line: QLineEdit | None = None
        self.text_edit: QPlainTextEdit | None = None
        self.date: DateField | None = None
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("clearAnswer")
        self.clear_button.setText(self.tr("Clear answer"))
        self.clear_button.setIcon(icon("clear"))
        self.clear_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(lambda: self.commit.emit(""))

    # ------------------------------------------------------------ building

    def show_item(
        self,
        item: Item,
        value: AnswerValue,
        read_only: bool,
        partial_credit: float = 0.5,
        stages: tuple[str, ...] = (),
    ) -> None:
        """Build the controls for ``item`` showing ``value`` (pending typing must be flushed first).

        ``stages`` are the school's: the target shown is the one that applies to it.
        """
        self._debouncer.cancel()
        self._building = True  # the old controls lose focus as they go: that commits nothing
        self._item, self._value, self._read_only = item, value, read_only
        self._partial_credit = partial_credit
        self._stages = stages
        if self._body is not None:
            self._layout.removeWidget(self._body)
            self.clear_button.setParent(self)  # kept; the new body takes it back
            self._body.hide()  # deleted later; hidden now so it never shows under the new one
            self._body.deleteLater()
        self.buttons, self.checks = {}, {}
        self.line = self.text_edit = None
        self.date = None
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        kind = item.kind
        if kind is Kind.COMPLIANCE:
            self._choice_row(
                layout, [(n + 1, v, COMPLIANCE_LABELS[v]) for n, v in enumerate(COMPLIANCE_KEYS)]
            )
        elif kind is Kind.YES_NO:
            self._choice_row(layout, [("Y", YES, YES_NO_LABELS[YES]), ("N", NO, YES_NO_LABELS[NO])])
        elif kind in (Kind.NUMBER, Kind.PERCENT):
            self._number(layout, item)
        elif kind is Kind.TEXT:
            self._text(layout)
        elif kind is Kind.DATE:
            self._date(layout)
        elif kind is Kind.SINGLE:
            self._single(layout, item)
        else:
            self._multiple(layout, item)
        if item.accepts_na and kind is not Kind.COMPLIANCE:
            self._na_button(layout)
        words = school_target_words(item, stages)
        if words:
            target = QLabel(fill(self.tr("Target: %1"), words))
            target.setObjectName("targetLabel")
            target.setStyleSheet(f"color: {MUTED}")
            layout.addWidget(target)
        if kind is not Kind.TEXT:
            row = QHBoxLayout()
            row.addWidget(self.clear_button)
            row.addStretch(1)
            layout.addLayout(row)
        self._body = body
        self._layout.addWidget(body)
        if self.isVisible():
            body.show()  # now, not on the next turn: Enter can focus it at once
        self.set_value(value)
        self._building = False

    def _choice_row(self, layout: QVBoxLayout, choices: list[tuple[object, str, str]]) -> None:
        row = QHBoxLayout()
        row.setSpacing(8)
        group = QButtonGroup(self._new_body)  # goes with the body, not kept on the editor
        group.setExclusive(True)
        for key, value, text in choices:
            button = QPushButton(f"{key}  {text}")
            button.setObjectName(f"answer_{value}")
            button.setCheckable(True)
            button.setToolTip(fill(self.tr("Key %1 in the item list"), key))
            button.setStyleSheet(choice_style(self._outcome(value)))
            button.clicked.connect(lambda _=False, v=value: self._choose(v))
            group.addButton(button)
            row.addWidget(button)
            self.buttons[value] = button
        row.addStretch(1)
        layout.addLayout(row)

    def _na_button(self, layout: QVBoxLayout) -> None:
        """不适用 for a scored item the template lets a school answer so (``allow_na``)."""
        button = QPushButton(self.tr("Not applicable"))
        button.setObjectName(f"answer_{NA}")
        button.setCheckable(True)
        button.setToolTip(
            self.tr("This item does not concern the school; it then leaves the score")
        )
        button.setStyleSheet(choice_style(Outcome.NA))
        button.clicked.connect(lambda _=False: self._choose(NA))
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons[NA] = button

    def _number(self, layout: QVBoxLayout, item: Item) -> None:
        row = QHBoxLayout()
        self.line = QLineEdit()
        self.line.setObjectName("numberInput")
        self.line.setMaximumWidth(160)
        self.line.setPlaceholderText("0–100" if item.kind is Kind.PERCENT else self.tr("a number"))
        self.line.editingFinished.connect(self._commit_text)
        row.addWidget(self.line)
        unit = "%" if item.kind is Kind.PERCENT else item.unit
        if unit:
            row.addWidget(QLabel(unit))
        row.addStretch(1)
        layout.addLayout(row)

    def _text(self, layout: QVBoxLayout) -> None:
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("textInput")
        self.text_edit.setPlaceholderText(
            self.tr("Write the answer here; it is saved as you type.")
        )
        self.text_edit.setMinimumHeight(90)
        self.text_edit.setMaximumHeight(160)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.textChanged.connect(self._typed)
        self._leaving.watch(self.text_edit)
        layout.addWidget(self.text_edit)

    def _date(self, layout: QVBoxLayout) -> None:
        self.date = DateField()
        self.date.setObjectName("dateInput")
        self.date.edited.connect(self._commit_text)
        row = QHBoxLayout()
        row.addWidget(self.date)
        row.addStretch(1)
        layout.addLayout(row)

    def _single(self, layout: QVBoxLayout, item: Item) -> None:
        group = QButtonGroup(self._new_body)
        group.setExclusive(True)
        for n, option in enumerate(item.options):
            prefix = f"{n + 1}. " if n < 9 else ""
            radio = QRadioButton(prefix + (option.label or option.name))
            radio.setObjectName(f"option_{option.name}")
            radio.clicked.connect(lambda _=False, v=option.name: self._choose(v))
            group.addButton(radio)
            layout.addWidget(radio)
            self.buttons[option.name] = radio

    def _multiple(self, layout: QVBoxLayout, item: Item) -> None:
        for option in item.options:
            check = QCheckBox(option.label or option.name)
            check.setObjectName(f"option_{option.name}")
            check.clicked.connect(self._checks_changed)
            layout.addWidget(check)
            self.checks[option.name] = check

    # ------------------------------------------------------------ showing values

    def set_value(self, value: AnswerValue) -> None:
        """Show ``value`` (as stored) without committing anything."""
        self._value = value
        read_only = self._read_only
        for name, button in self.buttons.items():
            button.blockSignals(True)
            group = button.group()
            if group is not None:
                group.setExclusive(False)  # lets the last checked button be unchecked
            button.setChecked(value == name)
            if group is not None:
                group.setExclusive(True)
            button.setEnabled(not read_only)
            button.blockSignals(False)
        chosen = set(value) if isinstance(value, list) else set()
        for name, check in self.checks.items():
            check.blockSignals(True)
            check.setChecked(name in chosen)
            check.setEnabled(not read_only)
            check.blockSignals(False)
        text = ""
        if isinstance(value, float | int) and not isinstance(value, bool):
            text = number_text(float(value))
        elif (
            isinstance(value, str)
            and self._item is not None
            and self._item.kind in (Kind.TEXT, Kind.DATE)
        ):
            text = value
        self._committed_text = text
        if self.line is not None:
            self.line.setText(text)
            self.line.setReadOnly(read_only)
        if self.text_edit is not None:
            if self.text_edit.toPlainText() != text:
                self.text_edit.blockSignals(True)
                self.text_edit.setPlainText(text)
                self.text_edit.blockSignals(False)
            self.text_edit.setReadOnly(read_only)
        if self.date is not None:
            self.date.set_text(text)
            self.date.set_read_only(read_only)
        kind = self._item.kind if self._item is not None else Kind.TEXT
        self.clear_button.setVisible(value is not None and not read_only and kind is not Kind.TEXT)

    def _outcome(self, value: str) -> Outcome:
        if self._item is None:
            return Outcome.ANSWERED
        return item_share(self._item, value, self._partial_credit, self._stages)[0]

    # ------------------------------------------------------------ committing

    def _choose(self, value: str) -> None:
        if (value != self._value or self.confirming) and not self._building:
            self.commit.emit(value)

    def _checks_changed(self) -> None:
        if self._building:
            return
        self.commit.emit([name for name, check in self.checks.items() if check.isChecked()])

    def _typed(self) -> None:
        self._debouncer.touch()

    def current_text(self) -> str | None:
        if self.line is not None:
            return self.line.text().strip()
        if self.text_edit is not None:
            return self.text_edit.toPlainText()
        if self.date is not None:
            return self.date.text()
        return None

    def _commit_text(self) -> None:
        self._debouncer.cancel()
        text = self.current_text()
        if self._building or text is None or text == self._committed_text:
            return
        self._committed_text = text
        self.commit.emit(text)

    def reject_text(self) -> None:
        """The last text was refused: let the next edit or flush try again."""
        self._committed_text = "\0"

    def flush(self) -> None:
        """Commit typed text that has not been committed yet (before switching items or closing)."""
        if self._read_only:
            return
        self._commit_text()

    def pending(self) -> bool:
        text = self.current_text()
        return text is not None and text != self._committed_text

    def focus_editor(self) -> None:
        """Put the keyboard focus on the control (the chosen button, or the field)."""
        for widget in (self.line, self.text_edit, self.date.line if self.date else None):
            if widget is not None:
                widget.setFocus()
                return
        chosen = [b for v, b in self.buttons.items() if v == self._value] or list(
            self.buttons.values()
        )
        if chosen:
            chosen[0].setFocus()
            return
        if self.checks:
            next(iter(self.checks.values())).setFocus()
