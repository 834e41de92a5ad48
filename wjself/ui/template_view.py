"""Reading a checklist before starting it: its items, and what a newer version changes.

``TemplateContents`` lists the groups and their items (code, text, kind, target, applicability)
with the whole of the selected item below (method, evidence, guidance …); the import preview
shows it for a file, and ``TemplateDialog`` for an installed template, opened from the
Templates page (double-click or 查看内容…), with the changes against the version installed
before it when there is one.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wjself.core.diff_report import format_diff
from wjself.core.diff_words import applies_words
from wjself.core.numbers import display_number
from wjself.core.target_words import all_target_words
from wjself.core.template import Item, Section, Template
from wjself.ui.i18n import fill
from wjself.ui.labels import kind_label
from wjself.ui.widgets import MUTED, ink, scaled_font

if TYPE_CHECKING:
    from wjself.core.diff import TemplateDiff

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def target_words(item: Item) -> str:
    """What counts as met: the targets (each stage's, as the window and the PDF word them), or
    the choices with their scores."""
    targets = all_target_words(item)
    if targets:
        return targets
    if item.options:
        return "；".join(
            o.label if o.score is None else f"{o.label}（{display_number(o.score)}）"
            for o in item.options
        )
    return ""


class TemplateContents(QWidget):
    """The groups and items of one template, read-only; the selected item in full below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sections: dict[str, Section] = {}
        self._rows: list[tuple[Item, QTreeWidgetItem]] = []
        self.tree = QTreeWidget()
        self.tree.setObjectName("templateItems")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Item"),
                self.tr("Kind"),
                self.tr("Target / choices"),
                self.tr("Applies to"),
            ]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        # Long texts are cut with … (the whole item is below): never a sideways scroll bar.
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.currentItemChanged.connect(self._show_current)
        self.details = QTextBrowser()
        self.details.setObjectName("itemDetails")
        self.details.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def show_template(self, template: Template) -> None:
        self.tree.clear()
        self._sections = {}
        self._rows = []
        for section in template.sections:
            group = QTreeWidgetItem(
                [section.code, fill(self.tr("%1 (%2 items)"), section.title, len(section.items))]
            )
            font = scaled_font(self.tree, 1.0, bold=True)
            for column in range(2):
                group.setFont(column, font)
            group.setToolTip(1, section.description or section.title)
            for item in section.items:
                row = QTreeWidgetItem(
                    [
                        item.code,
                        item.text,
                        kind_label(item.kind),
                        target_words(item),
                        applies_words(item.applies),
                    ]
                )
                row.setData(0, ITEM_ROLE, item)
                row.setToolTip(1, item.text)
                row.setToolTip(3, target_words(item))
                group.addChild(row)
                self._rows.append((item, row))
            self.tree.addTopLevelItem(group)
            self._sections[section.code] = section
        self.tree.expandAll()
        for column in (0, 2, 3, 4):
            self.tree.resizeColumnToContents(column)
            self.tree.setColumnWidth(column, min(self.tree.columnWidth(column), 220))
        if self._rows:
            self.tree.setCurrentItem(self._rows[0][1])
        else:
            self.details.clear()

    def items(self) -> list[Item]:
        """Every item listed, in order."""
        return [item for item, _row in self._rows]

    def select(self, code: str) -> None:
        for item, row in self._rows:
            if item.code == code:
                self.tree.setCurrentItem(row)
                self.tree.scrollToItem(row)
                return

    def _show_current(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is None:
            self.details.clear()
            return
        item = current.data(0, ITEM_ROLE)
        if isinstance(item, Item):
            self.details.setHtml(self.item_html(item))
        else:
            section = self._sections.get(current.text(0))
            text = f"<b>{escape(current.text(0))} {escape(section.title if section else '')}</b>"
            if section is not None and section.description:
                text += f"<p>{escape(section.description)}</p>"
            self.details.setHtml(text)

    def item_html(self, item: Item) -> str:
        """The whole item: every field a person filling it in would read."""
        facts = [kind_label(item.kind)]
        if item.clause:
            facts.insert(0, item.clause)
        if item.required:
            facts.append(self.tr("required"))
        if item.is_scored:
            facts.append(fill(self.tr("weight %1"), display_number(item.effective_weight)))
        rows = [
            (self.tr("Target / choices"), target_words(item)),
            (self.tr("How to check"), item.method),
            (self.tr("Evidence"), item.evidence),
            (self.tr("Guidance"), item.guidance),
            (self.tr("Applies to"), applies_words(item.applies)),
            (self.tr("Shown when"), item.show_if),
        ]
        body = "".join(
            f"<tr><td style='color:{MUTED}; padding-right:10px' valign='top'>{escape(name)}</td>"
            f"<td>{escape(value).replace(chr(10), '<br/>')}</td></tr>"
            for name, value in rows
            if value
        )
        return (
            f"<p><b>{escape(item.code)}</b> <span style='color:{MUTED}'>"
            f"{escape(' · '.join(facts))}</span></p>"
            f"<p>{escape(item.text).replace(chr(10), '<br/>')}</p><table>{body}</table>"
        )

    def details_text(self) -> str:
        return self.details.toPlainText()


class TemplateDialog(QDialog):
    """An installed template, read-only: its items, and the changes from an earlier version."""

    def __init__(
        self,
        template: Template,
        parent: QWidget | None = None,
        *,
        older_version: str = "",
        diff: TemplateDiff | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templateDialog")
        self.template = template
        self.setWindowTitle(
            fill(self.tr("%1 version %2"), f"《{template.title}》", template.version)
        )
        heading = QLabel(f"《{template.title}》 {template.version}")
        heading.setFont(scaled_font(heading, 1.3, bold=True))
        heading.setWordWrap(True)
        facts = QLabel(
            " · ".join(
                part
                for part in (
                    template.issuer,
                    fill(
                        self.tr("%1 items in %2 groups"),
                        template.item_count(),
                        len(template.sections),
                    ),
                    template.plan_ref,
                )
                if part
            )
        )
        facts.setWordWrap(True)
        facts.setStyleSheet(ink(MUTED))
        self.contents = TemplateContents()
        self.contents.show_template(template)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.contents, self.tr("Items"))
        self.changes: QPlainTextEdit | None = None
        if diff is not None:
            self.changes = QPlainTextEdit()
            self.changes.setObjectName("templateChanges")
            self.changes.setReadOnly(True)
            self.changes.setPlainText(format_diff(diff))
            self.tabs.addTab(self.changes, fill(self.tr("Changes from version %1"), older_version))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if template.description:
            description = QLabel(template.description)
            description.setWordWrap(True)
            layout.addWidget(description)
        layout.addWidget(facts)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(860, 600)
