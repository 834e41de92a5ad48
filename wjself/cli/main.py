"""Entry point of ``wjself``: the window by default, or a subcommand."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from wjself import __version__
from wjself.cli.common import EXIT_INPUT, guarded


def command_groups() -> tuple[ModuleType, ...]:
    """The command groups, each registering its subcommands (imported only for a command: the
    window starts without them)."""
    from wjself.cli import (
        answer_cmds,
        assessment_cmds,
        backup_cmds,
        bundle_cmds,
        demo_cmds,
        district_cmds,
        key_cmds,
        rectification_cmds,
        report_cmds,
        review_cmds,
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
        review_cmds,
        backup_cmds,
        key_cmds,
        demo_cmds,
        district_cmds,
    )


def window_call(argv: Sequence[str]) -> tuple[str | None, bool, bool] | None:
    """``(data_dir, exit_after_startup, district)`` when ``argv`` only opens the window, else
    None (a command, help, a mistake: the full parser deals with those).  ``--district DIR``
    opens DIR in the bureau's window (区教育局端)."""
    data_dir: str | None = None
    exit_after = district = False
    folders = 0
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        option, _, value = word.partition("=")
        if word == "--exit-after-startup":
            exit_after = True
        elif option in ("--data-dir", "--district") and value:
            data_dir, district, folders = value, option == "--district", folders + 1
        elif word in ("--data-dir", "--district") and rest and not rest[0].startswith("-"):
            data_dir, district, folders = rest.pop(0), word == "--district", folders + 1
        else:
            return None
    return (data_dir, exit_after, district) if folders <= 1 else None


DATA_DIR_HELP = "数据文件夹（默认为用户数据目录，或环境变量 WJSELF_DATA_DIR）"
DISTRICT_HELP = "区教育局端的数据文件夹（district 命令用）；与学校的数据文件夹不能混用"


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
        self.add_argument(
            "--district", metavar="DIR", default=argparse.SUPPRESS, help=DISTRICT_HELP
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wjself",
        description="武进学校自评：按教育局检查表开展学校自查自评，离线保存，生成督导报告。不带命令时打开窗口。",
    )
    parser.add_argument("--version", action="version", version=f"wjself {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    parser.add_argument("--district", metavar="DIR", help=DISTRICT_HELP)
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

        data_dir, exit_after, district = window
        return guarded(lambda: run_gui(data_dir, exit_after, district=district), data_dir)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None and args.district:
        # ``--district DIR`` alone opens the bureau's window (window_call); with --data-dir too
        # it names two folders for one window.
        print(
            "wjself: --district（区教育局端）与 --data-dir（学校）不能同时给出：一个窗口只打开一个数据文件夹",
            file=sys.stderr,
        )
        return EXIT_INPUT
    if args.command is None:
        from wjself.app import run_gui

        return guarded(lambda: run_gui(args.data_dir, args.exit_after_startup), args.data_dir)
    mixed = _mixed_folders(args)
    if mixed:
        print(f"wjself: {mixed}", file=sys.stderr)
        return EXIT_INPUT
    return guarded(lambda: int(args.handler(args)), args.district or args.data_dir)


SHARED_COMMANDS = ("backup", "restore", "keys")  # what a bureau's folder shares with a school's


def _mixed_folders(args: argparse.Namespace) -> str | None:
    """Why the folder options do not fit the command (a school's command given the bureau's
    folder, or the other way round), or None."""
    if args.command == "district":
        if args.data_dir and not args.district:
            return "district 命令用 --district 给出区教育局端的数据文件夹，而不是 --data-dir"
        return None
    if args.district and args.command not in SHARED_COMMANDS:
        return (
            f"--district 只用于 district、backup、restore、keys 命令；"
            f"{args.command} 命令用 --data-dir 给出学校的数据文件夹"
        )
    if args.district and args.data_dir:
        return "--district 和 --data-dir 只能给出一个"
    return None


if __name__ == "__main__":
    sys.exit(main())
