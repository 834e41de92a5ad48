"""Template and answer files in and out (JSON, XLSX), their validation, and bundles."""
