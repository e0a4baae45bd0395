"""Work for racing processes in the store tests: each takes a library path and a barrier, does its writes at the same moment as the others, and reports failures and waits on a queue."""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.store import Library


def _report(queue: Any, name: str, **fields: Any) -> None:
    queue.put({"worker": name, **fields})


def edit_story(path: str, article_id: int, edits: int, barrier: Any, queue: Any) -> None:
    """`edits` text edits of one story, each its own command and transaction, as typing makes."""
    from app.edit.commands import EditArticleText
    from app.edit.session import EditSession

    failures: list[str] = []
    waits: list[float] = []
    with Library.open(path) as lib:
        session = EditSession(lib)
        paragraphs = list(lib.article(article_id).paragraphs)
        barrier.wait()
        for i in range(edits):
            paragraphs.append(f"第{i}次修改")
            started = time.monotonic()
            try:
                session.push(EditArticleText(article_id, paragraphs=list(paragraphs)))
            except Exception as e:  # counted, not raised: the test wants the whole tally
                failures.append(f"{type(e).__name__}: {e}")
                paragraphs.pop()
            waits.append(time.monotonic() - started)
            session.seal()  # one step per edit, as if typed seconds apart
    _report(queue, f"edit-{article_id}", failures=failures, waits=waits)


def import_file(path: str, number: int, source: str, barrier: Any, queue: Any) -> None:
    """One `banmian import` of one file into issue `number`, started with all the others."""
    from app.intake import run_import

    started = 0.0
    try:
        with Library.open(path) as lib:
            issue = lib.issue_by_number(number)
            barrier.wait()
            started = time.monotonic()
            results = run_import(lib, issue, [source])
        _report(
            queue,
            source,
            failures=[],
            waits=[time.monotonic() - started],
            articles=[a.id for r in results for a in r.articles],
        )
    except Exception as e:
        _report(queue, source, failures=[f"{type(e).__name__}: {e}"], waits=[], articles=[])


def import_files(path: str, number: int, sources: list[str], barrier: Any, queue: Any) -> None:
    """One desk importing file after file (each its own `banmian import`), with others."""
    from app.intake import run_import

    failures: list[str] = []
    waits: list[float] = []
    articles: list[int] = []
    with Library.open(path) as lib:
        issue = lib.issue_by_number(number)
        barrier.wait()
        for source in sources:
            started = time.monotonic()
            try:
                results = run_import(lib, issue, [source])
                articles += [a.id for r in results for a in r.articles]  # type: ignore[misc]
            except Exception as e:  # counted, not raised: the test wants the whole tally
                failures.append(f"{type(e).__name__}: {e}")
            waits.append(time.monotonic() - started)
    _report(queue, f"import-{sources[0]}", failures=failures, waits=waits, articles=articles)


def killed_mid_write(path: str, article_id: int, queue: Any) -> None:
    """A desk that commits one headline, then is killed with the next one written but not
    committed (it waits inside its transaction, holding what it wrote, until killed)."""
    with Library.open(path) as lib:
        lib.person = "被中断的编辑台"
        lib.update_article(replace(lib.article(article_id), headline="提交了的标题"))
        with lib.transaction():
            lib.update_article(replace(lib.article(article_id), headline="没提交的标题"))
            queue.put("writing")
            time.sleep(600)


def autofill_issue(path: str, number: int, barrier: Any, queue: Any) -> None:
    """`banmian autofill` on issue `number`: load, make a composer, fill — with another at once."""
    from app.edit.autofill import autofill
    from app.model.document import IssueDoc
    from app.services import font_registry, make_composer

    try:
        with Library.open(path) as lib:
            doc = IssueDoc.load(lib, number)
            composer = make_composer(font_registry())
            barrier.wait()
            report = autofill(lib, doc, composer)
        _report(queue, "autofill", failures=[], placed=len(report.placed))
    except Exception:
        _report(queue, "autofill", failures=[traceback.format_exc(limit=3)], placed=0)


def next_issue(path: str, number: int, barrier: Any, queue: Any) -> None:
    """`banmian next-issue --from number`, at the same moment as another."""
    from app.edit.issues import create_next_issue

    try:
        with Library.open(path) as lib:
            barrier.wait()
            issue = create_next_issue(lib, number)
        _report(queue, "next", made=issue.cumulative_number, error="")
    except Exception as e:
        _report(queue, "next", made=None, error=f"{type(e).__name__}: {e}")


def open_library(path: str, barrier: Any, queue: Any) -> None:
    """Open (and so upgrade) an old library at the same moment as another program."""
    try:
        barrier.wait()
        with Library.open(path) as lib:
            _report(queue, "open", version=lib.schema_version, error="")
    except Exception as e:
        _report(queue, "open", version=0, error=f"{type(e).__name__}: {e}")


def _context() -> Any:
    import multiprocessing

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["app.store", "app.edit.session", "app.intake"])
    return ctx


@dataclass
class Race:
    """Processes started together, the queue their reports come on, and what they share
    (kept referenced here: a started Process lets go of its arguments, and a barrier
    collected in the parent is gone before a child can open it)."""

    procs: list[Any]
    queue: Any
    shared: tuple[Any, ...] = ()


def start_all(targets: list[tuple[Any, tuple[Any, ...]]]) -> Race:
    """Start every (function, args) in its own process behind one barrier."""
    ctx = _context()
    barrier = ctx.Barrier(len(targets))
    queue = ctx.Queue()
    procs = [ctx.Process(target=f, args=(*args, barrier, queue)) for f, args in targets]
    for p in procs:
        p.start()
    return Race(procs, queue, (barrier,))


def collect(race: Race, timeout: float = 600) -> list[dict]:
    """The reports of the processes of a race, once all have ended well."""
    reports = [race.queue.get(timeout=timeout) for _ in race.procs]
    for p in race.procs:
        p.join(timeout=60)
    assert all(p.exitcode == 0 for p in race.procs), [p.exitcode for p in race.procs]
    return reports


def run_all(targets: list[tuple[Any, tuple[Any, ...]]], timeout: float = 600) -> list[dict]:
    """Start every (function, args) in its own process behind one barrier; their reports."""
    return collect(start_all(targets), timeout=timeout)


def start_one(target: Any, args: tuple[Any, ...]) -> tuple[Any, Any]:
    """One process (no barrier) and the queue it talks on."""
    ctx = _context()
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    return proc, queue


def write_texts(folder: Path, count: int) -> list[str]:
    """`count` small .txt stories, each with its own headline."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        p = folder / f"稿件{i:02d}.txt"
        p.write_text(f"第{i}篇来稿\n\n本报讯 这是第{i}篇稿件的正文。\n\n第二段。\n", "utf-8")
        paths.append(str(p))
    return paths
