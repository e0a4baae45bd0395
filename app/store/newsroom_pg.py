"""The newsroom step of the schema in PostgreSQL's own words: takes nothing, gives the statements that do on a server what journal.py and desks.py do in a file — row versions bumped by a trigger, the change log written and signed by triggers, check-outs that leave with their page or story, and the guard that refuses writes to what another live desk holds.

A file's desk is its connection (TEMP triggers name it); a server's desk is named in the
session (`banmian.desk`, `banmian.person`, `banmian.command`, `banmian.lease`: set by the
Library in every transaction), which the triggers read. Times are the server's clock.
"""

from __future__ import annotations

from app.store.changes import CHANNEL
from app.store.errors import CHECKED_OUT
from app.store.journal import LOGGED, VERSIONED

_SETTING = "nullif(current_setting('banmian.{0}', true), '')"
_NOW = "extract(epoch from clock_timestamp())"

CHANGES = """CREATE TABLE changes (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tbl TEXT NOT NULL,
    row_id BIGINT,
    op TEXT NOT NULL CHECK (op IN ('INSERT', 'UPDATE', 'DELETE')),
    version BIGINT,
    issue_id BIGINT,
    page_id BIGINT,
    desk TEXT,
    person TEXT,
    command TEXT,
    at TEXT
)"""

VERSION_FUNCTION = """CREATE OR REPLACE FUNCTION banmian_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.version = OLD.version THEN
        NEW.version := OLD.version + 1;
    END IF;
    RETURN NEW;
END $$"""

GONE_FUNCTION = """CREATE OR REPLACE FUNCTION banmian_checkouts_gone() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM checkouts WHERE kind = TG_ARGV[0] AND target_id = OLD.id;
    RETURN NULL;
END $$"""

HELD_FUNCTION = f"""CREATE OR REPLACE FUNCTION banmian_held(k text, targets bigint[])
RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM checkouts c JOIN desks d ON d.id = c.desk_id
        WHERE c.kind = k AND c.target_id = ANY(targets)
          AND c.desk_id IS DISTINCT FROM {_SETTING.format("desk")}
          AND d.seen_at > {_NOW} - coalesce({_SETTING.format("lease")}::float8, 30)
    )
$$"""

_REFUSE = f"RAISE EXCEPTION '{CHECKED_OUT}' USING ERRCODE = 'P0001';"
_TEXT_CHANGED = " OR ".join(
    f"NEW.{c} IS DISTINCT FROM OLD.{c}"
    for c in ("kicker", "headline", "subheadline", "byline", "paragraphs")
)
_STORY_HELD = (
    "banmian_held('article', ARRAY[OLD.id]) OR banmian_held('page', "
    "ARRAY(SELECT page_id FROM frames WHERE article_id = OLD.id))"
)

GUARD_FUNCTIONS = (
    f"""CREATE OR REPLACE FUNCTION banmian_guard_frames() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF banmian_held('page', ARRAY[NEW.page_id]) THEN {_REFUSE} END IF;
        RETURN NEW;
    ELSIF TG_OP = 'UPDATE' THEN
        IF banmian_held('page', ARRAY[OLD.page_id, NEW.page_id]) THEN {_REFUSE} END IF;
        RETURN NEW;
    END IF;
    IF banmian_held('page', ARRAY[OLD.page_id]) THEN {_REFUSE} END IF;
    RETURN OLD;
END $$""",
    f"""CREATE OR REPLACE FUNCTION banmian_guard_pages() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF banmian_held('page', ARRAY[OLD.id]) THEN {_REFUSE} END IF;
    RETURN NEW;
END $$""",
    f"""CREATE OR REPLACE FUNCTION banmian_guard_articles() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF ({_TEXT_CHANGED}) AND ({_STORY_HELD}) THEN {_REFUSE} END IF;
        RETURN NEW;
    END IF;
    IF {_STORY_HELD} THEN {_REFUSE} END IF;
    RETURN OLD;
END $$""",
)
GUARD_TRIGGERS = (
    "CREATE TRIGGER guard_frames BEFORE INSERT OR UPDATE OR DELETE ON frames "
    "FOR EACH ROW EXECUTE FUNCTION banmian_guard_frames()",
    "CREATE TRIGGER guard_pages BEFORE UPDATE ON pages "
    "FOR EACH ROW EXECUTE FUNCTION banmian_guard_pages()",
    "CREATE TRIGGER guard_articles BEFORE UPDATE OR DELETE ON articles "
    "FOR EACH ROW EXECUTE FUNCTION banmian_guard_articles()",
)


def _log_function(table: str, row_id: str, version: str, issue: str, page: str) -> str:
    def of(expr: str) -> str:
        return expr.replace("ROW.", "r.")

    stamps = ", ".join(_SETTING.format(k) for k in ("desk", "person", "command"))
    # Check-outs are ours alone (pg_schema's notifications cover the paper's rows): desks
    # hear of them the same way, at commit.
    notify = (
        f"PERFORM pg_notify('{CHANNEL}', jsonb_build_object('t', 'checkouts', 'op', TG_OP, "
        "'k', jsonb_build_object('target_id', r.target_id, 'kind', r.kind))::text);"
        if table == "checkouts"
        else ""
    )
    return f"""CREATE OR REPLACE FUNCTION banmian_log_{table}() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    r {table}%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
    INSERT INTO changes (tbl, row_id, op, version, issue_id, page_id, desk, person, command, at)
    VALUES ('{table}', {of(row_id)}, TG_OP, {of(version)}, {of(issue)}, {of(page)}, {stamps},
        to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+00:00"'));
    {notify}
    RETURN NULL;
END $$"""


def newsroom_pg() -> list[str]:
    """Everything after the tables (desks.DESKS_TABLES) and the version columns: the change
    log, its triggers, the version bump, check-outs following their targets, the guard."""
    out = [CHANGES, VERSION_FUNCTION, GONE_FUNCTION, HELD_FUNCTION, *GUARD_FUNCTIONS]
    out += [
        f"CREATE TRIGGER {t}_version BEFORE UPDATE ON {t} "
        "FOR EACH ROW EXECUTE FUNCTION banmian_version()"
        for t in VERSIONED
    ]
    logged = {t: ("ROW.id", "ROW.version", issue, page) for t, (issue, page) in VERSIONED.items()}
    logged |= {t: (row_id, "NULL", issue, page) for t, (row_id, issue, page) in LOGGED.items()}
    for table, args in logged.items():
        out.append(_log_function(table, *args))
        out.append(
            f"CREATE TRIGGER banmian_log AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION banmian_log_{table}()"
        )
    out += [
        "CREATE TRIGGER checkouts_page_gone AFTER DELETE ON pages "
        "FOR EACH ROW EXECUTE FUNCTION banmian_checkouts_gone('page')",
        "CREATE TRIGGER checkouts_article_gone AFTER DELETE ON articles "
        "FOR EACH ROW EXECUTE FUNCTION banmian_checkouts_gone('article')",
        *GUARD_TRIGGERS,
    ]
    return out
