"""wjself (武进学校自评): school self-assessment against the Wujin education bureau's checklists."""

__version__ = "1.2.1"
