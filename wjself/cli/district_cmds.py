"""``wjself --district DIR district …``: the bureau's commands (区教育局端).

The group holds the subcommands of each part of the district side; the review and report
commands are in ``district_review_cmds``.  ``--district DIR`` may stand before or after the
command, like ``--data-dir``.
"""

from __future__ import annotations

import argparse

from wjself.cli import district_review_cmds


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "district", help="区教育局端：接收数据包、比较各校、审阅意见、区级汇总（需 --district DIR）"
    )
    sub = parser.add_subparsers(dest="district_command", required=True, metavar="COMMAND")
    district_review_cmds.add_commands(sub)
