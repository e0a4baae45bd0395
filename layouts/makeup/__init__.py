"""Automatic page make-up (组版): stories as rectangles on the column grid, scored and searched.

Pure engine code: it takes the grid, the pages' free areas and the stories with the caller's
measurers, and gives placements with their scores. It never sets text itself.
"""

from layouts.makeup.issue import IssueMakeup, Jump, make_up_issue
from layouts.makeup.model import (
    Continuation,
    Floating,
    Grid,
    PageSpec,
    Picture,
    Placement,
    Proposal,
    Rect,
    Score,
    StoryInput,
)
from layouts.makeup.page import make_up_page
from layouts.makeup.score import Weights

__all__ = [
    "Continuation",
    "Floating",
    "Grid",
    "IssueMakeup",
    "Jump",
    "PageSpec",
    "Picture",
    "Placement",
    "Proposal",
    "Rect",
    "Score",
    "StoryInput",
    "Weights",
    "make_up_issue",
    "make_up_page",
]
