"""The pages of the main window, in navigation order: a school's, and the bureau's."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wjself.ui.page import Page


def page_factories() -> list[type[Page]]:
    from wjself.ui.home import HomePage
    from wjself.ui.rectifications_page import RectificationsPage
    from wjself.ui.settings_page import SettingsPage
    from wjself.ui.templates_page import TemplatesPage
    from wjself.ui.walkthrough import WalkthroughPage

    return [
        HomePage,
        WalkthroughPage,
        RectificationsPage,
        TemplatesPage,
        SettingsPage,
    ]


def district_page_factories() -> list[type[Page]]:
    """The bureau's window (区教育局端): receive, compare, read, the schools' keys."""
    from wjself.ui.district_compare import ComparePage
    from wjself.ui.district_keys import KeysPage
    from wjself.ui.district_read import ReadPage
    from wjself.ui.district_receive import ReceivePage

    return [ReceivePage, ComparePage, ReadPage, KeysPage]
