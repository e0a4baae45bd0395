"""Banmian's typesetting engine: pure Python, no Qt, ReportLab or SQLite."""
