"""Damaged rows as preflight findings: takes an IssueDoc's `damaged` list, gives one ERROR per bad field, naming its page and frame."""

from __future__ import annotations

from app.model.document import IssueDoc
from app.preflight.findings import ERROR, FrameNames, PreflightFinding
from layouts.display import frame_owner


def damaged_rows(doc: IssueDoc, names: FrameNames) -> list[PreflightFinding]:
    """A row the library could not read as it should be was repaired or left out when the issue
    was loaded (app/model/validate.py): the page may lack a frame or show a clamped one."""
    out = []
    for d in doc.damaged:
        owner = frame_owner(d.frame) if d.frame is not None else ""
        out.append(
            PreflightFinding(
                ERROR,
                "damaged_row",
                d.page,
                owner,
                d.line(),
                "检查并重做这一处，或恢复命名版本（移动、修改即重写该记录）/ check it and redo "
                "it, or restore a named revision (moving or editing it rewrites the row)",
                names.get(owner, d.name) if owner else "",
            )
        )
    return out
