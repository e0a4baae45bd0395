"""Text encodings: takes a text file's bytes, gives its characters and the encoding they were in, or a UserError naming why not."""

from __future__ import annotations

from collections import Counter

from app.errors import UserError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _refuse(name: str, zh: str, en: str) -> UserError:
    return UserError(f"{zh}：{name} / {en}: {name}")


def _plausible(text: str) -> float:
    """The share of characters that ordinary Chinese or English copy is made of."""
    if not text:
        return 0.0
    usual = sum(
        1
        for ch in text
        if ch in "\n\r\t"
        or " " <= ch <= "~"
        or "\u3000" <= ch <= "\u9fff"
        or "\uff00" <= ch <= "\uffef"
        or "\u2010" <= ch <= "\u206f"
    )
    return usual / len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte order mark (it has zero bytes, which UTF-8 and GB text never
    have): the byte order whose text looks like copy, if either does."""
    if len(data) % 2:
        return None
    best, score = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        s = _plausible(text[:20_000])
        if s > score:
            best, score = encoding, s
    return best if score >= 0.9 else None


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding it was in: a BOM's, else UTF-8, else the legacy Chinese code page
    the content is in: GB18030/GBK (mainland Windows 'ANSI') or Big5 / Big5-HKSCS (Taiwan, Hong
    Kong), as charset-normalizer judges it.

    Refuses bytes that are no text (a binary file, a picture renamed .txt) and text in another
    legacy encoding (Japanese, Korean, Western), naming it: read as Chinese it would be garbage.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise _refuse(name, f"文本编码有误（{encoding}）", f"bad {encoding} text") from None
    zeros = data.count(0)
    if zeros:
        encoding = _utf16_without_bom(data)
        if encoding:
            return data.decode(encoding), encoding
        if zeros > 16 and zeros * 100 > len(data):  # a stray NUL is cleaned; many mean binary
            raise _refuse(name, "不是文本文件", "not a text file (binary data)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = legacy_chinese_encoding(data, name)
    return data.decode(encoding), encoding


# Legacy Chinese code pages, by family. GB18030 decodes almost any byte string, Big5 text
# included (區裡召開 came out as 跋柑秨), so the family is judged on the content; within Big5 the
# first member that decodes the whole file names it (HKSCS and Microsoft's CP950 add characters).
_GB = ("gb18030",)
_BIG5 = ("big5", "cp950", "big5hkscs")
_CHINESE = (*_GB, *_BIG5, "gb2312", "gbk", "hz")
_SAMPLE = 64 * 1024
_LANGUAGES = {"Japanese": "日文 Japanese", "Korean": "韩文 Korean"}  # the likely mix-ups
ENCODING_NAMES = {
    "gb18030": "GB18030/GBK",
    "big5": "Big5",
    "cp950": "Big5 (CP950)",
    "big5hkscs": "Big5-HKSCS",
}


def legacy_chinese_encoding(data: bytes, name: str) -> str:
    """The codec of a file that is not UTF-8: GB18030 or a Big5 variant, or a UserError."""
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    matches = from_bytes(data, cp_isolation=[*_GB, *_BIG5])
    gb = next((m for m in matches if m.encoding in _GB), None)
    big5 = next((m for m in matches if m.encoding in _BIG5), None)
    # The paper's own encoding wins a tie: short simplified lines (石景山) are valid Big5 too.
    pick = gb if gb is not None and (big5 is None or gb.chaos <= big5.chaos) else big5
    if pick is None or pick.chaos > 0:
        _refuse_other_encoding(data, name)
    if pick is None:
        raise _refuse(
            name,
            "无法识别文本编码（应为UTF-8、GB18030/GBK或Big5）",
            "unknown text encoding (expected UTF-8, GB18030/GBK or Big5)",
        )
    if pick.encoding in _GB:
        return "gb18030"
    return next(e for e in _BIG5 if _decodes(data, e))


def _refuse_other_encoding(data: bytes, name: str) -> None:
    """Raise if the text reads cleaner in a non-Chinese legacy encoding (Shift_JIS, EUC-KR,
    Windows Western …) than in any Chinese one: read as Chinese it would be garbage.

    Judged on the first 64 KB, cut at a line end (0x0A is never the second byte of a
    double-byte character): the full detector tries ninety code pages.
    """
    from charset_normalizer import from_bytes

    sample = data if len(data) <= _SAMPLE else data[: data.rfind(b"\n", 0, _SAMPLE) + 1 or _SAMPLE]
    matches = list(from_bytes(sample))
    chinese = [m.chaos for m in matches if m.encoding in _CHINESE]
    other = next((m for m in matches if m.encoding not in _CHINESE), None)
    if other is None or (chinese and min(chinese) <= other.chaos):
        return
    language = _LANGUAGES.get(other.language, "")
    what = other.encoding + (f", {language}" if language else "")
    raise _refuse(
        name,
        f"不是中文编码的文本（看似{what}），请另存为UTF-8",
        f"not in a Chinese encoding (looks like {what}): save it as UTF-8",
    )


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def encoding_notes(text: str, encoding: str) -> list[str]:
    """What the desk should know about the encoding: traditional characters from a Big5 file
    are kept as written, never converted to simplified behind the editor's back (a
    conversion is a choice of words — 乾/干, 後/后, 著/着 — made by a person, or by a
    converter the editor runs knowingly)."""
    if encoding not in _BIG5:
        return []
    counts = Counter(text)  # each distinct character looked up once
    outside = sum(n for ch, n in counts.items() if _han(ch) and not _in_gb2312(ch))
    label = ENCODING_NAMES[encoding]
    return [
        f"按{label}（繁体中文）编码读入，繁体字原样保留、未转为简体"
        f"（{outside}字不在GB 2312简体字表内） / read as {label} (traditional Chinese): characters "
        f"kept as written, not converted to simplified ({outside} outside GB 2312)"
    ]


def _han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
