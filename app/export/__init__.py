"""Export: composed pages (the display list) to print files; names load on first use.

Lazy (PEP 562) so that the command line can build its parser from app.export.options
without importing ReportLab, Pillow and pikepdf for every command.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "PageGeometry": "app.export.geometry",
    "export_pdf": "app.export.pdf",
    "ExportPreset": "app.export.presets",
    "PRESETS": "app.export.presets",
    "PRINT": "app.export.presets",
    "SCREEN": "app.export.presets",
    "get_preset": "app.export.presets",
    "export_issue": "app.export.issue",
    "add_export_options": "app.export.options",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
