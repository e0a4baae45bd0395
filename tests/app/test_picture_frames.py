"""Picture frames composed and printed: caption and credit set by the paragraph composer under the picture, the picture filled and cropped (never stretched) in the PDF, turned upright by its EXIF orientation, its effective ppi counted from what is shown; caption, credit and crop edits undo."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from app.compose.furniture import (
    CAPTION_GAP,
    CAPTION_STYLE,
    CREDIT_FONT,
    caption_lines,
    compose_furniture,
)
from app.compose.issue import IssueComposer, owner_id
from app.edit.editor import IssueEditor
from app.export import export_pdf
from app.model import Frame
from app.model.document import IssueDoc
from app.preflight.findings import image_info_from_bytes
from app.preflight.ink import images as image_checks
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library
from layouts.display import ComposedPage, GlyphRun, ImageItem
from tests.app.test_export_images import images_of

RED, GREEN, BLUE, WHITE = (255, 0, 0), (0, 160, 0), (0, 0, 255), (255, 255, 255)


@pytest.fixture
def editor(library: Library, composer: IssueComposer) -> IssueEditor:
    return IssueEditor(library, IssueDoc.load(library, SAMPLE_ISSUE), composer)


def quadrants(w: int, h: int, orientation: int = 1) -> bytes:
    """Red top-left, green top-right, blue bottom-left, white bottom-right — as it should
    print; stored turned so that its EXIF `orientation` turns it back."""
    im = Image.new("RGB", (w, h), WHITE)
    im.paste(RED, (0, 0, w // 2, h // 2))
    im.paste(GREEN, (w // 2, 0, w, h // 2))
    im.paste(BLUE, (0, h // 2, w // 2, h))
    exif = Image.Exif()
    if orientation == 6:  # the camera was turned: the file holds the picture a quarter left
        im = im.transpose(Image.Transpose.ROTATE_90)
    exif[0x0112] = orientation
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=95, exif=exif.tobytes())
    return buf.getvalue()


def colour_at(im: Image.Image, fx: float, fy: float) -> tuple[int, int, int]:
    rgb = im.convert("RGB")
    return rgb.getpixel((int(fx * (rgb.width - 1)), int(fy * (rgb.height - 1))))  # type: ignore[return-value]


def near(a: tuple[int, int, int], b: tuple[int, int, int], tol: int = 60) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


# -- composed -----------------------------------------------------------------------------------


def picture_frame(props: dict) -> Frame:
    return Frame(
        "image", 100.0, 100.0, 207.0, 180.0, page_id=1, props={"asset": "a" * 64, **props}, id=7
    )


def test_caption_and_credit_are_set_under_the_picture(editor: IssueEditor) -> None:
    caption = "石景山区八角街道的居民在社区花园里种下向日葵，志愿者为老人讲解种植要点和浇水的时间。"
    frame = picture_frame(
        {"caption": caption, "credit": "本报记者 王五 摄", "crop": [0.1, 0.1, 0.6, 0.5]}
    )
    items, findings = compose_furniture(
        frame, "frame-7", editor.doc, editor.grid, editor.composer.faces
    )
    [picture] = [i for i in items if isinstance(i, ImageItem)]
    runs = [i for i in items if isinstance(i, GlyphRun)]
    lines = sorted({r.y for r in runs})
    assert len(lines) >= 2  # the composer broke it into lines of the frame's width
    assert picture.crop == (0.1, 0.1, 0.6, 0.5)  # the kept crop goes to the renderers
    assert (picture.x, picture.y, picture.w) == (frame.x, frame.y, frame.w)
    bottom = picture.y + picture.h
    assert bottom + CAPTION_GAP < min(r.y - r.size * 0.88 for r in runs) + 1e-6  # under it
    assert picture.h == pytest.approx(frame.h - CAPTION_GAP - len(lines) * CAPTION_STYLE.leading)
    text = "".join(r.text for r in sorted(runs, key=lambda r: (r.y, r.xs[0])))
    assert text.replace("\u3000", "").replace(" ", "") == caption + "本报记者王五摄"
    assert {r.font for r in runs if "王" in r.text} == {CREDIT_FONT}
    assert all(max(r.xs) < frame.x + frame.w for r in runs) and findings == []


def test_a_credit_alone_stands_right_and_no_caption_takes_no_room(editor: IssueEditor) -> None:
    faces, doc, grid = editor.composer.faces, editor.doc, editor.grid
    bare, _ = compose_furniture(picture_frame({}), "f", doc, grid, faces)
    assert [type(i) for i in bare] == [ImageItem] and bare[0].h == 180.0  # type: ignore[union-attr]
    assert bare[0].crop is None  # type: ignore[union-attr]
    credit, _ = compose_furniture(picture_frame({"credit": "新华社"}), "f", doc, grid, faces)
    [run] = [i for i in credit if isinstance(i, GlyphRun)]
    last = run.xs[-1] + run.size
    assert last == pytest.approx(100.0 + 207.0, abs=run.size * 0.5)  # flush right


def test_a_credit_ends_the_caption_or_stands_alone_never_split(editor: IssueEditor) -> None:
    faces, credit = editor.composer.faces, "本报记者 王五 摄"
    shapes = set()
    for n in range(1, 40):  # captions ending anywhere on a line of a one-column frame
        lines = caption_lines("图" * n + "。", credit, 99.0, faces)
        texts = [line.text for line in lines]
        assert not any(t.startswith("\u3000") for t in texts), texts
        holding = [t for t in texts if "王" in t]
        assert len(holding) == 1 and credit in holding[0], texts  # whole, on one line
        assert "".join(texts).replace("\u3000", "") == "图" * n + "。" + credit
        shapes.add(texts[-1] == credit)
    assert shapes == {True, False}  # both cases met: after the caption, and alone
    alone = next(
        caption_lines("图" * n + "。", credit, 99.0, faces)
        for n in range(1, 40)
        if caption_lines("图" * n + "。", credit, 99.0, faces)[-1].text == credit
    )
    assert alone[-1].natural + alone[-1].segments[0].xs[0] == pytest.approx(99.0, abs=1.0)


def test_a_caption_too_long_for_its_frame_is_reported(editor: IssueEditor) -> None:
    caption = "说明" * 80
    frame = Frame(
        "image", 100, 100, 99, 60, page_id=1, props={"asset": "a" * 64, "caption": caption}, id=7
    )
    items, findings = compose_furniture(frame, "f", editor.doc, editor.grid, editor.composer.faces)
    [finding] = findings
    [picture] = [i for i in items if isinstance(i, ImageItem)]
    assert picture.h >= 60 / 3  # the picture keeps a third of its frame
    runs = [i for i in items if isinstance(i, GlyphRun)]
    assert runs and all(r.y <= frame.y + frame.h for r in runs)  # nothing past the frame
    shown = sum(len(r.text) for r in runs)
    assert finding.kind == "text_fit" and finding.count == len(caption) - shown > 0
    assert str(finding.count) in finding.message


# -- printed ------------------------------------------------------------------------------------


def export_one(tmp_path: Path, data: bytes, item: ImageItem) -> Image.Image:
    page = ComposedPage(1, 595, 842, (item,))
    out = tmp_path / "pic.pdf"
    export_pdf([page], out, image_loader=lambda a: data)
    ((size, _space, _filter, pixels),) = images_of(out)
    assert size[0] / size[1] == pytest.approx(item.w / item.h, rel=0.02)  # the box's shape
    return pixels


def test_a_picture_is_cropped_to_its_box_never_stretched(tmp_path: Path) -> None:
    data = quadrants(1200, 600)  # 2:1 into a square box: the middle half across is shown
    pixels = export_one(tmp_path, data, ImageItem("p", "a", 50, 50, 144, 144))
    assert near(colour_at(pixels, 0.1, 0.1), RED) and near(colour_at(pixels, 0.9, 0.1), GREEN)
    assert near(colour_at(pixels, 0.1, 0.9), BLUE) and near(colour_at(pixels, 0.9, 0.9), WHITE)
    left_quarter = export_one(
        tmp_path, data, ImageItem("p", "a", 50, 50, 144, 144, (0.0, 0.0, 0.5, 1.0))
    )
    assert near(colour_at(left_quarter, 0.5, 0.2), RED) and near(
        colour_at(left_quarter, 0.5, 0.8), BLUE
    )


def test_the_exif_orientation_is_applied_at_export(tmp_path: Path) -> None:
    data = quadrants(800, 600, orientation=6)  # stored 600 × 800, sideways
    with Image.open(io.BytesIO(data)) as im:
        assert im.size == (600, 800)
    pixels = export_one(tmp_path, data, ImageItem("p", "a", 50, 50, 160, 120))
    assert near(colour_at(pixels, 0.1, 0.1), RED) and near(colour_at(pixels, 0.9, 0.1), GREEN)
    assert near(colour_at(pixels, 0.1, 0.9), BLUE) and near(colour_at(pixels, 0.9, 0.9), WHITE)


def test_preflight_counts_the_pixels_shown(tmp_path: Path) -> None:
    data = quadrants(800, 600, orientation=6)
    info = image_info_from_bytes(data)
    assert (info.width, info.height, info.orientation) == (600, 800, 6)
    whole = ImageItem("frame-1", "a", 0, 0, 144, 108)  # 2 × 1.5 in: 400 ppi upright
    page = ComposedPage(1, 595, 842, (whole,))
    assert [f.code for f in image_checks([page], {}, lambda a: info) if f.code == "image_ppi"] == []
    cropped = ImageItem("frame-1", "a", 0, 0, 144, 108, (0.0, 0.0, 0.25, 0.25))  # 100 ppi
    found = image_checks([ComposedPage(1, 595, 842, (cropped,))], {}, lambda a: info)
    [low] = [f for f in found if f.code == "image_ppi"]
    assert "100 ppi" in low.message


# -- edits --------------------------------------------------------------------------------------


def test_caption_credit_and_crop_edits_are_undo_steps(editor: IssueEditor) -> None:
    picture = next(f for f in editor.doc.frames[editor.page(1).id] if f.kind == "image")  # type: ignore[index]
    editor.set_picture_text(picture.id, "新的图片说明", "本报记者 李四 摄")  # type: ignore[arg-type]
    assert editor.session.undo_label() == "编辑图片说明"
    page = editor.composed_page(1)
    text = "".join(r.text for r in page.glyph_runs() if r.owner == owner_id(picture))
    assert "新的图片说明" in text and "李四" in text
    view = editor.picture_view(picture.id)  # type: ignore[arg-type]
    assert (
        view is not None and view.crop == pytest.approx(view.fill) and view.zoom == pytest.approx(1)
    )
    x0, y0, x1, y1 = view.fill
    editor.set_crop(picture.id, (x0, y0, (x0 + x1) / 2, (y0 + y1) / 2))  # type: ignore[arg-type]
    zoomed = editor.picture_view(picture.id)  # type: ignore[arg-type]
    assert zoomed is not None and zoomed.zoom == pytest.approx(2)  # the top left quarter
    assert zoomed.ppi == pytest.approx(view.ppi / 2)
    editor.session.undo()
    assert "crop" not in editor.frame(picture.id).props  # type: ignore[arg-type]
    editor.session.undo()
    assert editor.frame(picture.id).props == picture.props  # type: ignore[arg-type]
    with pytest.raises(Exception, match="图片框"):
        story = next(f for f in editor.doc.frames[editor.page(1).id] if f.kind == "article")  # type: ignore[index]
        editor.set_picture_text(story.id, "x", "y")  # type: ignore[arg-type]
