"""Names for people: takes model records (issue, page, frame, sign-off step), gives what the window calls them in the UI language — page numbers and headlines, never internal ids or slugs."""

from __future__ import annotations

from datetime import date

from lunar_python import Solar
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.edit.editor import IssueEditor
from app.model import Frame, Issue, Page, Publication

translate = QCoreApplication.translate  # lupdate reads translate("Labels", "…") calls
KINDS = {
    "article": QT_TRANSLATE_NOOP("Labels", "稿件"),
    "teaser": QT_TRANSLATE_NOOP("Labels", "导读"),
    "image": QT_TRANSLATE_NOOP("Labels", "图片"),
    "qr": QT_TRANSLATE_NOOP("Labels", "二维码"),
    "masthead": QT_TRANSLATE_NOOP("Labels", "报头"),
    "box": QT_TRANSLATE_NOOP("Labels", "框"),
    "banner": QT_TRANSLATE_NOOP("Labels", "通栏"),
    "column_head": QT_TRANSLATE_NOOP("Labels", "栏题"),
    "text": QT_TRANSLATE_NOOP("Labels", "文字"),
}
WEEKDAYS = (
    QT_TRANSLATE_NOOP("Labels", "星期一"),
    QT_TRANSLATE_NOOP("Labels", "星期二"),
    QT_TRANSLATE_NOOP("Labels", "星期三"),
    QT_TRANSLATE_NOOP("Labels", "星期四"),
    QT_TRANSLATE_NOOP("Labels", "星期五"),
    QT_TRANSLATE_NOOP("Labels", "星期六"),
    QT_TRANSLATE_NOOP("Labels", "星期日"),
)
# 三审三校 and 签发 (app/model/proof.py): the newsroom's words, named in the UI language.
STEPS = {
    "待校": QT_TRANSLATE_NOOP("Labels", "待校"),
    "一校": QT_TRANSLATE_NOOP("Labels", "一校"),
    "二校": QT_TRANSLATE_NOOP("Labels", "二校"),
    "三校": QT_TRANSLATE_NOOP("Labels", "三校"),
    "初审": QT_TRANSLATE_NOOP("Labels", "初审"),
    "复审": QT_TRANSLATE_NOOP("Labels", "复审"),
    "终审": QT_TRANSLATE_NOOP("Labels", "终审"),
    "签发": QT_TRANSLATE_NOOP("Labels", "签发"),
    "改后付印": QT_TRANSLATE_NOOP("Labels", "改后付印"),
}
# GB/T 14706 proof marks and a mark's state (app/model/proof.py), named in the UI language.
MARKS = {
    "改正": QT_TRANSLATE_NOOP("Labels", "改正"),
    "删除": QT_TRANSLATE_NOOP("Labels", "删除"),
    "增补": QT_TRANSLATE_NOOP("Labels", "增补"),
    "改正上下角": QT_TRANSLATE_NOOP("Labels", "改正上下角"),
    "转正": QT_TRANSLATE_NOOP("Labels", "转正"),
    "对调": QT_TRANSLATE_NOOP("Labels", "对调"),
    "接排": QT_TRANSLATE_NOOP("Labels", "接排"),
    "另起行": QT_TRANSLATE_NOOP("Labels", "另起行"),
    "移位": QT_TRANSLATE_NOOP("Labels", "移位"),
    "上下移": QT_TRANSLATE_NOOP("Labels", "上下移"),
    "左右移": QT_TRANSLATE_NOOP("Labels", "左右移"),
    "排齐": QT_TRANSLATE_NOOP("Labels", "排齐"),
    "排阶梯形": QT_TRANSLATE_NOOP("Labels", "排阶梯形"),
    "正图": QT_TRANSLATE_NOOP("Labels", "正图"),
    "加大空距": QT_TRANSLATE_NOOP("Labels", "加大空距"),
    "减小空距": QT_TRANSLATE_NOOP("Labels", "减小空距"),
    "空字距": QT_TRANSLATE_NOOP("Labels", "空字距"),
    "分开": QT_TRANSLATE_NOOP("Labels", "分开"),
    "保留": QT_TRANSLATE_NOOP("Labels", "保留"),
    "代替": QT_TRANSLATE_NOOP("Labels", "代替"),
    "说明": QT_TRANSLATE_NOOP("Labels", "说明"),
}
MARK_STATES = {
    "open": QT_TRANSLATE_NOOP("Labels", "待改"),
    "fixed": QT_TRANSLATE_NOOP("Labels", "已改"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "不改"),
}
HEADLINE_CHARS = 14  # a headline named in a list or a heading is cut after this many 字


def tr(text: str) -> str:
    """A string marked with QT_TRANSLATE_NOOP("Labels", …) above, translated."""
    return translate("Labels", text)


def kind_name(kind: str) -> str:
    return tr(KINDS[kind]) if kind in KINDS else kind


def step_name(step: str) -> str:
    """一校 … 签发 in the UI language (the stored value stays the newsroom's word)."""
    return tr(STEPS[step]) if step in STEPS else step


def mark_name(kind: str) -> str:
    return tr(MARKS[kind]) if kind in MARKS else kind


def mark_state(status: str) -> str:
    return tr(MARK_STATES[status]) if status in MARK_STATES else status


def weekday(day: date) -> str:
    return tr(WEEKDAYS[day.weekday()])


def day_label(day: date) -> str:
    """2019年4月25日 (English: 2019-04-25), as the desk reads a date."""
    return translate("Labels", "{y}年{m}月{d}日").format(
        y=day.year, m=day.month, d=day.day, iso=day.isoformat()
    )


def lunar_label(day: date) -> str:
    """己亥年三月廿一 (English: lunar 3/21), for lists; the masthead prints its own."""
    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    return translate("Labels", "{ganzhi}年{month}月{day}").format(
        ganzhi=lunar.getYearInGanZhi(),
        month=lunar.getMonthInChinese(),
        day=lunar.getDayInChinese(),
        m=abs(lunar.getMonth()),
        d=lunar.getDay(),
        leap="*" if lunar.getMonth() < 0 else "",
    )


def page_number(number: int) -> str:
    return translate("Labels", "第{n}版").format(n=number)


def page_label(page: Page) -> str:
    """第2版 综合新闻 (the section is the paper's own word, never translated)."""
    return f"{page_number(page.number)} {page.section}".strip()


def issue_numbers(issue: Issue) -> str:
    """第30期（总第1809期）; English: No. 30 (1809)."""
    return translate("Labels", "第{yearly}期（总第{total}期）").format(
        yearly=issue.yearly_number, total=issue.cumulative_number
    )


def issue_title(publication: Publication, issue: Issue) -> str:
    """The paper, its date and numbers: what the window's title bar says."""
    return translate("Labels", "{paper} {date} {weekday} {numbers}").format(
        paper=publication.name,
        date=day_label(issue.date),
        weekday=weekday(issue.date),
        numbers=issue_numbers(issue),
    )


def clipped(text: str, n: int = HEADLINE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def frame_title(frame: Frame, headline: str = "") -> str:
    """What a frame is to the desk: its story's headline, else what kind of frame it is."""
    if headline.strip():
        return f"《{clipped(headline)}》"
    return kind_name(frame.kind)


def frame_place(page: Page, frame: Frame, headline: str = "") -> str:
    """第1版《石景山区召开…》 — where a finding or a mark is, in words."""
    return f"{page_number(page.number)}{frame_title(frame, headline)}"


def owner_title(editor: IssueEditor, owner: str) -> str:
    """A display-list owner ("frame-12") as the desk knows the frame; "" for furniture the
    composer makes (running heads), which has no frame of its own."""
    frame = editor.frame_for_owner(owner) if owner else None
    if frame is None:
        return ""
    story = editor.doc.articles.get(frame.article_id) if frame.article_id else None
    return frame_title(frame, story.headline if story is not None else "")
