"""Hostile input: each gets a clear one-line message and changes nothing, or goes in cleaned and reported."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import docx
import pytest
from PIL import Image

from app.errors import UserError
from app.intake import details, limits, run_import
from app.intake.readers import read_file
from app.model import Issue
from app.store import Library

from .conftest import contents
from .test_pictures import png_bomb

ROOT = Path(__file__).resolve().parents[3]
BODY = "本报讯（记者徐巍）近日，区交通支队联合区政府在鲁谷街道开展重点工程建设宣传活动。"


def word_file(*, picture: bytes | None = None) -> bytes:
    d = docx.Document()
    d.add_paragraph("主题", style="Title")
    d.add_paragraph(BODY)
    if picture is not None:
        d.add_picture(io.BytesIO(picture))
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, change: dict[str, bytes | None], **extra: bytes) -> bytes:
    """The package with members replaced (None: truncated to half) and members added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            for name, new in change.items():
                if info.filename == name or (name.endswith("/") and info.filename.startswith(name)):
                    body = body[: len(body) // 2] if new is None else new
            dst.writestr(info, body, zipfile.ZIP_DEFLATED)
        for name, body in extra.items():
            dst.writestr(name.replace("__", "/"), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def jpeg_bytes(size: tuple[int, int] = (300, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"""


def hostile_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Every refused input of the issue, as files, with the message each must get."""
    good = word_file()
    five_mb = "很长的一段话没有句号" * (5 * 1024 * 1024 // 30)
    made = {
        "not a zip.docx": (b"plain text pretending to be Word", "不是Word文档"),
        "old word.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版Word"),
        "cut short.docx": (good[: len(good) // 2], "不是Word文档|已损坏"),
        "zip bomb.docx": (
            rezip(good, {}, word__media__filler_bin=b"\0" * (20 * 1024 * 1024)),
            "压缩炸弹.* / .*zip bomb",
        ),
        "xml bomb.docx": (rezip(good, {"word/document.xml": BILLION_LAUGHS}), "XML炸弹"),
        "xxe.docx": (rezip(good, {"word/document.xml": EXTERNAL_ENTITY}), "XML炸弹"),
        "truncated photo.docx": (
            rezip(word_file(picture=jpeg_bytes()), {"word/media/": None}),
            "图片已损坏或不完整",
        ),
        "bomb photo.docx": (word_file(picture=png_bomb(20_000, 20_000)), "解压炸弹"),
        "five megabytes.txt": (("标题\n\n" + five_mb).encode(), "段落过长"),
        # The same text broken into half a million lines: joining must not be quadratic.
        "five megabytes of lines.txt": (
            ("标题\n\n" + five_mb.replace("号", "号\n")).encode(),
            "段落过长",
        ),
        # Thousands of distinct private-use characters: cleaning classifies each once.
        "private flood.txt": (
            "".join(chr(0xE000 + i % 6400) for i in range(1_500_000)).encode(),
            "段落过长",
        ),
        "five megabytes.json": (
            json.dumps(
                {"articles": [{"headline": "长", "paragraphs": [five_mb]}]}, ensure_ascii=False
            ).encode(),
            "段落过长",
        ),
        "deep.json": (b"[" * 200_000, "不是有效的JSON"),
        "empty.txt": (b"", "没有文字"),
        "blank.txt": (" \n\u3000\n\t\n".encode(), "没有文字"),
        "photo.txt": (jpeg_bytes(), "不是文本文件|无法识别文本编码"),
        "slides.pdf": (b"%PDF-1.4", "不支持的文件类型"),
        "old.doc": (b"\xd0\xcf\x11\xe0", "另存为.docx"),
    }
    out = {}
    for name, (data, message) in made.items():
        (folder / name).write_bytes(data)
        out[name] = (folder / name, message)
    (folder / "a folder.txt").mkdir()
    out["a folder.txt"] = (folder / "a folder.txt", "不是文件")
    out["missing.txt"] = (folder / "missing.txt", "找不到文件")
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return hostile_files(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize(
    "name",
    [
        "not a zip.docx",
        "old word.docx",
        "cut short.docx",
        "zip bomb.docx",
        "xml bomb.docx",
        "xxe.docx",
        "truncated photo.docx",
        "bomb photo.docx",
        "five megabytes.txt",
        "five megabytes of lines.txt",
        "private flood.txt",
        "five megabytes.json",
        "deep.json",
        "empty.txt",
        "blank.txt",
        "photo.txt",
        "slides.pdf",
        "old.doc",
        "a folder.txt",
        "missing.txt",
    ],
)
def test_refused_with_a_clear_message_and_nothing_changed(
    library: Library, issue: Issue, tmp_path: Path, hostile: dict, name: str
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("好稿件\n\n" + BODY + "\n", "utf-8")
    run_import(library, issue, [good])
    before = contents(library)
    path, message = hostile[name]
    with pytest.raises(UserError, match=message) as caught:
        run_import(library, issue, [good, path])  # the good file does not go in either
    text = str(caught.value)
    assert "\n" not in text and " / " in text and not text.split(" / ")[0].isascii()
    assert contents(library) == before


def test_zip_that_unpacks_past_the_total_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "photos.docx"
    path.write_bytes(word_file(picture=jpeg_bytes((600, 400))))
    read_file(path)  # fine at the shipped limit
    monkeypatch.setattr(limits, "MAX_UNZIPPED_BYTES", 40_000)
    with pytest.raises(UserError, match="压缩炸弹"):
        read_file(path)


def test_too_many_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_PARTS", 20)
    extra = {f"customXml__n{i}_bin": b"x" for i in range(20)}
    path = tmp_path / "many.docx"
    path.write_bytes(rezip(word_file(), {}, **extra))
    with pytest.raises(UserError, match="部件.*过多"):
        read_file(path)


def test_control_and_invisible_characters_are_removed_and_reported(tmp_path: Path) -> None:
    text = (
        "标\x07题\n\n本报讯（记者徐巍）近日\x00，区里\x1b[31m召开\u200b推进会\ufeff，"
        "会上\u202e反转\u202c文字\x7f讨论了工作\ufdd0安排\uffff。\n"
    )
    path = tmp_path / "dirty.txt"
    path.write_text(text, "utf-8")
    f = read_file(path)
    a = f.drafts[0].article
    assert a.headline == "标题"
    assert a.paragraphs == [
        "本报讯（记者徐巍）近日，区里[31m召开推进会，会上反转文字讨论了工作安排。"
    ]
    notes = " ".join(f.notes)
    assert "removed 4 control characters (U+0000 U+0007 U+001B)" in notes
    assert "removed 2 invisible characters" in notes
    assert "removed 2 text-direction controls" in notes
    assert "removed 2 noncharacters" in notes


def test_characters_no_font_has_are_kept(tmp_path: Path) -> None:
    # Emoji (with skin tone, ZWJ family, VS16), a flag, a CJK Extension H hanzi (Unicode 15,
    # unassigned to Python 3.11), an unassigned code point, a private-use character.
    rare = "👍🏽👨\u200d👩\u200d👧❤\ufe0f🇨🇳\U00031350\u0378\ue000"
    path = tmp_path / "emoji.txt"
    path.write_text(f"标题\n\n本报讯（记者徐巍）网友留言{rare}点赞。\n", "utf-8")
    f = read_file(path)
    assert f.drafts[0].article.paragraphs == [f"本报讯（记者徐巍）网友留言{rare}点赞。"]
    notes = " ".join(f.notes)
    assert "2 unassigned code points (kept)" in notes and "U+31350" in notes
    assert "1 private-use characters" in notes


def test_right_to_left_text_is_kept_and_reported(
    library: Library, issue: Issue, tmp_path: Path
) -> None:
    path = tmp_path / "rtl.txt"
    path.write_text(
        "标题\n\n本报讯（记者徐巍）外宾用阿拉伯语说مرحبا，用希伯来语说שלום。\n", "utf-8"
    )
    (result,) = run_import(library, issue, [path])
    assert (
        "مرحبا" in result.articles[0].paragraphs[0] and "שלום" in result.articles[0].paragraphs[0]
    )
    assert any("9 right-to-left letters" in line for line in details(result))


def test_lone_surrogates_in_json_are_removed_and_the_rest_stored(
    library: Library, issue: Issue, tmp_path: Path
) -> None:
    path = tmp_path / "corpus.json"
    path.write_text(
        '{"articles": [{"headline": "标\\ud800题", "paragraphs": ["正文\\udfff。\\u0007"]}]}',
        "utf-8",
    )
    (result,) = run_import(library, issue, [path])
    assert library.article(result.articles[0].id).headline == "标题"
    assert library.article(result.articles[0].id).paragraphs == ["正文。"]
    assert any("2 lone surrogates" in n for n in result.notes)


def test_the_process_stays_up_under_a_memory_cap(hostile: dict, tmp_path: Path) -> None:
    """One process meets every hostile file in turn, capped at 1 GiB, then imports a good one."""
    names = [str(path) for path, _ in hostile.values()]
    good = tmp_path / "good.txt"
    good.write_text("好稿件\n\n" + BODY + "\n", "utf-8")
    script = textwrap.dedent(
        f"""
        import resource, sys
        from datetime import date
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from app.errors import UserError
        from app.intake import run_import
        from app.model import Issue
        from app.store import Library
        lib = Library.create({str(tmp_path / "lib.banmian")!r})
        issue = lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))
        for name in {names!r}:
            try:
                run_import(lib, issue, [name])
                print("ACCEPTED", name)
            except UserError as e:
                print("refused", e)
        run_import(lib, issue, [{str(good)!r}])
        print("articles", len(lib.articles(issue.id)))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert sum(line.startswith("refused") for line in lines) == len(names)
    assert lines[-1] == "articles 1"


def test_pathological_markup_costs_linear_time(tmp_path: Path) -> None:
    # Lines built to make naive patterns backtrack (unclosed ** and [, runs of spaces before a
    # closing mark): each just under the paragraph limit, read whole (bench/intake.py times them).
    lines = ["**" * 9_000 + "x", "[" * 19_000, "# " + " " * 19_000 + "x", "(" * 19_000 + "中"]
    for n, line in enumerate(lines):
        for suffix in (".md", ".txt"):
            path = tmp_path / f"p{n}{suffix}"
            path.write_text("标题\n\n" + line + "\n", "utf-8")
            article = read_file(path).drafts[0].article
            kept = "".join([article.headline, *article.paragraphs])
            assert kept.endswith(line[-1])  # the line is still there, to its end
