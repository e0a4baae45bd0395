"""Export: composed pages (the display list) to print files."""

from __future__ import annotations

from app.export.geometry import PageGeometry
from app.export.pdf import export_pdf

__all__ = ["PageGeometry", "export_pdf"]
