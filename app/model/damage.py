"""Damage found in a library row: takes a field's problem, gives one bilingual line naming the page and frame (app/model/validate.py finds them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class FieldProblem(ValueError):
    """What is wrong with one value, in Chinese and English."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


@dataclass(frozen=True, slots=True)
class Damage:
    """One bad field of one row, and what loading did about it."""

    table: str  # "frames", "articles", "pages", "issues", "publication"
    row_id: int | str | None
    field: str  # the column (or "props.key")
    value: str  # the stored value, shortened
    problem_zh: str
    problem_en: str
    kept: bool = False  # True: the row was kept with a safe value; False: it was left out
    outcome_zh: str = "已略去"
    outcome_en: str = "left out"
    page_id: int | None = None  # the page a frame stands on
    issue_id: int | None = None
    name: str = ""  # the frame's name or kind, the story's headline
    page: int | None = None  # 版序 of page_id, filled in when the issue is loaded
    frame_id: int | None = None  # a damaged story's first frame, filled in likewise

    @property
    def frame(self) -> int | None:
        """The frame to point at: the damaged frame itself, or the frame showing the story."""
        if self.table == "frames" and isinstance(self.row_id, int):
            return self.row_id
        return self.frame_id

    def where(self) -> tuple[str, str]:
        on = (f"第{self.page}版 ", f"page {self.page}, ") if self.page is not None else ("", "")
        label = f"（{self.name}）" if self.name else ""
        named = f" ({self.name})" if self.name else ""
        match self.table:
            case "frames":
                return f"{on[0]}版框#{self.row_id}{label}", f"{on[1]}frame #{self.row_id}{named}"
            case "articles":
                return f"{on[0]}稿件#{self.row_id}{label}", f"{on[1]}story #{self.row_id}{named}"
            case "pages":
                return f"版面#{self.row_id}{label}", f"page row #{self.row_id}{named}"
            case "issues":
                return f"期次#{self.row_id}{label}", f"issue row #{self.row_id}{named}"
        return "报纸信息", "publication"

    def line(self) -> str:
        """One line, Chinese first: where, which field, what is wrong, what was done."""
        zh, en = self.where()
        return (
            f"{zh}：{self.field} = {self.value} {self.problem_zh}，{self.outcome_zh} / "
            f"{en}: {self.field} = {self.value} {self.problem_en}, {self.outcome_en}"
        )


def shown(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
