"""Legacy encodings: GB18030/GBK and Big5/Big5-HKSCS are told apart by content and decoded; others are refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import UserError
from app.intake.readers import read_file

# Hong Kong and Taiwan copy, as an agency or a reader sends it (traditional characters).
HK_HEADLINE = "區裡召開熱線工作推進會"
HK_BODY = (
    "本報訊（記者陳大文）香港特區政府昨日在灣仔會議展覽中心舉行記者會，宣布推出新一輪"
    "抗疫基金措施，涉及金額約二百億元，涵蓋零售、飲食及旅遊等行業。"
)
TW_BODY = (
    "臺北市政府今天表示，為了改善市區交通，將於明年擴建捷運系統，並增加公車路線，"
    "預計可讓通勤時間縮短兩成。"
)
# Cantonese characters only Big5-HKSCS has (哋 咗 冇 嘅, and 𨋢 "lift" outside the BMP).
CANTONESE = "佢哋話部𨋢壞咗，冇人嚟整，啲街坊要行樓梯返屋企，真係好辛苦嘅。"
SIMPLIFIED = "本报讯（记者徐巍）近日，区交通支队联合区政府在鲁谷街道开展重点工程建设宣传活动。"


def write(tmp_path: Path, text: str, encoding: str, name: str = "稿件.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["big5", "cp950", "big5hkscs"])
@pytest.mark.parametrize("body", [HK_BODY, TW_BODY], ids=["hk", "tw"])
def test_big5_text_is_decoded_not_garbled(tmp_path: Path, encoding: str, body: str) -> None:
    f = read_file(write(tmp_path, f"{HK_HEADLINE}\n\n{body}\n", encoding))
    article = f.drafts[0].article
    assert article.headline == HK_HEADLINE  # was 跋柑秨… read as GB18030
    assert "".join([article.byline, *article.paragraphs]) == body
    assert f.encoding == "big5"  # plain Big5: each variant agrees on these characters
    assert not any("private" in n for n in f.notes)


def test_traditional_characters_are_kept_and_reported(tmp_path: Path) -> None:
    f = read_file(write(tmp_path, f"{HK_HEADLINE}\n\n{HK_BODY}\n", "big5"))
    (note,) = [n for n in f.notes if "Big5" in n]
    assert "not converted to simplified" in note and "未转为简体" in note
    # the traditional forms are counted (區 裡 開 熱 線 …), the shared ones (召 工 作 …) not
    traditional = sum(1 for ch in HK_HEADLINE + HK_BODY if not _gb2312(ch) and ch > "\u3400")
    assert f"({traditional} outside GB 2312)" in note


def _gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def test_hkscs_characters_are_read_as_big5_hkscs(tmp_path: Path) -> None:
    f = read_file(write(tmp_path, f"港聞\n\n{CANTONESE}\n", "big5hkscs"))
    assert f.encoding == "big5hkscs"
    assert "".join(f.drafts[0].article.paragraphs) == CANTONESE
    assert any("Big5-HKSCS" in n for n in f.notes)


def test_big5_markdown(tmp_path: Path) -> None:
    f = read_file(write(tmp_path, f"# {HK_HEADLINE}\n\n{TW_BODY}\n", "cp950", "稿件.md"))
    assert f.drafts[0].article.headline == HK_HEADLINE
    assert f.drafts[0].article.paragraphs == [TW_BODY]


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("石景山", "新闻。"),  # short lines are valid Big5 too: the paper's encoding wins a tie
        ("北京", "你好。"),
        ("热线工作推进会", SIMPLIFIED),
        (HK_HEADLINE, "本報訊。"),  # traditional characters saved as GBK stay GBK
    ],
    ids=["short", "shorter", "story", "traditional-in-gbk"],
)
@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gb_text_stays_gb(tmp_path: Path, headline: str, body: str, encoding: str) -> None:
    f = read_file(write(tmp_path, f"{headline}\n\n{body}\n", encoding))
    assert f.encoding == "gb18030"
    assert f.drafts[0].article.headline == headline
    assert not any("Big5" in n for n in f.notes)


@pytest.mark.parametrize(
    ("text", "encoding", "named"),
    [
        (
            "東京の天気\n\nこんにちは、今日はいい天気ですね。東京都の天気予報によると明日は雨です。\n",
            "shift_jis",
            "Japanese",
        ),
        (
            "서울 날씨\n\n안녕하세요 오늘 날씨가 좋네요. 서울의 일기예보에 따르면 내일은 비가 옵니다.\n",
            "euc_kr",
            "Korean",
        ),
        (
            "Caf\u00e9\n\nHe said \u201chello\u201d to the cr\u00e8me br\u00fbl\u00e9e.\n",
            "cp1252",
            "cp125",
        ),
    ],
    ids=["shift_jis", "euc_kr", "cp1252"],
)
def test_other_legacy_encodings_are_refused_by_name(
    tmp_path: Path, text: str, encoding: str, named: str
) -> None:
    path = write(tmp_path, text, encoding)
    with pytest.raises(UserError, match=f"不是中文编码.*{named}.* / not in a Chinese encoding"):
        read_file(path)
