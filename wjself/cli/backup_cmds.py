"""``wjself backup -o FILE`` and ``wjself restore FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path

from wjself.cli.common import EXIT_OK, open_workspace


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    save = commands.add_parser("backup", help="把数据库备份到一个文件")
    save.add_argument("-o", "--output", required=True, metavar="FILE")
    save.set_defaults(handler=cmd_backup)

    restore = commands.add_parser("restore", help="从备份文件恢复数据库（先自动备份当前数据库）")
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        target = ws.backup_to(Path(args.output))
    print(f"{target}: 已备份（{target.stat().st_size // 1024} KiB）")
    print("注意：备份只含数据库；佐证文件在数据文件夹的 evidence 目录中，请一并保管。")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from wjself.app import start_logging
    from wjself.store.restore import restore_database

    paths, _ = start_logging(args.data_dir)
    saved = restore_database(paths, Path(args.file))
    # Bring a restored older database up to this program's schema now, not at the next start.
    with open_workspace(args):
        pass
    print(f"已从 {args.file} 恢复数据库 {paths.database}")
    if saved:
        print(f"恢复前的数据库已备份到 {saved}")
    return EXIT_OK
