"""What tests share: builders of templates and assessments, the dialog double, typing, file
and PDF checks, and the kill harnesses also used by benchmarks/."""
