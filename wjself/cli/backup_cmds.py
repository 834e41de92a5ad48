"""``wjself backup -o FILE`` and ``wjself restore FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path

from wjself.cli.common import EXIT_OK, open_workspace


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    save = commands.add_parser("backup", help="把数据库和全部佐证文件备份到一个文件")
    save.add_argument("-o", "--output", required=True, metavar="FILE")
    save.set_defaults(handler=cmd_backup)

    restore = commands.add_parser(
        "restore", help="从备份文件恢复数据库和佐证文件（先自动备份当前数据）"
    )
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        made = ws.write_backup(Path(args.output))
    target = made.path
    print(
        f"{target}: 已备份（{target.stat().st_size // 1024} KiB，"
        f"含数据库和 {made.evidence} 个佐证文件）"
    )
    if made.missing:
        print(
            f"注意：数据库引用的 {len(made.missing)} 个佐证文件在 evidence 目录中缺失或已损坏，"
            f"未能备份（如 {made.missing[0][:16]}…）。"
        )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from wjself.app import start_logging
    from wjself.store.container import is_container
    from wjself.store.restore import restore_database

    paths, _ = start_logging(args.data_dir)
    before = _key_text(paths.signing_key)
    saved = restore_database(paths, Path(args.file))
    # Bring a restored older database up to this program's schema now, not at the next start.
    with open_workspace(args) as ws:
        key_id = ws.signing_key.key_id
    key_changed = _key_text(paths.signing_key) != before
    whole = is_container(Path(args.file))
    print(f"已从 {args.file} 恢复数据库 {paths.database}" + ("和佐证文件" if whole else ""))
    if not whole:
        print("这是只含数据库的旧版备份；佐证文件保持原样。")
    if saved:
        print(f"恢复前的数据库已备份到 {saved}")
    if key_changed and before is not None:
        print(
            f"签名密钥已恢复为备份中的密钥 {key_id}；恢复前的密钥保存在 "
            f"{paths.keys}（signing-before-restore-….key）"
        )
    return EXIT_OK


def _key_text(path: Path) -> bytes | None:
    from wjself.regular_files import read_regular

    try:
        return read_regular(path, 4096)
    except OSError:
        return None
