"""The library's schema, one for both backends: takes an open SQLite Database or PostgreSQL backend, gives its DDL and forward migrations.

Statements are written in SQLite's dialect; the PostgreSQL backend translates column types as
it runs them (pg_sql.py: INTEGER PRIMARY KEY → identity, INTEGER → BIGINT, REAL → DOUBLE
PRECISION, BLOB → BYTEA). What cannot be translated word for word (a trigger) is written for
each dialect (ByDialect). PRAGMAs are SQLite's: PostgreSQL keeps the version in meta alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from app.store.desks import DESKS_SQLITE, DESKS_TABLES
from app.store.journal import journal_sqlite, version_columns
from app.store.newsroom_pg import newsroom_pg
from app.store.styles import v5_to_v6
from app.store.undo_rows import add_undo_history

# A migration step's `db`: an SQLite Database (sqlite-utils) or the PostgreSQL backend; both
# have execute(sql, params) taking this dialect, and the backend says `dialect = "postgresql"`.
Database = Any


@dataclass(frozen=True, slots=True)
class ByDialect:
    """One statement written for each backend (a trigger: SQLite's body, PostgreSQL's function)."""

    sqlite: str
    postgresql: tuple[str, ...]


def dialect(db: Database) -> str:
    return getattr(db, "dialect", "sqlite")


def run(db: Database, statements: Iterable[str | ByDialect]) -> None:
    """Execute DDL statements in order, each in the form the backend speaks."""
    pg = dialect(db) == "postgresql"
    for statement in statements:
        if isinstance(statement, ByDialect):
            if pg:
                for text in statement.postgresql:
                    db.execute_native(text)  # PostgreSQL's own words: not translated
            else:
                db.execute(statement.sqlite)
        else:
            db.execute(statement)


# PRAGMA application_id: "BNMN" in ASCII, stored big-endian at offset 68 of the file header so
# `file(1)` and our own open check can tell a Banmian library from any other SQLite file.
APPLICATION_ID = 0x424E4D4E
MAGIC = "banmian-library"  # meta.magic: a second, human-readable mark of the same fact

# Version 1: publication, issues, pages, articles, frames.
V1_DDL: tuple[str, ...] = (
    """CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    # One newspaper per library: the CHECK keeps the publication a single row.
    """CREATE TABLE publication (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        sponsor TEXT NOT NULL DEFAULT '',
        permit TEXT NOT NULL DEFAULT '',
        cn_number TEXT NOT NULL DEFAULT '',
        website TEXT NOT NULL DEFAULT '',
        website_label TEXT NOT NULL DEFAULT '',
        hotlines TEXT NOT NULL DEFAULT '[]',
        schedule TEXT NOT NULL DEFAULT '[1, 3]',
        page_format TEXT NOT NULL DEFAULT 'tabloid',
        qr_payload TEXT NOT NULL DEFAULT '',
        qr_caption TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE issues (
        id INTEGER PRIMARY KEY,
        publication_id INTEGER REFERENCES publication(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        yearly_number INTEGER NOT NULL,
        cumulative_number INTEGER NOT NULL UNIQUE,
        page_count INTEGER NOT NULL,
        colour_pages TEXT NOT NULL DEFAULT '[]'
    )""",
    # No UNIQUE (issue_id, number): reordering pages swaps numbers one row at a time.
    """CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        section TEXT NOT NULL,
        template TEXT NOT NULL DEFAULT 'inside'
    )""",
    "CREATE INDEX pages_issue ON pages(issue_id, number)",
    """CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        headline TEXT NOT NULL,
        kicker TEXT NOT NULL DEFAULT '',
        subheadline TEXT NOT NULL DEFAULT '',
        byline TEXT NOT NULL DEFAULT '',
        paragraphs TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'draft',
        rank INTEGER NOT NULL DEFAULT 0,
        section TEXT NOT NULL DEFAULT '',
        slug TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX articles_issue ON articles(issue_id)",
    # Deleting a story leaves its frames on the page, empty, rather than punching holes.
    """CREATE TABLE frames (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        x REAL NOT NULL,
        y REAL NOT NULL,
        w REAL NOT NULL,
        h REAL NOT NULL,
        columns INTEGER NOT NULL DEFAULT 1,
        article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        thread_index INTEGER NOT NULL DEFAULT 0,
        name TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX frames_page ON frames(page_id)",
)


def _v1_to_v2(db: Database) -> None:
    """Page credits (责任编辑/美术编辑/校对), frame props and content-addressed image assets."""
    db.execute("ALTER TABLE pages ADD COLUMN credits TEXT NOT NULL DEFAULT '{}'")
    db.execute("ALTER TABLE frames ADD COLUMN props TEXT NOT NULL DEFAULT '{}'")
    db.execute(
        """CREATE TABLE assets (
            id TEXT PRIMARY KEY,
            mime TEXT NOT NULL,
            width INTEGER NOT NULL DEFAULT 0,
            height INTEGER NOT NULL DEFAULT 0,
            data BLOB NOT NULL
        )"""
    )
    db.execute("CREATE INDEX frames_article ON frames(article_id, thread_index)")


V3_DDL: tuple[str | ByDialect, ...] = (
    """CREATE TABLE proof_rounds (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('一校', '二校', '三校')),
        proofreader TEXT NOT NULL,
        colour TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_at TEXT
    )""",
    "CREATE INDEX proof_rounds_issue ON proof_rounds(issue_id)",
    # The pages a round covers, each with the line texts it had when the round opened: the
    # next round's diff compares these snapshots, so it survives later edits and re-layouts.
    """CREATE TABLE proof_round_pages (
        round_id INTEGER NOT NULL REFERENCES proof_rounds(id) ON DELETE CASCADE,
        page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
        lines TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (round_id, page_id)
    )""",
    "CREATE INDEX proof_round_pages_page ON proof_round_pages(page_id)",
    # char_start/char_end index the article's paragraphs joined by newlines; a deleted article
    # leaves its marks on the page (box kept, text link dropped by the trigger below).
    """CREATE TABLE proof_marks (
        id INTEGER PRIMARY KEY,
        round_id INTEGER NOT NULL REFERENCES proof_rounds(id) ON DELETE CASCADE,
        page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
        x REAL NOT NULL,
        y REAL NOT NULL,
        w REAL NOT NULL CHECK (w >= 0),
        h REAL NOT NULL CHECK (h >= 0),
        kind TEXT NOT NULL,
        proposed TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        char_start INTEGER,
        char_end INTEGER,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fixed', 'rejected')),
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT,
        resolved_at TEXT,
        resolved_by TEXT NOT NULL DEFAULT '',
        CHECK ((char_start IS NULL) = (char_end IS NULL)),
        CHECK (char_start IS NULL OR (0 <= char_start AND char_start <= char_end))
    )""",
    "CREATE INDEX proof_marks_round ON proof_marks(round_id)",
    "CREATE INDEX proof_marks_page ON proof_marks(page_id, status)",
    "CREATE INDEX proof_marks_article ON proof_marks(article_id, status)",
    ByDialect(
        """CREATE TRIGGER proof_marks_article_gone AFTER UPDATE OF article_id ON proof_marks
        WHEN NEW.article_id IS NULL AND NEW.char_start IS NOT NULL
        BEGIN
            UPDATE proof_marks SET char_start = NULL, char_end = NULL WHERE id = NEW.id;
        END""",
        (
            # BEFORE, setting NEW: the same row change, without a second UPDATE of the row.
            # ON DELETE SET NULL from articles runs an UPDATE OF article_id, which fires it.
            """CREATE FUNCTION proof_marks_article_gone() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.char_start := NULL;
                NEW.char_end := NULL;
                RETURN NEW;
            END $$""",
            """CREATE TRIGGER proof_marks_article_gone BEFORE UPDATE OF article_id ON proof_marks
            FOR EACH ROW WHEN (NEW.article_id IS NULL AND NEW.char_start IS NOT NULL)
            EXECUTE FUNCTION proof_marks_article_gone()""",
        ),
    ),
    # Who signed what and when: rounds closed (一校/二校/三校), reviews, the sign-off 签发.
    """CREATE TABLE page_signoffs (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
        step TEXT NOT NULL CHECK (step IN ('一校', '二校', '三校', '初审', '复审', '终审', '签发')),
        person TEXT NOT NULL,
        at TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        UNIQUE (page_id, step)
    )""",
    # 三审: the same person may not sign two reviews of a page — held by the file itself too.
    """CREATE UNIQUE INDEX page_signoffs_one_review_each ON page_signoffs(page_id, person)
        WHERE step IN ('初审', '复审', '终审')""",
)


def _v2_to_v3(db: Database) -> None:
    """Proofreading (三审三校): rounds with page snapshots, marks, and page sign-offs."""
    run(db, V3_DDL)


V4_DDL: tuple[str, ...] = (
    # Named revisions (Ctrl+S): the articles and frames as one JSON snapshot, so a
    # revision restores whole even after the rows it copied were edited or deleted.
    """CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        snapshot TEXT NOT NULL
    )""",
    "CREATE INDEX revisions_issue ON revisions(issue_id, id)",
)


def _v3_to_v4(db: Database) -> None:
    """Named revisions of an issue (the editor's Ctrl+S)."""
    run(db, V4_DDL)


V5_DDL: tuple[str, ...] = (
    # The pictures a story came with (a reporter's .docx), each with its caption. Deleting the
    # story takes its links along; an asset cannot go while a link names it (no ON DELETE).
    """CREATE TABLE article_pictures (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        asset_id TEXT NOT NULL REFERENCES assets(id),
        caption TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL CHECK (position >= 0),
        PRIMARY KEY (article_id, position)
    )""",
    "CREATE INDEX article_pictures_asset ON article_pictures(asset_id)",
)


def _v4_to_v5(db: Database) -> None:
    """Story pictures with their captions (intake of Word files with photos)."""
    run(db, V5_DDL)


def add_newsroom(db: Database) -> None:
    """Many desks on one library: row versions, the change log, desks and check-outs (签出),
    and who made each named revision (app/store/journal.py, app/store/desks.py)."""
    run(db, [*DESKS_TABLES, *version_columns()])
    if dialect(db) == "postgresql":
        for statement in newsroom_pg():  # triggers: PostgreSQL's own words (newsroom_pg.py)
            db.execute_native(statement)
    else:
        for statement in (*DESKS_SQLITE, *journal_sqlite()):
            db.execute(statement)


# MIGRATIONS[n - 1] takes a version-n library to version n + 1. Append only; never edit a
# shipped step. Each step runs on both backends (write it in SQLite's dialect; ByDialect
# where the two differ). A step that rebuilds a table must follow SQLite's 12-step ALTER
# recipe there; PostgreSQL alters tables in place (check `dialect(db)`).
MIGRATIONS: tuple[Callable[[Database], None], ...] = (
    _v1_to_v2,
    _v2_to_v3,
    _v3_to_v4,
    _v4_to_v5,
    v5_to_v6,  # house styles (app/store/styles.py)
    add_undo_history,  # undo steps kept per issue (app/store/undo_rows.py)
    add_newsroom,  # desks: versions, the change log, check-outs (journal.py, desks.py)
)

SCHEMA_VERSION = 1 + len(MIGRATIONS)


def create_v1(db: Database) -> None:
    """Lay down the version-1 tables and marks (the caller holds the transaction)."""
    run(db, V1_DDL)
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('magic', ?), ('schema_version', '1')", [MAGIC]
    )
    if dialect(db) == "sqlite":
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA user_version = 1")


def set_version(db: Database, version: int) -> None:
    """Record the schema version where the open check reads it (caller's transaction): meta,
    and in a file also its header (user_version)."""
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
    if dialect(db) == "sqlite":
        db.execute(f"PRAGMA user_version = {int(version)}")


def upgrade_failed(version: int, where: object, error: BaseException) -> str:
    detail = " ".join(str(error).split())
    return (
        f"版面库升级失败（版本 {version} → {version + 1}），文件未改动 / could not upgrade "
        f"the library from version {version} to {version + 1}, file left as it was: "
        f"{where} ({detail})"
    )


def migrate_step(db: Database, version: int) -> None:
    """Take a version-`version` library to `version + 1` (the caller holds the transaction)."""
    MIGRATIONS[version - 1](db)
    set_version(db, version + 1)
