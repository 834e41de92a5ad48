"""What the window says when the data folder's database cannot be opened.

A damaged database (``store.db.DatabaseDamaged``): which file, and — when the data folder
holds a backup that passes the integrity check — the offer to restore it, with its date and
age ("2024-05-06 08:30 的自动备份（3 天前）").  Restoring is the person's choice; the damaged file
is kept aside (``backups/damaged-*.db``) and the window then opens on the restored data.
Without a good backup the window says what to do (keep the folder, contact support with the
log file).  A database written by a newer wjself gets a plain message and no offer.

The decisions (is it damage, which backup, the restore itself) are the store's and
``wjself.app``'s; this module only words them and asks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from wjself.store.backup import backup_kind, backup_time
from wjself.store.faults import DatabaseDamaged
from wjself.ui.i18n import fill
from wjself.ui.prompts import Prompts

RESTORE, CANCEL = 0, 1


translate = QCoreApplication.translate


def age_text(when: dt.datetime, now: dt.datetime) -> str:
    """How long ago ``when`` was, as people say it (刚才, 5 分钟前, 3 小时前, 2 天前)."""
    seconds = (now - when).total_seconds()
    if seconds < 0:
        return translate("Recovery", "dated in the future: the computer's clock has changed")
    if seconds < 60:
        return translate("Recovery", "just now")
    if seconds < 3600:
        return fill(translate("Recovery", "%1 minutes ago"), int(seconds // 60))
    if seconds < 86400:
        return fill(translate("Recovery", "%1 hours ago"), int(seconds // 3600))
    return fill(translate("Recovery", "%1 days ago"), int(seconds // 86400))


def backup_text(path: Path, now: dt.datetime | None = None) -> str:
    """``2024-05-06 08:30 的自动备份（3 天前）`` for a backup in the backups folder."""
    when = backup_time(path)
    if when is None:
        return path.name
    kinds = {
        "auto": translate("Recovery", "the automatic backup of %1"),
        "pre-migration": translate("Recovery", "the backup taken before wjself was updated, %1"),
        "pre-upgrade": translate("Recovery", "the backup taken before a checklist upgrade, %1"),
        "pre-restore": translate("Recovery", "the backup taken before a restore, %1"),
        "manual": translate("Recovery", "the backup made by hand, %1"),
    }
    what = fill(
        kinds.get(backup_kind(path), translate("Recovery", "the backup of %1")),
        f"{when:%Y-%m-%d %H:%M}",
    )
    return fill(translate("Recovery", "%1 (%2)"), what, age_text(when, now or dt.datetime.now()))


def offer_restore(
    fault: DatabaseDamaged,
    prompts: Prompts,
    parent: QWidget | None,
    data_folder: Path,
    log_file: Path,
) -> bool:
    """Tell the person the database is damaged; True when they chose to restore the backup.

    Without a good backup, say what to do instead (and return False).
    """
    title = translate("Recovery", "The database is damaged")
    details = fill(
        translate("Recovery", "What SQLite reported: %1\nLog file: %2"), fault.detail, log_file
    )
    if fault.backup is None:
        prompts.error(
            parent,
            title,
            fill(
                translate(
                    "Recovery",
                    "The database file of the data folder is damaged and cannot be opened:\n%1\n\n"
                    "There is no backup in the data folder that is intact.\n\n"
                    "Please do not delete or overwrite this file. Copy the whole data folder\n%2\n"
                    "somewhere safe, then contact technical support and give them the log file:\n%3\n\n"
                    "Nothing in the data folder was changed. This window will now close.",
                ),
                fault.path,
                data_folder,
                log_file,
            ),
            details,
        )
        return False
    choice = prompts.choose(
        parent,
        title,
        fill(
            translate(
                "Recovery",
                "The database file of the data folder is damaged and cannot be opened:\n%1\n\n"
                "The latest intact backup is %2:\n%3\n\n"
                "Restore this backup? The window then opens on its data; changes made after it "
                "was taken are not in it. The damaged file is not deleted: it is kept in the "
                "backups folder.\n\n"
                "Cancel closes the program without changing anything.",
            ),
            fault.path,
            backup_text(fault.backup),
            fault.backup,
        ),
        [translate("Recovery", "Restore this backup"), translate("Recovery", "Cancel")],
        details=details,
    )
    return choice == RESTORE


def restored_text(source: Path, kept: Path | None) -> str:
    """What the window says once the backup is in place."""
    text = fill(translate("Recovery", "The data was restored from %1."), backup_text(source))
    if kept is not None:
        text += "\n\n" + fill(
            translate(
                "Recovery",
                "The damaged database file is kept as:\n%1\n"
                "Changes made after the backup are not in the restored data; if they matter, "
                "keep that file and contact technical support.",
            ),
            kept,
        )
    return text


def too_new_text(message: str) -> str:
    return message + "\n\n" + translate("Recovery", "This window will now close.")
