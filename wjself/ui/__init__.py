"""The PySide6 window: thin widgets over the services; only ``wjself.app`` imports this."""
