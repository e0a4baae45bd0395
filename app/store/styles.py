"""The Library's house style rows (a mixin of Library): takes and gives the StyleSheet, one row per named style (schema v6).

No rows of a kind means the built-in default of that kind (app/model/style.py); saving writes
the whole sheet, so the stored table is always complete and the desk's table wins.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.model.damage import Damage, shown
from app.model.style import (
    DEFAULT_HEADLINES,
    DEFAULT_PARAGRAPHS,
    HeadlineStyle,
    ParagraphStyle,
    StyleSheet,
    TypeSpec,
)
from app.store.errors import DamagedRow, LibraryError
from app.store.rows import Damaged

if TYPE_CHECKING:
    from app.store.backend import Backend

V6_DDL: tuple[str, ...] = (
    # Named styles of the paper (one publication per library): headline group styles, tried
    # in `position` order by rank and page, and paragraph styles. `spec` is JSON (see
    # style_row below); names are the desk's own (头版头条, 正文 …).
    """CREATE TABLE styles (
        name TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('headline', 'paragraph')),
        position INTEGER NOT NULL DEFAULT 0,
        spec TEXT NOT NULL DEFAULT '{}'
    )""",
)


def v5_to_v6(db: Any) -> None:
    """House styles: named headline and paragraph styles (issue 13's table by rank and span)."""
    for statement in V6_DDL:
        db.execute(statement)


def style_row(style: HeadlineStyle | ParagraphStyle, position: int) -> dict[str, Any]:
    if isinstance(style, HeadlineStyle):
        spec: dict[str, Any] = {
            "font": style.font,
            "sizes": list(style.sizes),
            "kicker": {"font": style.kicker.font, "size": style.kicker.size},
            "subheadline": {"font": style.subheadline.font, "size": style.subheadline.size},
            "page": style.page,
            "ranks": list(style.ranks),
            "align": style.align,
            "smallest": style.smallest,
        }
        kind = "headline"
    else:
        spec = {"font": style.font, "indent": style.indent, "align": style.align}
        kind = "paragraph"
    text = json.dumps(spec, ensure_ascii=False, sort_keys=True)
    return {"name": style.name, "kind": kind, "position": position, "spec": text}


def style_from_row(row: dict[str, Any]) -> HeadlineStyle | ParagraphStyle:
    """A style from its row; a row that does not read as one raises DamagedRow naming it."""
    name = row["name"]
    try:
        spec = json.loads(row["spec"])
        if row["kind"] == "headline":
            return HeadlineStyle(
                name=name,
                font=spec["font"],
                sizes=tuple(spec["sizes"]),
                kicker=TypeSpec(**spec["kicker"]),
                subheadline=TypeSpec(**spec["subheadline"]),
                page=spec.get("page", "any"),
                ranks=tuple(int(r) for r in spec.get("ranks", ())),
                align=spec.get("align", "center"),
                smallest=spec.get("smallest", ""),
            )
        return ParagraphStyle(
            name=name,
            font=spec["font"],
            indent=float(spec.get("indent", 2.0)),
            align=spec.get("align", "justify"),
        )
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        damage = Damage(
            "styles",
            name,
            f"styles.{name}",
            shown(row["spec"]),
            f"版式“{name}”无法读取（{e}）",
            f"house style {name!r} cannot be read ({e})",
        )
        raise DamagedRow([damage]) from e


def _fallback(damage: Damage, default: HeadlineStyle | ParagraphStyle | None) -> Damage:
    if default is None:
        return damage
    return replace(damage, kept=True, outcome_zh="已按默认版式", outcome_en="the default used")


class StyleStore:
    """House styles; Library supplies `_b`, `transaction()` and `_where`."""

    _b: Backend

    def house_style(self, damaged: Damaged = None) -> StyleSheet:
        """The stored house style; built-in defaults for a kind with no rows. A damaged row
        takes the default of its name (or is left out) and is listed in `damaged`; without a
        list it raises DamagedRow."""
        rows = self._where("styles", None, [], "position, name")  # type: ignore[attr-defined]
        defaults = {s.name: s for s in (*DEFAULT_HEADLINES, *DEFAULT_PARAGRAPHS)}
        styles: list[HeadlineStyle | ParagraphStyle] = []
        for row in rows:
            try:
                styles.append(style_from_row(row))
            except DamagedRow as e:
                if damaged is None:
                    raise
                default = defaults.get(row["name"])
                damaged.extend(_fallback(d, default) for d in e.damages)
                if default is not None:
                    styles.append(default)
        heads = tuple(s for s in styles if isinstance(s, HeadlineStyle)) or DEFAULT_HEADLINES
        paras = tuple(s for s in styles if isinstance(s, ParagraphStyle)) or DEFAULT_PARAGRAPHS
        try:
            return StyleSheet(heads, paras)
        except ValueError as e:
            raise LibraryError(f"版式表已损坏 / the house style is damaged: {e}") from e

    def save_house_style(self, sheet: StyleSheet) -> None:
        """Replace the stored house style by `sheet`, whole, in one transaction."""
        with self.transaction():  # type: ignore[attr-defined]
            self._b.execute("DELETE FROM styles")
            rows = [style_row(s, i) for i, s in enumerate((*sheet.headlines, *sheet.paragraphs))]
            self._b.insert_many("styles", rows)

    def house_style_stored(self) -> bool:
        """Whether the paper has its own table (else the built-in defaults apply)."""
        return bool(self._b.count("styles"))
