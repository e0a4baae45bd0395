"""CMYK colour values used by every primitive of the display list."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CMYK:
    """A process colour, each channel 0..1."""

    c: float = 0.0
    m: float = 0.0
    y: float = 0.0
    k: float = 0.0

    def __post_init__(self) -> None:
        for v in (self.c, self.m, self.y, self.k):
            if not 0.0 <= v <= 1.0:
                raise ValueError(f"CMYK channel out of range: {self}")

    @property
    def is_black_only(self) -> bool:
        return self.c == 0.0 and self.m == 0.0 and self.y == 0.0

    def as_list(self) -> list[float]:
        return [self.c, self.m, self.y, self.k]


BLACK = CMYK(0, 0, 0, 1)
WHITE = CMYK(0, 0, 0, 0)
REGISTRATION = CMYK(1, 1, 1, 1)
RED = CMYK(0, 1, 1, 0)  # newspaper red for titles and slogans
