"""A continuation's head: takes a story's headline (or the 续题 its continuation frame names) and the （上接第N版） text, gives the HeadBlock flow sets across the continuation frame.

The 续题 is short — the frame's props.follow_title when the desk wrote one, else the headline's
first clause — in 黑 四号, the （上接第N版） line under it in the jump lines' face at body size,
both centred over the continuation's columns. The make-up measurer sets the same head to size
a continuation, so the frame it stores holds head and legs exactly.
"""

from __future__ import annotations

from app.compose.styles import HouseStyle
from app.model import Article, Frame
from layouts.color import BLACK
from layouts.display import Finding
from layouts.flow import JUMP_FROM, HeadBlock
from layouts.fonts.metrics import FaceSet
from layouts.grid import PageGrid
from layouts.headline import HeadGroup, HeadLine, compose_head
from layouts.units import HAO

FOLLOW_SIZE = HAO["四号"]  # a continuation's 续题
FOLLOW_FONT = "hei"
FOLLOW_TITLE = "follow_title"  # a continuation frame's prop: the 续题 the desk wrote


def follow_title(headline: str) -> str:
    """A continuation's 续题 from its headline: the first clause when it has two, else the
    headline."""
    parts = headline.replace("\u3000", " ").split()
    return parts[0] if len(parts) > 1 else headline.strip()


def follow_text(article: Article, frame: Frame | None = None) -> str:
    """The 续题 of `article`'s continuation in `frame`: the frame's own, else the shortened
    headline."""
    own = str(frame.props.get(FOLLOW_TITLE, "")).strip() if frame is not None else ""
    return own or follow_title(article.headline)


def follow_head(
    title: str,
    jump: str,
    width: float,
    style: HouseStyle,
    grid: PageGrid,
    faces: FaceSet,
    owner: str,
) -> tuple[HeadBlock, list[Finding]]:
    """The 续题 over its jump line (e.g. （上接第1版）), set `width` wide."""
    group = HeadGroup(
        headline=HeadLine(title, FOLLOW_FONT, FOLLOW_SIZE, BLACK),
        subheadline=HeadLine(jump, style.jump_font, grid.body_size, BLACK),
        space_after=grid.leading * 0.5,
    )
    return compose_head(group, width, faces, owner)


def sample_jump() -> str:
    """A jump line as wide as any the flow sets (two-digit page), for measuring."""
    return JUMP_FROM.format(page=88)
