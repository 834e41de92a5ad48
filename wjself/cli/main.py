"""Entry point of ``wjself``: the window by default, or a subcommand."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from wjself import __version__
from wjself.cli.common import guarded


def command_groups() -> tuple[ModuleType, ...]:
    """The command groups, each registering its subcommands (imported only for a command: the
    window starts without them)."""
    from wjself.cli import (
        answer_cmds,
        assessment_cmds,
        backup_cmds,
        bundle_cmds,
        demo_cmds,
        rectification_cmds,
        report_cmds,
        school_cmds,
        template_cmds,
    )

    return (
        template_cmds,
        school_cmds,
        assessment_cmds,
        answer_cmds,
        rectification_cmds,
        report_cmds,
        bundle_cmds,
        backup_cmds,
        demo_cmds,
    )


def window_call(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """``(data_dir, exit_after_startup)`` when ``argv`` only opens the window, else None (a
    command, help, a mistake: the full parser deals with those)."""
    data_dir: str | None = None
    exit_after = False
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word == "--exit-after-startup":
            exit_after = True
        elif word == "--data-dir" and rest and not rest[0].startswith("-"):
            data_dir = rest.pop(0)
        elif word.startswith("--data-dir=") and len(word) > len("--data-dir="):
            data_dir = word.removeprefix("--data-dir=")
        else:
            return None
    return data_dir, exit_after


DATA_DIR_HELP = "数据文件夹（默认为用户数据目录，或环境变量 WJSELF_DATA_DIR）"


class SubcommandParser(argparse.ArgumentParser):
    """A command's parser: also takes ``--data-dir`` after the command, as users type it
    (``wjself demo --data-dir D``).

    The option's default is suppressed here, so a value given before the command is kept
    unless one is given after it (the later one counts, as for any repeated option).  Every
    subcommand's parser is of this class (argparse makes nested ones like their parent).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_argument(
            "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=DATA_DIR_HELP
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wjself",
        description="武进学校自评：按教育局检查表开展学校自查自评，离线保存，生成督导报告。不带命令时打开窗口。",
    )
    parser.add_argument("--version", action="version", version=f"wjself {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    parser.add_argument(
        "--exit-after-startup",
        action="store_true",
        help="窗口显示后立即退出（用于冒烟测试和启动计时）",
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=SubcommandParser
    )
    for group in command_groups():
        group.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    window = window_call(sys.argv[1:] if argv is None else argv)
    if window is not None:
        from wjself.app import run_gui

        data_dir, exit_after = window
        return guarded(lambda: run_gui(data_dir, exit_after), data_dir)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from wjself.app import run_gui

        return guarded(lambda: run_gui(args.data_dir, args.exit_after_startup), args.data_dir)
    return guarded(lambda: int(args.handler(args)), args.data_dir)


if __name__ == "__main__":
    sys.exit(main())
