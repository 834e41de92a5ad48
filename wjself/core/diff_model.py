"""What a template difference is made of: the records ``core/diff.py`` builds.

``TemplateDiff`` sorts every item of two versions into kept, reworded, changed, moved, added
and removed ``ItemDiff`` entries, each with its ``FieldChange`` list; ``SectionChange`` and the
template's own ``FieldChange`` list say what changed above the items.  The rules are in the
docstring of ``core/diff.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from wjself.core.diff_words import FIELD_LABELS, TEMPLATE_FIELD_LABELS
from wjself.core.template import version_key


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One change to an item (or to the template): which field, old → new, and in words.

    ``old``/``new`` are the values as a template file writes them ("" for none); ``text`` says
    it in Chinese for people; ``affects_answers`` is true when it changes what can be answered
    or how an answer counts (false: wording only).
    """

    field: str
    old: str
    new: str
    text: str
    affects_answers: bool
    option: str = ""  # the option concerned, for option_* fields

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field) or TEMPLATE_FIELD_LABELS.get(self.field, self.field)


@dataclass(frozen=True, slots=True)
class ItemDiff:
    """One item's standing between the versions.

    ``section`` is where it is in the new version (the old one for removed items),
    ``old_section`` where it was ("" for added items).
    """

    code: str
    text: str
    section: str
    section_title: str
    old_section: str = ""
    old_section_title: str = ""
    old_text: str = ""
    changes: tuple[FieldChange, ...] = ()

    @property
    def moved(self) -> bool:
        return bool(self.old_section) and self.old_section != self.section

    @property
    def affects_answers(self) -> bool:
        return any(c.affects_answers for c in self.changes)

    @property
    def reworded(self) -> bool:
        return bool(self.changes) and not self.affects_answers

    @property
    def fields(self) -> tuple[str, ...]:
        """The changed fields, each once, in the order found."""
        return tuple(dict.fromkeys(c.field for c in self.changes))


@dataclass(frozen=True, slots=True)
class SectionChange:
    """A change to a section: ``change`` is renamed, added, removed, reordered, description or
    items_reordered."""

    change: str
    code: str
    old: str
    new: str
    text: str


@dataclass(frozen=True, slots=True)
class TemplateDiff:
    """Everything that differs between ``old`` and ``new`` (see the module docstring)."""

    old_id: str
    old_version: str
    new_id: str
    new_version: str
    title: str
    old_count: int
    new_count: int
    kept: tuple[ItemDiff, ...] = ()
    reworded: tuple[ItemDiff, ...] = ()
    changed: tuple[ItemDiff, ...] = ()
    moved: tuple[ItemDiff, ...] = ()
    added: tuple[ItemDiff, ...] = ()
    removed: tuple[ItemDiff, ...] = ()
    sections: tuple[SectionChange, ...] = ()
    template: tuple[FieldChange, ...] = ()

    @property
    def direction(self) -> str:
        """``upgrade``, ``downgrade`` or ``same`` by ``version_key``."""
        old, new = version_key(self.old_version), version_key(self.new_version)
        return "same" if old == new else ("upgrade" if new > old else "downgrade")

    @property
    def identical(self) -> bool:
        return not (
            self.reworded
            or self.changed
            or self.moved
            or self.added
            or self.removed
            or self.sections
            or self.template
        )

    @property
    def moved_only(self) -> tuple[ItemDiff, ...]:
        """The items that moved to another section and did not change otherwise."""
        return tuple(d for d in self.moved if not d.changes)

    def item(self, code: str) -> ItemDiff | None:
        """The entry for ``code`` in whichever list holds it."""
        for group in (self.kept, self.reworded, self.changed, self.moved, self.added, self.removed):
            for entry in group:
                if entry.code == code:
                    return entry
        return None

    def counts(self) -> dict[str, int]:
        return {
            "kept": len(self.kept),
            "reworded": len(self.reworded),
            "changed": len(self.changed),
            "moved": len(self.moved),
            "moved_only": len(self.moved_only),
            "added": len(self.added),
            "removed": len(self.removed),
            "sections": len(self.sections),
            "template": len(self.template),
        }
