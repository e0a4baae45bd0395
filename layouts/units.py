"""Units: points internally; mm, 字 (body em) and 号 (Chinese type sizes) at the edges."""

from __future__ import annotations

MM = 72.0 / 25.4  # points per millimetre

# Chinese type sizes (号) in points, as used by every Chinese newsroom.
HAO: dict[str, float] = {
    "初号": 42.0,
    "小初": 36.0,
    "一号": 26.0,
    "小一": 24.0,
    "二号": 22.0,
    "小二": 18.0,
    "三号": 16.0,
    "小三": 15.0,
    "四号": 14.0,
    "小四": 12.0,
    "五号": 10.5,
    "小五": 9.0,
    "六号": 7.5,
    "小六": 6.5,
    "七号": 5.5,
}


def mm(value: float) -> float:
    """Millimetres to points."""
    return value * MM


def to_mm(points: float) -> float:
    """Points to millimetres."""
    return points / MM


def size_pt(spec: str | float | int) -> float:
    """A type size given as 号 ('小五'), '9pt', '9' or a number, in points."""
    if isinstance(spec, int | float):
        return float(spec)
    text = spec.strip()
    if text in HAO:
        return HAO[text]
    if text.lower().endswith("pt"):
        text = text[:-2]
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"unknown type size {spec!r}: use a 号 such as 小五 or points") from None


def hao_name(points: float) -> str | None:
    """The 号 name of a size, if it is one of the standard sizes."""
    for name, value in HAO.items():
        if abs(value - points) < 1e-6:
            return name
    return None


def span_width(columns: int, column_chars: float, em: float) -> float:
    """Width in points of a frame spanning `columns` basic columns of `column_chars` 字, 1 字 gutters."""
    return (columns * column_chars + (columns - 1)) * em
