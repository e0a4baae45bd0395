"""File readers: takes a path, gives its checked drafts (.docx, .txt, .md, .json) or picture, storing nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from app.errors import UserError
from app.intake import limits
from app.intake.corpus import articles_from_corpus
from app.intake.draft import Draft, FileDrafts, make_draft
from app.intake.pictures import Picture, load_picture
from app.intake.sanitize import Cleaning, clean
from app.intake.shape import Head, Line, join_lines, recognise
from app.intake.text import TextCopy, read_markdown, read_text
from app.model import Article

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # two letters at least: C:/ is a drive


def read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, or a UserError saying why not (missing, a folder, unreadable, too big)."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UserError(f"不是文件：{path} / not a file: {path}")
        if size > limit:
            raise UserError(
                f"文件过大（{size // 1024 // 1024} MB，上限{limit // 1024 // 1024} MB）：{path} / "
                f"file too large ({size:,} bytes, limit {limit:,}): {path}"
            )
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise UserError(f"找不到文件：{path} / no such file: {path}") from None
    except OSError as e:
        raise UserError(f"无法读取文件：{path} / cannot read: {path} ({e.strerror})") from None
    if len(data) > limit:  # grew while we looked
        raise UserError(f"文件过大：{path} / file too large: {path}")
    return data


def _article(head: Head) -> Article:
    return Article(
        headline=head.headline,
        paragraphs=head.body,
        kicker=head.kicker,
        subheadline=head.subheadline,
    )


def _draft_from_lines(lines: list[Line], path: Path, fullwidth: bool) -> tuple[Draft, list[str]]:
    paragraphs = join_lines(lines)
    if not paragraphs:
        raise UserError(f"文件中没有文字：{path} / no text in the file: {path}")
    head = recognise(paragraphs, path.stem)
    article = _article(head)
    article.slug = path.stem
    draft = make_draft(article, str(path), head.how, tidy=True, fullwidth=fullwidth)
    return draft, head.notes


def read_docx_file(path: Path, fullwidth: bool) -> FileDrafts:
    data = read_bytes(path, limits.MAX_DOCX_BYTES)
    cleaning = Cleaning()
    from app.intake.word import read_word  # python-docx loads only when a .docx comes in

    copy = read_word(data, path.name, cleaning)
    draft, notes = _draft_from_lines(copy.lines, path, fullwidth)
    draft.pictures = copy.pictures
    return FileDrafts(str(path), "docx", [draft], cleaning.notes() + copy.notes + notes)


def _text_file(
    path: Path, fullwidth: bool, reader: Callable[..., TextCopy], kind: str
) -> FileDrafts:
    data = read_bytes(path, limits.MAX_TEXT_BYTES)
    cleaning = Cleaning()
    copy = reader(data, path.name, cleaning)
    draft, notes = _draft_from_lines(copy.lines, path, fullwidth)
    picture_notes: list[str] = []
    for alt, src in copy.pictures:
        picture = _linked_picture(path, src, picture_notes)
        if picture is not None:
            draft.pictures.append(picture.with_caption(clean(alt, cleaning).strip()))
    return FileDrafts(
        str(path),
        kind,
        [draft],
        copy.notes + cleaning.notes() + notes + picture_notes,
        copy.encoding,
    )


def _linked_picture(md: Path, src: str, notes: list[str]) -> Picture | None:
    """A picture a Markdown file links to, read from beside it; remote ones are not fetched."""
    if _SCHEME.match(src):  # http:, https:, data:, file: — never the network
        notes.append(f"网络图片未下载：{src} / remote picture not fetched: {src}")
        return None
    target = md.parent / unquote(src)
    if not target.is_file():
        notes.append(f"图片文件不存在：{src} / picture file not found: {src}")
        return None
    return load_picture(read_bytes(target, limits.MAX_PICTURE_BYTES), target.name)


def read_txt_file(path: Path, fullwidth: bool) -> FileDrafts:
    return _text_file(path, fullwidth, read_text, "txt")


def read_md_file(path: Path, fullwidth: bool) -> FileDrafts:
    return _text_file(path, fullwidth, read_markdown, "md")


def read_json_file(path: Path, fullwidth: bool) -> FileDrafts:
    """A corpus file (../shared/corpus format): fields as given, cleaned of control characters."""
    data = read_bytes(path, limits.MAX_TEXT_BYTES)
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as e:
        raise UserError(f"不是有效的JSON：{path} / not valid JSON: {path}: {e}") from None
    cleaning = Cleaning()
    drafts = []
    for article in articles_from_corpus(parsed, path.name):
        article.headline = clean(article.headline, cleaning)
        article.kicker = clean(article.kicker, cleaning)
        article.subheadline = clean(article.subheadline, cleaning)
        article.paragraphs = [clean(p, cleaning) for p in article.paragraphs]
        drafts.append(make_draft(article, str(path), "corpus", tidy=False, fullwidth=fullwidth))
    return FileDrafts(str(path), "json", drafts, cleaning.notes(), "utf-8")


def read_picture_file(path: Path, fullwidth: bool) -> FileDrafts:
    """A photo on its own (JPEG, PNG, TIFF), checked whole; it goes in with a story."""
    picture = load_picture(read_bytes(path, limits.MAX_PICTURE_BYTES), path.name)
    return FileDrafts(str(path), "picture", [], pictures=[picture])


READERS: dict[str, Callable[[Path, bool], FileDrafts]] = {
    ".docx": read_docx_file,
    ".txt": read_txt_file,
    ".text": read_txt_file,
    ".md": read_md_file,
    ".markdown": read_md_file,
    ".json": read_json_file,
    ".jpg": read_picture_file,
    ".jpeg": read_picture_file,
    ".png": read_picture_file,
    ".tif": read_picture_file,
    ".tiff": read_picture_file,
}


def read_file(path: str | Path, *, fullwidth: bool = False) -> FileDrafts:
    """Read and check one file by its extension; UserError for anything that cannot go in."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".doc":
        raise UserError(
            f"旧版Word（.doc）不能直接导入，请另存为.docx：{p} / old Word .doc: save it as .docx: {p}"
        )
    reader = READERS.get(suffix)
    if reader is None:
        kinds = " ".join(sorted(READERS))
        raise UserError(
            f"不支持的文件类型（{suffix or '无扩展名'}），可导入 {kinds}：{p} / "
            f"unsupported file type {suffix or '(none)'}, Banmian imports {kinds}: {p}"
        )
    result = reader(p, fullwidth)
    result.source = str(path)
    return result
