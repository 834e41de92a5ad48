"""Show-if conditions (XLSForm ``relevant``): a small, safe subset, parsed and evaluated here.

Supported: ``${code} = 'value'`` (and ``!=``, ``>``, ``>=``, ``<``, ``<=`` with numbers),
``selected(${code}, 'name')``, ``and``, ``or``, ``not(...)`` and parentheses.  Nothing is ever
passed to ``eval``; anything else is a syntax error that names the position.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from wjself.core.numbers import number_text
from wjself.core.values import AnswerValue

Literal = str | float


class ExpressionError(ValueError):
    """A show-if condition that cannot be read."""


@dataclass(frozen=True, slots=True)
class Compare:
    code: str
    op: str
    value: Literal


@dataclass(frozen=True, slots=True)
class Selected:
    code: str
    value: str


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: str  # "and" | "or"
    operands: tuple[Expr, ...]


Expr = Compare | Selected | Not | BoolOp

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<ref>\$\{(?P<name>[^}]*)\})
    | (?P<str>'[^']*'|"[^"]*")
    | (?P<num>-?\d+(?:\.\d+)?)
    | (?P<op>!=|>=|<=|=|>|<)
    | (?P<punct>[(),])
    | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
    )""",
    re.VERBOSE,
)
_FLIP = {">": "<", "<": ">", ">=": "<=", "<=": ">=", "=": "=", "!=": "!="}


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    text: str
    pos: int


def _tokenize(source: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    pos = 0
    source = source.rstrip()
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if not match:
            raise ExpressionError(f"条件“{source}”第 {pos + 1} 个字符处无法识别")
        kind = match.lastgroup or ""
        if kind == "name":
            kind = "ref"
        text = match.group("name") if kind == "ref" else match.group(kind)
        tokens.append(_Tok(kind, text, match.start(kind) + 1))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _tokenize(source)
        self.i = 0

    def fail(self, what: str) -> ExpressionError:
        tok = self.peek()
        where = f"第 {tok.pos} 个字符处" if tok else "末尾"
        return ExpressionError(f"条件“{self.source}”{where}{what}")

    def peek(self) -> _Tok | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, kind: str, text: str | None = None) -> _Tok:
        tok = self.peek()
        if tok is None or tok.kind != kind or (text is not None and tok.text != text):
            raise self.fail(f"应为“{text or kind}”")
        self.i += 1
        return tok

    def at_word(self, word: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == "word" and tok.text == word

    def parse(self) -> Expr:
        if not self.tokens:
            raise ExpressionError("条件为空")
        expr = self.parse_or()
        if self.peek() is not None:
            raise self.fail("有多余内容")
        return expr

    def parse_or(self) -> Expr:
        operands = [self.parse_and()]
        while self.at_word("or"):
            self.i += 1
            operands.append(self.parse_and())
        return operands[0] if len(operands) == 1 else BoolOp("or", tuple(operands))

    def parse_and(self) -> Expr:
        operands = [self.parse_unary()]
        while self.at_word("and"):
            self.i += 1
            operands.append(self.parse_unary())
        return operands[0] if len(operands) == 1 else BoolOp("and", tuple(operands))

    def parse_unary(self) -> Expr:
        tok = self.peek()
        if tok is None:
            raise self.fail("缺少条件")
        if tok.kind == "word" and tok.text == "not":
            self.i += 1
            self.take("punct", "(")
            inner = self.parse_or()
            self.take("punct", ")")
            return Not(inner)
        if tok.kind == "word" and tok.text == "selected":
            self.i += 1
            self.take("punct", "(")
            code = self.take("ref").text
            self.take("punct", ",")
            value = self.literal()
            self.take("punct", ")")
            return Selected(code, str(value) if isinstance(value, str) else number_text(value))
        if tok.kind == "punct" and tok.text == "(":
            self.i += 1
            inner = self.parse_or()
            self.take("punct", ")")
            return inner
        if tok.kind == "ref":
            self.i += 1
            op = self.take("op").text
            return Compare(tok.text, op, self.literal())
        if tok.kind in ("str", "num"):
            value = self.literal()
            op = self.take("op").text
            code = self.take("ref").text
            return Compare(code, _FLIP[op], value)
        raise self.fail("应为 ${代码}、selected(...)、not(...) 或括号")

    def literal(self) -> Literal:
        tok = self.peek()
        if tok is not None and tok.kind == "str":
            self.i += 1
            return tok.text[1:-1]
        if tok is not None and tok.kind == "num":
            self.i += 1
            return float(tok.text)
        raise self.fail("应为带引号的值或数字")


@functools.lru_cache(maxsize=4096)
def parse(source: str) -> Expr:
    """Parse a show-if condition; raise ExpressionError naming the position if malformed."""
    return _Parser(source).parse()


def references(expr: Expr) -> frozenset[str]:
    """Codes of the items a condition looks at."""
    if isinstance(expr, Compare | Selected):
        return frozenset({expr.code})
    if isinstance(expr, Not):
        return references(expr.operand)
    out: frozenset[str] = frozenset()
    for operand in expr.operands:
        out |= references(operand)
    return out


def evaluate(expr: Expr, answers: Mapping[str, AnswerValue]) -> bool:
    """Whether the condition holds for these answers (an unanswered item is empty, as in ODK)."""
    if isinstance(expr, BoolOp):
        results = (evaluate(operand, answers) for operand in expr.operands)
        return all(results) if expr.op == "and" else any(results)
    if isinstance(expr, Not):
        return not evaluate(expr.operand, answers)
    value = answers.get(expr.code)
    if isinstance(expr, Selected):
        if isinstance(value, list | tuple):
            return expr.value in value
        return value is not None and str(value) == expr.value
    return _compare(value, expr.op, expr.value)


def _compare(answer: AnswerValue, op: str, literal: Literal) -> bool:
    if answer is None or answer == "" or isinstance(answer, list | tuple):
        # ODK treats an empty answer as '' for (in)equality and as NaN for order.
        if op == "=":
            return literal == ""
        if op == "!=":
            return literal != ""
        return False
    left: str | float
    right: str | float
    if isinstance(answer, bool):
        left, right = ("yes" if answer else "no"), literal
    elif isinstance(answer, int | float) or isinstance(literal, float):
        try:
            left, right = float(answer), float(literal)
        except ValueError:
            left, right = str(answer), str(literal)
    else:
        left, right = str(answer), literal if isinstance(literal, str) else number_text(literal)
    if op == "=":
        return left == right
    if op == "!=":
        return left != right
    if type(left) is not type(right):
        return False
    if op == ">":
        return left > right  # type: ignore[operator]
    if op == ">=":
        return left >= right  # type: ignore[operator]
    if op == "<":
        return left < right  # type: ignore[operator]
    return left <= right  # type: ignore[operator]
