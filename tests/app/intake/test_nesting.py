"""Nested Word structures (text boxes in text boxes, tables in tables) cost linear work or are refused in one line."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from app.errors import UserError
from app.intake import limits
from app.intake.readers import read_file
from app.intake.sanitize import Cleaning
from app.intake.word import read_word

from .deep_docx import docx_with_body, level_text, nested_boxes, nested_tables

ROOT = Path(__file__).resolve().parents[3]
FORMS = ["vml", "drawing", "drawing+fallback"]


def body_elements(data: bytes) -> int:
    with zipfile.ZipFile(BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return sum(1 for _ in root.iter())


@pytest.mark.parametrize("form", FORMS)
def test_each_nested_text_box_is_read_once(form: str) -> None:
    depth = 9
    data = docx_with_body(nested_boxes(depth, form=form))
    copy = read_word(data, "boxes.docx", Cleaning())
    text = "\n".join(line.text for line in copy.lines)
    for level in range(depth + 1):
        assert text.count(level_text(level, 20)) == 1, level  # once, not 2^level times
    # reading order: each box's words after the words of the paragraph that holds it
    positions = [text.index(level_text(level, 20)) for level in range(depth + 1)]
    assert positions == sorted(positions)
    # every element read at most once (the Fallback copy not at all)
    assert 0 < copy.visited <= body_elements(data)


def test_tables_in_tables_are_read_once_and_in_order() -> None:
    depth = 12
    data = docx_with_body(nested_tables(depth))
    copy = read_word(data, "tables.docx", Cleaning())
    texts = [line.text for line in copy.lines if line.text]
    assert texts[1:] == [level_text(level, 20) for level in range(depth + 1)]
    assert copy.visited <= body_elements(data)
    assert any(f"{depth + 1} paragraphs from tables imported" in n for n in copy.notes)


def test_a_second_choice_is_a_copy_and_not_read() -> None:
    choice = nested_boxes(1, form="drawing")
    twice = choice.replace("</mc:Choice>", "</mc:Choice>" + choice[choice.index("<mc:Choice") :])
    twice = twice[: twice.index("</mc:AlternateContent>")] + "</mc:AlternateContent></w:r></w:p>"
    copy = read_word(docx_with_body(twice), "twice.docx", Cleaning())
    text = "\n".join(line.text for line in copy.lines)
    assert text.count(level_text(1, 20)) == 1


@pytest.mark.parametrize(("form", "depth"), [("drawing", 30), ("tables", 40), ("tables", 100)])
def test_nesting_past_the_limit_is_refused_in_one_line(
    tmp_path: Path, form: str, depth: int
) -> None:
    body = nested_tables(depth) if form == "tables" else nested_boxes(depth, form=form)
    path = tmp_path / "deep.docx"
    path.write_bytes(docx_with_body(body))
    with pytest.raises(UserError, match="嵌套过深.* / .*nested more than") as refused:
        read_file(path)
    assert "\n" not in str(refused.value)


def test_a_forty_deep_file_answers_at_once(tmp_path: Path) -> None:
    """The probe of issue 11: a 37 KB file of text boxes 40 deep (it hung for hours, its memory
    doubling with each level). A separate process, capped at 1 GiB, must answer well inside
    the timeout, which is only a hang guard (bench/intake_inputs.py times it). Past the nesting limit
    the file is refused, up to it read whole."""
    paths = []
    cases = (
        ("vml", 40),
        ("vml", limits.MAX_NESTING + 1),
        ("vml", limits.MAX_NESTING),
        ("drawing", 22),
    )
    for form, depth in cases:
        path = tmp_path / f"{form}-{depth}.docx"
        path.write_bytes(docx_with_body(nested_boxes(depth, form=form)))
        assert path.stat().st_size < 40_000
        paths.append(str(path))
    script = textwrap.dedent(
        f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from app.errors import UserError
        from app.intake.readers import read_file
        for path in {paths!r}:
            try:
                print("read", len(read_file(path).drafts[0].article.paragraphs))
            except UserError as e:
                print("refused", e)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    for refused in lines[:2]:  # one line each, naming the cause
        assert refused.startswith("refused") and "嵌套过深" in refused and "nested more" in refused
    # read whole: the title, then every level's paragraph once (joined with their boxes' text)
    assert lines[2:] == [f"read {limits.MAX_NESTING + 1}", "read 23"]
