"""The domain: templates, schools, answers and scoring, in pure Python.

Nothing here imports Qt, SQLAlchemy or reportlab; every other package builds on this one.
"""
