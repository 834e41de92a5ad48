"""Creates the QApplication (font, translations, crash handling), shows the main window, runs the loop."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from wjself import __version__, resources
from wjself.core.errors import EnvironmentFault, InputError
from wjself.store import glance as glance_store
from wjself.store.faults import DatabaseDamaged, DatabaseTooNew
from wjself.ui.crash import install_excepthook
from wjself.ui.fonts import install_cjk_font
from wjself.ui.i18n import CHINESE, install_translators
from wjself.ui.main_window import MainWindow
from wjself.ui.preferences import Preferences
from wjself.ui.prompts import Prompts
from wjself.ui.recovery import offer_restore, restored_text, too_new_text

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from wjself.context import Context, DistrictContext, Startup
    from wjself.store.workspace import Workspace

log = logging.getLogger(__name__)


def create_application(language: str = CHINESE, argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("wjself")
    app.setApplicationDisplayName("武进学校自评")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    install_cjk_font(app)
    install_translators(app, language)
    return app


def app_icon() -> QIcon:
    icon = QIcon()
    for px in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(resources.path("icons", f"wjself-{px}.png")))
    return icon


class _Opening:
    """Opening the data folder once the window shows: a damaged database offered its backup,
    a refusal closing the window with exit code 2, the restore told once the data shows."""

    def __init__(
        self,
        window: MainWindow,
        startup: Startup,
        load: Callable[[], Context | DistrictContext],
        exit_after_startup: bool,
        restore: Callable[[Path], Path | None] | None,
    ) -> None:
        self.window = window
        self.startup = startup
        self.load = load
        self.exit_after_startup = exit_after_startup
        self.restore = restore
        self.code = 0
        self.told: list[str] = []

    def refuse(self, message: str | None = None) -> None:
        self.code = 2
        if message is not None:
            if self.exit_after_startup:
                print(f"wjself: {message}", file=sys.stderr)
            else:
                show_startup_error(message, self.window.prompts, self.window)
        self.window.close()

    def recover(self, fault: DatabaseDamaged) -> Context | DistrictContext | None:
        """Offer the latest good backup; the reopened data once restored, else None."""
        window, startup = self.window, self.startup
        if self.exit_after_startup or self.restore is None:
            self.refuse(str(fault))
            return None
        if (
            not offer_restore(fault, window.prompts, window, startup.paths.root, startup.log_file)
            or fault.backup is None
        ):
            self.refuse()
            return None
        window.show_opening(QCoreApplication.translate("Recovery", "Restoring the backup…"))
        title = QCoreApplication.translate("Recovery", "The backup was not restored")
        try:
            kept = self.restore(fault.backup)
            context = self.load()
        except (InputError, EnvironmentFault) as exc:
            window.prompts.error(window, title, describe_refusal(exc) + "\n\n" + nothing_changed())
            self.refuse()
            return None
        self.told.append(restored_text(fault.backup, kept))  # said once the window shows the data
        return context

    def too_new(self, exc: DatabaseTooNew) -> None:
        if self.exit_after_startup:
            self.refuse(str(exc))
            return
        self.code = 2
        self.window.prompts.error(
            self.window,
            QCoreApplication.translate("Startup", "wjself cannot open"),
            too_new_text(str(exc)),
        )
        self.window.close()

    def bureau_folder(self) -> bool:
        """Whether a folder opened without ``--district`` is the bureau's (marked so by the
        command line, or a bureau folder copied here): then it opens as the bureau's rather
        than being refused as a school's."""
        loader = self.window.district_loader
        if self.window.is_district or loader is None:
            return False
        from wjself.store.mode import DISTRICT, file_mode  # after the window shows

        database = self.startup.paths.database
        if not database.is_file() or file_mode(database, read_only=False) != DISTRICT:
            return False
        self.load = loader
        self.window.is_district = True
        return True

    def open_data(self) -> None:
        self.bureau_folder()
        try:
            context: Context | DistrictContext | None = self.load()
        except DatabaseDamaged as fault:
            context = self.recover(fault)
        except DatabaseTooNew as exc:
            self.too_new(exc)
            return
        except EnvironmentFault as exc:
            self.refuse(str(exc))
            return
        if context is None:
            return
        window = self.window
        window.attach(context)
        for text in self.told:
            window.prompts.inform(
                window, QCoreApplication.translate("Recovery", "Restored from the backup"), text
            )
        if self.exit_after_startup:
            QTimer.singleShot(0, QCoreApplication.quit)
        elif not window.is_district:
            from wjself.ui.wizard import first_start

            first_start(window)


def run(
    startup: Startup,
    load: Callable[[], Context],
    exit_after_startup: bool = False,
    prompts: Prompts | None = None,
    restore: Callable[[Path], Path | None] | None = None,
    load_district: Callable[[], DistrictContext] | None = None,
) -> int:
    """Show the window at once, then open the data folder (``load``) and add the pages.

    The bureau's window (``startup.district``, or a folder whose window was last the bureau's)
    opens it with ``load_district`` instead; the first-start wizard can switch to it too.

    A damaged database is named and, when the data folder holds an intact backup, its restore
    offered (``restore(backup)`` puts it in place and returns where the damaged file is kept);
    declined, or without a backup, the window closes with exit code 2 and nothing changed.
    With ``exit_after_startup`` the program quits once the window shows the user's data.
    """
    preferences = Preferences(startup.paths.root)
    app = create_application(preferences.language)
    district = load_district is not None and (startup.district or preferences.district)
    window = MainWindow(
        None,
        prompts or Prompts(),
        preferences,
        paths=startup.paths,
        log_file=startup.log_file,
        district=district,
    )
    window.district_loader = load_district
    install_crash_dialog(window)
    # The last session's figures when nothing has written the database since: the first frame
    # shows the school's assessments while SQLAlchemy loads (wjself.store.glance).
    glance = None if district else glance_store.read(startup.paths)
    if glance is not None:
        window.show_glance(glance)
    window.show()
    chosen: Callable[[], Context | DistrictContext] = (
        load_district if district and load_district is not None else load
    )
    opening = _Opening(window, startup, chosen, exit_after_startup, restore)
    # Let the window paint first: opening the data (SQLAlchemy, migrations, backup) follows.
    QTimer.singleShot(0, opening.open_data)
    code = app.exec()
    if window.district_context is not None:
        window.district_context.district.close()
    elif window.attached:
        close_keeping_glance(startup, window.context.workspace)
    return opening.code or code


def close_keeping_glance(startup: Startup, workspace: Workspace) -> None:
    """Close the database, then keep what the home page shows for the next start."""
    try:
        glance = glance_store.collect(workspace)
    except (InputError, EnvironmentFault) as exc:
        log.info("no glance for the next start: %s", exc)
        glance = None
    workspace.close()
    if glance is not None:
        glance_store.write(startup.paths, glance)


def nothing_changed() -> str:
    return QCoreApplication.translate(
        "Recovery", "The data folder was left as it was. This window will now close."
    )


def describe_refusal(exc: InputError | EnvironmentFault) -> str:
    if isinstance(exc, InputError):
        return "\n".join(str(p) for p in exc.problems)
    return str(exc)


def install_crash_dialog(window: MainWindow) -> None:
    """A bug anywhere in the window is logged and shown with the log file's path."""
    install_excepthook(
        window.log_file,
        lambda title, text, details: window.prompts.error(window, title, text, details),
    )


def show_startup_error(
    message: str, prompts: Prompts | None = None, parent: QWidget | None = None
) -> int:
    """Tell the person why the window cannot open (data folder in use, damaged …); exit code 2."""
    create_application()
    title = QCoreApplication.translate("Startup", "wjself cannot open")
    text = (
        message
        + "\n\n"
        + QCoreApplication.translate(
            "Startup", "Nothing in the data folder was changed. This window will now close."
        )
    )
    (prompts or Prompts()).error(parent, title, text)
    return 2
