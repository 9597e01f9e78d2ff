"""Adapters between the domain core and Excel files (openpyxl, python-calamine, XlsxWriter)."""
