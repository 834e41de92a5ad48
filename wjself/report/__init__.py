"""Reports for inspectors and the bureau: the PDF (``report.pdf``) and the XLSX (``report.xlsx``).

Everything here is made from ``wjself.core.assessment.AssessmentView`` values (and the evidence
files their ``Evidence.path`` names); nothing reads the database.
"""
