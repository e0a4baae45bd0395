"""A proposal drawn in characters, one row per grid line: for tests' messages and the bench.

Furniture '#', a module's picture '%', its headline its letter in capitals, its body the
letter in lower case, its designed white and gap '.', holes ' '.
"""

from __future__ import annotations

from layouts.makeup.model import Grid, PageSpec, Proposal

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def sketch(proposal: Proposal, grid: Grid, page: PageSpec, width: int = 3) -> str:
    cells = [[" "] * grid.columns for _ in range(grid.lines)]
    for r in page.occupied:
        for y in range(max(r.line, 0), min(r.bottom, grid.lines)):
            for x in range(max(r.col, 0), min(r.right, grid.columns)):
                cells[y][x] = "#"
    names: dict[tuple[str, int], str] = {}
    for n, p in enumerate(proposal.placements):
        letter = LETTERS[n % len(LETTERS)]
        names[(p.story, p.part)] = letter
        y = p.rect.line
        rows = (
            ["%"] * p.picture_lines
            + [letter.upper()] * p.head_lines
            + ["."] * p.slack
            + [letter] * p.body_lines
            + ["."] * (p.rect.lines - p.picture_lines - p.head_lines - p.slack - p.body_lines)
        )
        for dy, ch in enumerate(rows):
            if y + dy >= grid.lines:
                break
            for x in range(p.rect.col, p.rect.right):
                cells[y + dy][x] = ch
    body = "\n".join("".join(c * width for c in row) for row in cells)
    legend = " ".join(
        f"{letter}={story}{'→' if part == 0 and _jumps(proposal, story) else ''}{'(续)' if part else ''}"
        for (story, part), letter in names.items()
    )
    return f"{body}\n{legend}\nscore {proposal.score.describe()}"


def _jumps(proposal: Proposal, story: str) -> bool:
    return any(c.story == story for c in proposal.continuations)
