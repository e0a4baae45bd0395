"""Word package checks: takes .docx bytes, gives an opened zip or a UserError for a bomb or a fake."""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from app.errors import UserError
from app.intake import limits

_OLE = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: Word 97–2003 .doc, or an encrypted .docx
)


def _refuse(name: str, zh: str, en: str) -> UserError:
    return UserError(f"{zh}：{name} / {en}: {name}")


def _safe_parser() -> etree.XMLParser:
    # No DTD loading, no entity substitution, no network: entity-expansion bombs (billion laughs,
    # quadratic blow-up) and external entities stay inert while we look for them.
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def _check_sizes(infos: list[zipfile.ZipInfo], name: str) -> None:
    if len(infos) > limits.MAX_PARTS:
        raise _refuse(
            name,
            f"Word文档内含{len(infos)}个部件，过多",
            f"{len(infos)} parts in the package, too many",
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _refuse(name, "Word文档已加密", "the Word package is encrypted")
        # zipfile never inflates a member past its declared size, so the declared sizes bound
        # what reading can cost; a member that inflates far more than XML or photos do is a bomb.
        ratio_bomb = (
            info.file_size > limits.RATIO_CHECK_FROM
            and info.file_size > limits.MAX_INFLATE_RATIO * max(info.compress_size, 1)
        )
        total += info.file_size
        if (
            ratio_bomb
            or info.file_size > limits.MAX_PART_BYTES
            or total > limits.MAX_UNZIPPED_BYTES
        ):
            raise _refuse(
                name,
                f"Word文档解压后过大（{info.filename}），可能是压缩炸弹",
                f"the Word package inflates too far ({info.filename}), possibly a zip bomb",
            )


def _declares_dtd(raw: bytes) -> bool:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 XML: look at the characters
        raw = raw.decode("utf-16", errors="replace").encode("utf-8")
    head = raw.upper()
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head


def _check_xml(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    raw = zf.read(info)
    # Office never writes a DTD: one in a part is there to declare entities (an XML bomb, or an
    # external entity reading local files). Looked for before parsing and after it.
    bomb = _refuse(
        name,
        f"Word文档含有XML实体声明（{info.filename}），可能是XML炸弹",
        f"the Word file declares XML entities ({info.filename}), possibly an XML bomb",
    )
    if _declares_dtd(raw):
        raise bomb
    try:
        root = etree.fromstring(raw, _safe_parser())
    except etree.XMLSyntaxError as e:
        if "excessive depth" in str(e).lower():  # libxml2 stops at 256 levels of elements
            raise nested_too_deep(name) from None
        raise _refuse(
            name, f"Word文档已损坏（{info.filename}）", f"damaged Word file ({info.filename}: {e})"
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise bomb


def nested_too_deep(name: str) -> UserError:
    n = limits.MAX_NESTING
    return _refuse(
        name,
        f"Word文档中文本框或表格嵌套过深（超过{n}层），请在Word中取消嵌套",
        f"text boxes or tables nested more than {n} deep: flatten them in Word",
    )


def check_package(data: bytes, name: str) -> None:
    """Raise UserError unless `data` is a zip package of sane size whose XML declares no DTD."""
    if data.startswith(_OLE):
        raise _refuse(
            name,
            "这是旧版Word（.doc）或加密的文档，请在Word中另存为.docx",
            "an old Word .doc or an encrypted document: save it as .docx in Word",
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _refuse(
            name, "不是Word文档（.docx应是zip压缩包）", "not a Word .docx file (not a zip package)"
        ) from None
    with zf:
        infos = zf.infolist()
        _check_sizes(infos, name)
        if "[Content_Types].xml" not in zf.namelist():
            raise _refuse(
                name, "不是Word文档（缺少内容类型表）", "not a Word .docx file (no content types)"
            )
        try:
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    _check_xml(zf, info, name)
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            EOFError,
            NotImplementedError,
            RuntimeError,
        ) as e:
            # a bad CRC, a truncated member, an unknown compression method …
            raise _refuse(name, "Word文档已损坏", f"damaged Word file ({e})") from None
