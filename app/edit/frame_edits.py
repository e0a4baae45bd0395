"""The editor's edits of several frames and of frame props (a mixin of IssueEditor): takes frame ids, gives align/distribute, group moves, cut/copy/paste between pages, text wrap and the picture's caption, credit and crop — each one undo step.

The frame clipboard lives here, without Qt: frames are copied as they are (props and all).
Cut and paste moves frames (a story frame keeps its place in its thread); copy and paste
makes new ones (a story frame becomes the story's next continuation frame).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from app.edit import arrange
from app.edit.commands import DeleteFrame
from app.edit.frame_commands import PasteFrame, ReplacePicture, SetFrameProps, SetFramesGeometry
from app.edit.free_space import roomiest
from app.errors import UserError
from app.model import Asset, Frame
from app.preflight.findings import image_info_from_bytes
from app.store import LibraryError
from layouts.display import ImageItem, frame_owner
from layouts.picture import Crop, effective_ppi, fill, shown, upright, zoom_of
from layouts.wrap import Offsets

if TYPE_CHECKING:
    from app.edit.session import EditSession
    from app.model.document import IssueDoc
    from app.store import Library
    from layouts.display import ComposedPage
    from layouts.grid import PageGrid

ALIGN_LABEL = "对齐版框"
DISTRIBUTE_LABEL = "分布版框"
CUT_LABEL = "剪切版框"
PASTE_LABEL = "粘贴版框"
GROUP_MOVE_LABEL = "移动版框"


@dataclass
class FrameClipboard:
    """Frames copied or cut, with the page they came from and the pastes made since."""

    frames: list[Frame] = field(default_factory=list)
    page_id: int | None = None
    cut: bool = False
    pastes: dict[int, int] = field(default_factory=dict)  # page id → pastes onto it

    def __bool__(self) -> bool:
        return bool(self.frames)


@dataclass(frozen=True, slots=True)
class PictureView:
    """A picture frame as it composes: the picture's upright pixels, the box it fills (the
    frame less its caption), the part shown, the crop that fills the box, the effective ppi."""

    size: tuple[int, int]
    box: tuple[float, float, float, float]  # x, y, w, h in points
    crop: Crop  # the part shown (layouts/picture.shown)
    fill: Crop  # the part that fills the box from the middle (no crop of the user's)
    ppi: float

    @property
    def zoom(self) -> float:
        """How many times enlarged past filling its box (1.0: filling)."""
        return zoom_of(self.crop, self.fill)


class FrameEdits:
    """Mixed into IssueEditor, whose session, document, grid and frame lookup it uses."""

    session: EditSession
    doc: IssueDoc
    grid: PageGrid
    frame: Callable[[int], Frame]
    library: Library
    composed_page: Callable[[int], ComposedPage]
    page_index: Callable[[int | None], int]

    def __init__(self) -> None:
        self.clipboard = FrameClipboard()
        self._picture_sizes: dict[str, tuple[int, int] | None] = {}

    def _frames(self, ids: Sequence[int]) -> list[Frame]:
        frames = [self.frame(i) for i in dict.fromkeys(ids)]
        pages = {f.page_id for f in frames}
        if len(pages) > 1:
            raise UserError("所选版框不在同一版 / the frames chosen are on different pages")
        return frames

    # -- several frames at once ---------------------------------------------------------------

    def set_rects(self, rects: dict[int, arrange.Rect], label: str = GROUP_MOVE_LABEL) -> None:
        """New rectangles for frames, as one step (nothing when none of them changes)."""
        changed = {i: r for i, r in rects.items() if r != _rect(self.frame(i))}
        if changed:
            self.session.push(SetFramesGeometry(changed, label))

    def align_frames(self, ids: Sequence[int], how: str) -> None:
        """左/右/上/下/水平居中/垂直居中 (left, right, top, bottom, hcenter, vcenter)."""
        self.set_rects(arrange.align(self.grid, self._frames(ids), how), ALIGN_LABEL)

    def distribute_frames(self, ids: Sequence[int], axis: str) -> None:
        """水平/垂直分布: equal gaps between three frames or more."""
        self.set_rects(arrange.distribute(self.grid, self._frames(ids), axis), DISTRIBUTE_LABEL)

    def move_group(self, ids: Sequence[int], lead: int, x: float, y: float) -> None:
        """Move frames together: `lead` (one of them) to (x, y), snapped; the rest follow."""
        frames = self._frames(ids)
        self.set_rects(arrange.moved(self.grid, frames, self.frame(lead), x, y))

    # -- the frame clipboard ------------------------------------------------------------------

    def copy_frames(self, ids: Sequence[int]) -> None:
        frames = self._frames(ids)
        if frames:
            self.clipboard = FrameClipboard(frames, frames[0].page_id)

    def cut_frames(self, ids: Sequence[int]) -> None:
        """Copy, then take the frames off the page (one step); a paste puts them back."""
        frames = self._frames(ids)
        if not frames:
            return
        with self.session.macro(CUT_LABEL):
            for f in frames:
                self.session.push(DeleteFrame(f.id))  # type: ignore[arg-type]
        self.clipboard = FrameClipboard(frames, frames[0].page_id, cut=True)

    def paste_frames(self, index: int) -> list[int]:
        """The clipboard's frames onto page `index` (one step): where they were on their own
        page; onto the page they were copied from, a grid step further each time. Returns
        the ids of the frames pasted (empty while the paste waits to be saved)."""
        board = self.clipboard
        if not board:
            return []
        page_id = self.doc.pages[index].id
        restore = board.cut
        dx = dy = 0.0
        if page_id == board.page_id and not restore:
            steps = board.pastes.get(page_id, 0) + 1  # type: ignore[arg-type]
            board.pastes[page_id] = steps  # type: ignore[index]
            dx, dy = arrange.paste_offset(self.grid, board.frames, steps)
        commands = [
            PasteFrame(replace(f, page_id=page_id, x=f.x + dx, y=f.y + dy), restore)
            for f in board.frames
        ]
        with self.session.macro(PASTE_LABEL):
            for command in commands:
                self.session.push(command)
        board.cut = False  # they are back: a second paste makes copies
        return [c.frame_id for c in commands if c.frame_id is not None]

    def free_spot(self, index: int) -> tuple[float, float] | None:
        """The top-left of the largest free space on page `index` (None: the page is full)."""
        return roomiest(self.grid, self.doc.frames.get(self.doc.pages[index].id, []))  # type: ignore[arg-type]

    # -- props: text wrap, picture caption, credit and crop -----------------------------------

    def picture_under(self, index: int, x: float, y: float) -> int | None:
        """The picture frame a drop at (x, y) on page `index` lands on (the topmost frame
        there, if it is a picture)."""
        frames = self.doc.frames.get(self.doc.pages[index].id, [])  # type: ignore[arg-type]
        for f in reversed(frames):
            if f.x <= x <= f.x + f.w and f.y <= y <= f.y + f.h:
                return f.id if f.kind == "image" else None
        return None

    def replace_picture(self, frame_id: int, asset: Asset) -> None:
        self.session.push(ReplacePicture(frame_id, asset))

    def picture_size(self, asset: str) -> tuple[int, int] | None:
        """The picture's pixels across and down, upright (EXIF turns applied); None when the
        library has no such picture or it cannot be read. Read once per asset."""
        if asset not in self._picture_sizes:
            try:
                info = image_info_from_bytes(self.library.asset(asset).data)
                found = upright(info.width, info.height, info.orientation)
            except (LibraryError, OSError, ValueError):
                found = None
            self._picture_sizes[asset] = found
        return self._picture_sizes[asset]

    def picture_view(self, frame_id: int) -> PictureView | None:
        """How picture frame `frame_id` composes now; None for another kind of frame, an
        empty one, or a picture that cannot be read."""
        frame = self.frame(frame_id)
        asset = frame.props.get("asset")
        size = self.picture_size(asset) if frame.kind == "image" and asset else None
        if size is None:
            return None
        page = self.composed_page(self.page_index(frame.page_id))
        owner = frame_owner(frame.id)
        item = next((i for i in page.items if isinstance(i, ImageItem) and i.owner == owner), None)
        if item is None:
            return None
        crop = shown(*size, item.w, item.h, item.crop)
        return PictureView(
            size,
            (item.x, item.y, item.w, item.h),
            crop,
            fill(*size, item.w, item.h),
            effective_ppi(*size, crop, item.w, item.h),
        )

    def _set_props(self, frame_id: int, **props: Any) -> None:
        current = self.frame(frame_id).props
        if all(current.get(k) == v for k, v in props.items()):
            return
        self.session.push(SetFrameProps(frame_id, **props))

    def set_wrap(self, frame_id: int, offsets: Offsets | None) -> None:
        """绕排: text frames under this one flow around it, `offsets` mm away (None: no wrap)."""
        self._set_props(frame_id, wrap=offsets.prop() if offsets is not None else None)

    def set_picture_text(self, frame_id: int, caption: str, credit: str) -> None:
        """A picture's caption (图片说明) and credit (摄影/图), set under it."""
        if self.frame(frame_id).kind != "image":
            raise UserError("只有图片框有图片说明 / only a picture frame has a caption")
        self._set_props(frame_id, caption=caption.strip() or None, credit=credit.strip() or None)

    def set_crop(self, frame_id: int, crop: tuple[float, float, float, float] | None) -> None:
        """The part of the picture the frame shows (fractions of its width and height; None:
        the middle, filling the frame). Successive crops of one frame inside a macro (a pan
        or a zoom by the wheel) are one step."""
        value = [round(v, 6) for v in crop] if crop is not None else None
        self._set_props(frame_id, crop=value)


def _rect(f: Frame) -> arrange.Rect:
    return f.x, f.y, f.w, f.h
