"""Numbers written the way people and files expect: ``3`` rather than ``3.0``."""

from __future__ import annotations


def plain_number(value: float) -> int | float:
    """An int when the value is whole (for JSON and spreadsheet cells), else the float."""
    return int(value) if float(value).is_integer() else value


def number_text(value: float) -> str:
    """The exact text of a number: ``3``, ``2.5``, ``0.1`` (never ``3.0``)."""
    return str(int(value)) if float(value).is_integer() else str(float(value))


def display_number(value: float) -> str:
    """A number for reading: whole numbers without ``.0``, others to six significant digits."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
