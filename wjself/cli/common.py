"""What every command shares: exit codes, printing problems, and turning errors into exits."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from wjself.core.errors import EnvironmentFault, Hint, InputError, Problem, Remedy

if TYPE_CHECKING:
    from wjself.store.workspace import Workspace

EXIT_OK = 0
EXIT_BUG = 1
EXIT_INPUT = 2

log = logging.getLogger("wjself.cli")

MAX_ID = 2**63 - 1  # SQLite's largest integer


def record_id(text: str) -> int:
    """argparse type of every assessment and school id: a whole number SQLite can hold, so a
    huge or malformed id is a usage error (exit 2) naming the argument, never an overflow."""
    value = text.strip()
    if not value.isascii() or not value.isdigit():
        raise argparse.ArgumentTypeError(f"编号“{text[:40]}”应为正整数")
    if len(value) > 19 or not 1 <= int(value) <= MAX_ID:
        raise argparse.ArgumentTypeError(f"编号“{text[:40]}”超出范围（应为 1 到 {MAX_ID}）")
    return int(value)


SHOWN_PROBLEMS = 20  # a file with 50,000 bad rows gets a screenful, not 50,000 lines


def command_hint(hint: Hint | None) -> str:
    """What to type about a problem, as the words that follow its message (empty: nothing)."""
    if hint is None:
        return ""
    subject = hint.subject if hint.subject is not None else "ID"
    return {
        Remedy.REOPEN: f"（wjself assessment reopen {subject} --reason 原因）",
        Remedy.UPGRADE: f"（wjself assessment upgrade {subject} --to 版本号）",
        Remedy.LIST_ASSESSMENTS: "；用“wjself assessment list”查看现有自评",
        Remedy.LIST_SCHOOLS: "；用“wjself school list”查看已登记的学校",
        Remedy.LIST_TEMPLATES: "；用“wjself template list”查看已安装的模板",
        Remedy.WHOLE_BACKUP: "（wjself backup -o 文件）",
        Remedy.NA_REASON: f"（wjself answer set {subject} 检查项代码 不适用 --note 原因）",
    }[hint.remedy]


def print_problems(problems: Iterable[Problem]) -> None:
    """The first ``SHOWN_PROBLEMS`` problems, one a line (with the command that helps, if any),
    then how many more there are."""
    more = 0
    for index, problem in enumerate(problems):
        if index < SHOWN_PROBLEMS:
            print(str(problem) + command_hint(problem.hint), file=sys.stderr)
        else:
            more += 1
    if more:
        print(f"……还有 {more} 处问题（改正以上问题后再试，会列出其余的）", file=sys.stderr)


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@contextlib.contextmanager
def open_workspace(args: argparse.Namespace) -> Iterator[Workspace]:
    """The data folder of ``--data-dir`` opened as the composition root does (no window lock);
    for the commands a bureau shares with schools (``backup``, ``restore``), ``--district``'s."""
    if getattr(args, "district", None):
        from wjself.app import begin
        from wjself.district import open_district

        dws = open_district(begin(args.district).paths.root)
        for warning in dws.workspace.warnings:
            print(f"wjself: 注意：{warning}", file=sys.stderr)
        try:
            yield dws.workspace
        finally:
            dws.close()
        return
    from wjself.app import bootstrap

    context = bootstrap(args.data_dir)
    for warning in context.workspace.warnings:
        print(f"wjself: 注意：{warning}", file=sys.stderr)
    try:
        yield context.workspace
    finally:
        context.close()


def guarded(run: Callable[[], int], data_dir: str | None) -> int:
    """Run a command; map bad input and environment faults to 2, bugs to 1 with the log path."""
    try:
        return run()
    except InputError as exc:
        print_problems(exc.problems)
        return EXIT_INPUT
    except EnvironmentFault as exc:
        print(f"wjself: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("wjself: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:
        log_file = _log_bug(data_dir)
        where = f"，详情见日志 {log_file}" if log_file else ""
        print(f"wjself: 内部错误{where}。请将日志文件发给技术支持。", file=sys.stderr)
        return EXIT_BUG


def _log_bug(data_dir: str | None) -> str | None:
    from wjself.logs import current_log_file, setup_logging
    from wjself.paths import DataPaths, resolve_data_dir

    try:
        log_file = current_log_file() or setup_logging(
            DataPaths(resolve_data_dir(data_dir)).log_file
        )
        log.error("internal error\n%s", traceback.format_exc())
        return str(log_file)
    except Exception:
        traceback.print_exc()
        return None
