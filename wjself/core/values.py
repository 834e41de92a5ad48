"""Answer values: their canonical form, reading what a person writes, and showing them.

Canonical values (as stored and in JSON): compliance ``met`` / ``partial`` / ``not_met`` /
``na``; yes/no ``yes`` / ``no``; numbers and percents as floats; text as str; dates as ISO
``YYYY-MM-DD``; a single choice as the option's name; a multiple choice as a list of names in
the template's order.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import TYPE_CHECKING

from wjself.core.numbers import display_number
from wjself.core.text import clip

if TYPE_CHECKING:
    from wjself.core.template import Item

AnswerValue = str | float | list[str] | None

MET, PARTIAL, NOT_MET, NA = "met", "partial", "not_met", "na"
COMPLIANCE_LABELS: dict[str, str] = {
    MET: "符合",
    PARTIAL: "基本符合",
    NOT_MET: "不符合",
    NA: "不适用",
}
YES, NO = "yes", "no"
YES_NO_LABELS: dict[str, str] = {YES: "是", NO: "否"}

_COMPLIANCE_INPUT = {
    **{v: k for k, v in COMPLIANCE_LABELS.items()},
    **{k: k for k in COMPLIANCE_LABELS},
    "n/a": NA,
    "not applicable": NA,
    "not met": NOT_MET,
    "partially met": PARTIAL,
}
_YES_NO_INPUT = {
    "是": YES,
    "否": NO,
    "yes": YES,
    "no": NO,
    "y": YES,
    "n": NO,
    "true": YES,
    "false": NO,
    "1": YES,
    "0": NO,
    "有": YES,
    "无": NO,
}
_SPLIT = re.compile(r"[\s,，、;；]+")
MAX_TEXT = 20_000
MAX_NUMBER = 1e15  # 15 digits: every whole number below it is exact as a float


class ValueProblem(ValueError):
    """A value that does not fit its item; the message says what would."""


def coerce(item: Item, raw: object) -> AnswerValue:
    """The canonical value for what a person (or a file) gave for ``item``.

    ``None`` or an empty string clears the answer.  Raises ValueProblem with a message in
    Chinese that says what the item accepts.
    """
    from wjself.core.template import Kind

    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    kind = item.kind
    if item.accepts_na and kind is not Kind.COMPLIANCE:
        if _is_na(raw):
            return NA
        try:
            return _coerce(item, raw)
        except ValueProblem as exc:
            raise ValueProblem(f"{exc}（本题也可答“不适用”）") from None
    return _coerce(item, raw)


def _coerce(item: Item, raw: object) -> AnswerValue:
    from wjself.core.template import Kind

    kind = item.kind
    if kind is Kind.COMPLIANCE:
        return _lookup(raw, _COMPLIANCE_INPUT, "符合、基本符合、不符合或不适用")
    if kind is Kind.YES_NO:
        if isinstance(raw, bool):
            return YES if raw else NO
        return _lookup(raw, _YES_NO_INPUT, "是或否")
    if kind in (Kind.NUMBER, Kind.PERCENT):
        number = _number(raw, percent=kind is Kind.PERCENT)
        if kind is Kind.PERCENT and not 0 <= number <= 100:
            raise ValueProblem(f"百分比应在 0 到 100 之间，而不是 {display_number(number)}")
        return number
    if kind is Kind.DATE:
        return _date(raw)
    if kind is Kind.SINGLE:
        return _choice(item, raw)
    if kind is Kind.MULTIPLE:
        if isinstance(raw, list | tuple):
            parts = [str(p) for p in raw]
        else:
            parts = [p for p in _SPLIT.split(str(raw).strip()) if p]
        chosen = {_choice(item, p) for p in parts}
        return [o.name for o in item.options if o.name in chosen]
    text = str(raw)
    if len(text) > MAX_TEXT:
        raise ValueProblem(f"文字过长（{len(text)} 字），上限 {MAX_TEXT} 字")
    if has_surrogate(text):
        raise ValueProblem(SURROGATE_MESSAGE)
    if any((ord(ch) < 32 and ch not in "\n\r\t") or is_hidden_control(ch) for ch in text):
        # Answers reach terminals (assessment show), PDFs and spreadsheets; notes refuse
        # control characters the same way (store.common.clean_text).
        raise ValueProblem("文字中含有控制字符（如终端转义序列），请删除后重试")
    return text


_NA_INPUT = frozenset({"不适用", "na", "n/a", "not applicable"})


def _is_na(raw: object) -> bool:
    return isinstance(raw, str) and raw.strip().lower() in _NA_INPUT


def _lookup(raw: object, table: dict[str, str], accepted: str) -> str:
    key = str(raw).strip().lower()
    if isinstance(raw, float) and raw.is_integer():
        key = str(int(raw))
    try:
        return table[key]
    except KeyError:
        raise ValueProblem(f"“{clip(str(raw), 41)}”不是可选的值，应为{accepted}") from None


def _number(raw: object, percent: bool) -> float:
    if isinstance(raw, bool):
        raise ValueProblem("应为数字")
    if isinstance(raw, int | float):
        number = float(raw)
    else:
        text = str(raw).strip().replace(",", "").replace("，", "")
        if percent:
            text = text.rstrip("%％").strip()
        try:
            number = float(text)
        except ValueError:
            raise ValueProblem(f"“{clip(str(raw), 41)}”不是数字") from None
    if not math.isfinite(number):
        raise ValueProblem("应为有限的数字")
    if abs(number) >= MAX_NUMBER:
        # Beyond this a float stops holding every whole number: what was typed would not be
        # what is saved and shown.
        raise ValueProblem(f"数字过大（{clip(str(raw), 41)}）：绝对值应小于 10 的 15 次方")
    return number


def _date(raw: object) -> str:
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = str(raw).strip()
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups())).isoformat()
        except ValueError:
            pass
    raise ValueProblem(f"“{clip(str(raw), 41)}”不是有效日期，应写作 2024-03-15")


def _choice(item: Item, raw: object) -> str:
    text = str(raw).strip()
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    for option in item.options:
        if text in (option.name, option.label):
            return option.name
    names = "、".join(o.label or o.name for o in item.options[:10])
    raise ValueProblem(f"“{clip(str(raw), 41)}”不是本题的选项，可选：{names}")


def display(item: Item, value: AnswerValue) -> str:
    """How a value reads for a person (Chinese labels, units)."""
    from wjself.core.template import Kind

    if value is None:
        return ""
    if value == NA and item.accepts_na:
        return COMPLIANCE_LABELS[NA]
    if item.kind is Kind.COMPLIANCE:
        return COMPLIANCE_LABELS.get(str(value), str(value))
    if item.kind is Kind.YES_NO:
        return YES_NO_LABELS.get(str(value), str(value))
    if item.kind in (Kind.NUMBER, Kind.PERCENT) and isinstance(value, int | float):
        unit = "%" if item.kind is Kind.PERCENT else (item.unit and f" {item.unit}")
        return f"{display_number(float(value))}{unit}"
    if item.kind in (Kind.SINGLE, Kind.MULTIPLE):
        names = value if isinstance(value, list) else [str(value)]
        labels = [(o.label or o.name) if (o := item.option(n)) else n for n in names]
        return "、".join(labels)
    return str(value)


SURROGATE_MESSAGE = "含有无效字符（孤立的代理码位，如 \\ud800），无法保存；请删除后重试"


# Direction overrides and isolates: the window (Qt applies bidi) would show "a\u202eb" as
# another name than the PDF and the database hold.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_hidden_control(ch: str) -> bool:
    """DEL, a C1 control (``\x9b`` is CSI, an escape sequence for some terminals) or a
    direction override: invisible characters that change what a person sees."""
    return 0x7F <= ord(ch) < 0xA0 or ch in _BIDI


def has_surrogate(text: str) -> bool:
    """Whether ``text`` holds half a UTF-16 pair (from a JSON ``\\ud800`` escape or bytes that
    were not UTF-8), which cannot be stored as UTF-8."""
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)
