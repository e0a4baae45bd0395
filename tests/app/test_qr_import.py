"""QR image import: a decodable code (e.g. a WeChat account's) is re-set as vector from its payload, anything else is refused; the `qr` command."""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import segno
from PIL import Image, ImageDraw

from app.cli import qr as qr_cli
from app.compose.issue import IssueComposer
from app.edit.qr import decode_qr_image, find_qr_frame, import_qr_image, set_qr_payload
from app.errors import UserError
from app.preflight.qr import MIN_MODULE_MM, check_qr_codes, module_size
from app.store import Library
from layouts.display import ImageItem
from layouts.units import to_mm
from tests.sample_helpers import (
    compose,
    frame_named,
    frame_names,
    qr_items,
    sample_library,
)


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    with sample_library(tmp_path) as library:
        yield library


def qr_png(payload: str, path: Path, error: str = "h") -> Path:
    """A raster QR code as an account's page offers it for download."""
    segno.make(payload, error=error, micro=False).save(str(path), scale=8, border=4)
    return path


WECHAT = "http://weixin.qq.com/r/mzvy6WzEHl3arZkY90Ri"


def test_a_decodable_qr_image_is_reset_as_vector(
    lib: Library, composer: IssueComposer, tmp_path: Path
) -> None:
    image = qr_png(WECHAT, tmp_path / "gongzhonghao.png")
    assert decode_qr_image(image.read_bytes()) == WECHAT
    update = import_qr_image(lib, frame_named(lib, "qr-wechat"), image)
    assert update.payload == WECHAT and update.error == "M"  # the slot's level, not the image's
    assert update.module_ok and update.module_mm >= MIN_MODULE_MM
    stored = frame_named(lib, "qr-wechat")
    assert stored.props["payload"] == WECHAT
    assert stored.props["caption"] == "北京石景山公众号"  # the caption stays
    page = compose(lib, composer)[0]
    (qr,) = qr_items(page)
    assert qr.payload == WECHAT and qr.error == "M"
    assert to_mm(module_size(qr)) == pytest.approx(update.module_mm)
    # No picture of the code goes on the page, and the vector code reads back.
    assert not any(isinstance(i, ImageItem) and i.owner == qr.owner for i in page.items)
    assert check_qr_codes([page], frame_names(lib)) == []


def test_a_chinese_payload_in_a_jpeg(lib: Library, tmp_path: Path) -> None:
    png = qr_png("石景山区融媒体中心 https://www.bjsjs.gov.cn", tmp_path / "code.png")
    jpeg = tmp_path / "code.jpg"
    Image.open(png).convert("RGB").save(jpeg, quality=85)
    update = import_qr_image(lib, frame_named(lib, "qr-wechat"), jpeg)
    assert update.payload == "石景山区融媒体中心 https://www.bjsjs.gov.cn"


def test_a_transparent_png_reads_as_printed_on_white(tmp_path: Path) -> None:
    """Light modules as transparent black (0, 0, 0, 0), as some exports write them: read
    naively that is black on black."""
    grey = Image.open(qr_png(WECHAT, tmp_path / "opaque.png")).convert("L")
    alpha = grey.point(lambda v: 255 - v)  # ink where the modules are dark
    rgba = Image.merge("RGBA", (*(Image.new("L", grey.size, 0),) * 3, alpha))
    path = tmp_path / "transparent.png"
    rgba.save(path)
    assert decode_qr_image(path.read_bytes(), path.name) == WECHAT


def test_an_image_that_does_not_decode_is_refused(lib: Library, tmp_path: Path) -> None:
    before = frame_named(lib, "qr-wechat")
    # A damaged code: the middle third painted over, beyond what level L can restore.
    damaged = tmp_path / "damaged.png"
    im = Image.open(qr_png(WECHAT, tmp_path / "ok.png", error="l")).convert("RGB")
    ImageDraw.Draw(im).rectangle((im.width // 4, 0, im.width * 3 // 4, im.height), fill="black")
    im.save(damaged)
    photo = tmp_path / "photo.png"
    Image.new("RGB", (300, 200), (200, 180, 160)).save(photo)
    not_an_image = tmp_path / "code.png"
    not_an_image.write_bytes(b"<html>404</html>")
    for path, says in (
        (damaged, "没有可识读的二维码"),
        (photo, "没有可识读的二维码"),
        (not_an_image, "不是可识别的图片"),
        (tmp_path / "missing.png", "无法读取图片"),
    ):
        with pytest.raises(UserError) as e:
            import_qr_image(lib, before, path)
        message = str(e.value)
        assert says in message and "\n" not in message and path.name in message
    assert frame_named(lib, "qr-wechat") == before  # nothing changed


def test_two_different_codes_in_one_image_are_refused(tmp_path: Path) -> None:
    a = Image.open(qr_png("http://a.example", tmp_path / "a.png")).convert("L")
    b = Image.open(qr_png("http://b.example", tmp_path / "b.png")).convert("L")
    both = Image.new("L", (a.width + b.width, max(a.height, b.height)), 255)
    both.paste(a, (0, 0))
    both.paste(b, (a.width, 0))
    buf = io.BytesIO()
    both.save(buf, "PNG")
    with pytest.raises(UserError, match="2个不同的二维码"):
        decode_qr_image(buf.getvalue(), "two.png")


def test_payloads_and_frames_are_checked(lib: Library) -> None:
    issue_id = lib.issue_by_number(1809).id
    frame = find_qr_frame(lib, issue_id, "qr-wechat")  # type: ignore[arg-type]
    assert find_qr_frame(lib, issue_id, str(frame.id)) == frame  # type: ignore[arg-type]
    with pytest.raises(UserError, match="不是二维码框"):
        find_qr_frame(lib, issue_id, "masthead")  # type: ignore[arg-type]
    with pytest.raises(UserError, match="没有名为"):
        find_qr_frame(lib, issue_id, "qr-weibo")  # type: ignore[arg-type]
    with pytest.raises(UserError, match="过长"):
        set_qr_payload(lib, frame, "网" * 2000)
    with pytest.raises(UserError, match="为空"):
        set_qr_payload(lib, frame, "   ")
    # A long URL still encodes but its modules come out under 0.5 mm in this slot.
    update = set_qr_payload(lib, frame, "https://www.example.com/" + "a" * 300)
    assert not update.module_ok and update.module_mm < MIN_MODULE_MM


def run_cli(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    qr_cli.add_parser(ap.add_subparsers(dest="command"))
    return qr_cli.run(ap.parse_args(argv))


def test_qr_command(lib: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(lib.path)
    image = qr_png(WECHAT, tmp_path / "wx.png")
    assert (
        run_cli(
            ["qr", "--db", db, "--issue", "1809", "--frame", "qr-wechat", "--image", str(image)]
        )
        == 0
    )
    out = capsys.readouterr()
    assert WECHAT in out.out and "mm each" in out.out and out.err == ""  # big enough: no warning
    assert frame_named(lib, "qr-wechat").props["payload"] == WECHAT
    assert (
        run_cli(["qr", "--db", db, "--frame", "qr-wechat", "--payload", "http://sjs.gov.cn"]) == 0
    )
    assert frame_named(lib, "qr-wechat").props["payload"] == "http://sjs.gov.cn"
    blank = tmp_path / "blank.png"
    Image.new("L", (120, 120), 255).save(blank)
    with pytest.raises(UserError, match="没有可识读的二维码"):
        run_cli(["qr", "--db", db, "--frame", "qr-wechat", "--image", str(blank)])
    with pytest.raises(SystemExit):  # an image or a payload, not both
        run_cli(["qr", "--db", db, "--frame", "x", "--image", "a.png", "--payload", "b"])
