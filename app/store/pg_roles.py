"""The newsroom's roles on a PostgreSQL server: takes a library's database, gives the four group roles (editor, proofreader, chief editor, print shop), what each may write (GRANTs), what the print shop may read (row-level security: signed pages only), who signs what (a trigger), and the one line a refused write becomes.

A person is a PostgreSQL login (a LOGIN role) that belongs to one of the groups; the role's
comment holds the person's name as signatures show it. The server decides by the login,
whatever the desk calls itself: a proofreader's desk cannot move a frame or edit a story
(no UPDATE on frames or articles), only a chief editor's login writes a 签发 row, and that
row must carry the chief's own name. The login that ran `server init` owns the tables and
is not restricted (an administrator), nor is a superuser.
"""

from __future__ import annotations

import re
from typing import Any

import psycopg

from app.store.errors import LibraryForbidden

GROUPS: dict[str, str] = {  # --role word → the group role
    "editor": "banmian_editor",
    "proofreader": "banmian_proofreader",
    "chief": "banmian_chief",
    "printshop": "banmian_printshop",
}
ROLE_WORDS: dict[str, tuple[str, str]] = {
    "editor": ("编辑", "an editor"),
    "proofreader": ("校对", "a proofreader"),
    "chief": ("总编辑", "a chief editor"),
    "printshop": ("印厂", "the print shop"),
}
# What each role writes besides its desk (desks, check-outs) and the change log.
EDITORIAL = (
    "publication",
    "issues",
    "pages",
    "articles",
    "frames",
    "assets",
    "article_pictures",
    "revisions",
    "styles",
)
PROOFING = ("proof_rounds", "proof_round_pages", "proof_marks", "page_signoffs")
WRITES: dict[str, tuple[str, ...]] = {
    "editor": (*EDITORIAL, *PROOFING, "checkouts"),
    "chief": (*EDITORIAL, *PROOFING, "checkouts"),
    "proofreader": (*PROOFING, "checkouts"),
    "printshop": (),
}
# Written by every desk that writes at all: by triggers (the change log, the undo counters)
# and by the window's edit sessions (undo steps kept across restarts).
BOOKKEEPING = ("changes", "undo_heads", "undo_steps")
# Rows the print shop sees: those of pages signed off (签发).
SIGNED = "banmian_signed({})"
PRINT_SEES: dict[str, str] = {
    "pages": SIGNED.format("id"),
    "frames": SIGNED.format("page_id"),
    "articles": "EXISTS (SELECT 1 FROM frames f WHERE f.article_id = articles.id "
    "AND banmian_signed(f.page_id))",
    "article_pictures": "EXISTS (SELECT 1 FROM frames f WHERE f.article_id = "
    "article_pictures.article_id AND banmian_signed(f.page_id))",
    "proof_round_pages": SIGNED.format("page_id"),
    "proof_marks": SIGNED.format("page_id"),
    "revisions": "false",  # whole issues' text as it was: not the print shop's
    "undo_steps": "false",  # edits kept for undo: the same
}
REFUSED = "banmian-role: "  # what the trigger's messages start with

ROLE_FUNCTION = f"""CREATE OR REPLACE FUNCTION banmian_role() RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN NULL
        WHEN pg_has_role(current_user, '{GROUPS["chief"]}', 'MEMBER') THEN 'chief'
        WHEN pg_has_role(current_user, '{GROUPS["editor"]}', 'MEMBER') THEN 'editor'
        WHEN pg_has_role(current_user, '{GROUPS["proofreader"]}', 'MEMBER') THEN 'proofreader'
        WHEN pg_has_role(current_user, '{GROUPS["printshop"]}', 'MEMBER') THEN 'printshop'
    END
$$"""

SIGNED_FUNCTION = """CREATE OR REPLACE FUNCTION banmian_signed(page bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT EXISTS (SELECT 1 FROM page_signoffs WHERE page_id = page AND step = '签发')
$$"""

# Who signs what: 签发 only a chief editor, under the chief's own name; a proofreader only
# the rounds (一校 二校 三校). An administrator (no newsroom role) is not held.
SIGNOFF_FUNCTION = f"""CREATE OR REPLACE FUNCTION banmian_signoff_roles() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    role text := banmian_role();
    r page_signoffs%ROWTYPE;
    name text;
BEGIN
    IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
    IF role IS NULL THEN RETURN r; END IF;
    IF (r.step = '签发' OR (TG_OP = 'UPDATE' AND OLD.step = '签发')) AND role <> 'chief' THEN
        RAISE EXCEPTION '{REFUSED}只有总编辑能签发 / only a chief editor signs off (签发)'
            USING ERRCODE = '42501';
    END IF;
    IF role = 'proofreader' AND r.step NOT IN ('一校', '二校', '三校') THEN
        RAISE EXCEPTION '{REFUSED}校对只签校次 / a proofreader signs rounds only (一校 二校 三校), not %', r.step
            USING ERRCODE = '42501';
    END IF;
    IF TG_OP <> 'DELETE' AND r.step = '签发' THEN
        name := coalesce(shobj_description(
            (SELECT oid FROM pg_roles WHERE rolname = session_user), 'pg_authid'), session_user);
        IF r.person <> name THEN
            RAISE EXCEPTION '{REFUSED}签发须署本人姓名（%）/ a sign-off carries the signer''s own name (%), not %', name, name, r.person
                USING ERRCODE = '42501';
        END IF;
    END IF;
    RETURN r;
END $$"""


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def install_roles(b: Any, database: str) -> None:
    """The groups (made if missing: they belong to the server, shared by its libraries), and
    this library's grants, read policies and signing trigger; again after an upgrade. The
    caller's transaction; the login needs CREATEROLE (an administrator)."""
    for group in GROUPS.values():
        found = b.execute_native("SELECT 1 FROM pg_roles WHERE rolname = %s", [group]).fetchone()
        if not found:
            b.execute_native(f"CREATE ROLE {group} NOLOGIN")
    everyone = ", ".join(GROUPS.values())
    writers = ", ".join(GROUPS[r] for r in ("editor", "chief", "proofreader"))
    schema = b.execute_native("SELECT current_schema()").fetchone()[0]
    b.execute_native(f"REVOKE CONNECT ON DATABASE {_ident(database)} FROM PUBLIC")
    b.execute_native(f"GRANT CONNECT ON DATABASE {_ident(database)} TO {everyone}")
    b.execute_native(f"GRANT USAGE ON SCHEMA {_ident(schema)} TO {everyone}")
    tables = [
        row[0]
        for row in b.execute_native(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchall()
    ]
    for table in tables:
        b.execute_native(f"REVOKE ALL ON {_ident(table)} FROM {everyone}")
        b.execute_native(f"GRANT SELECT ON {_ident(table)} TO {everyone}")
    b.execute_native(f"GRANT INSERT, UPDATE, DELETE ON desks TO {everyone}")
    # The change log and undo counters are written by triggers running as the writer.
    for table in BOOKKEEPING:
        if table in tables:
            b.execute_native(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {writers}")
    b.execute_native(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {_ident(schema)} TO {writers}")
    for role, written in WRITES.items():
        for table in written:
            if table in tables:
                b.execute_native(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {GROUPS[role]}")
    for statement in (ROLE_FUNCTION, SIGNED_FUNCTION, SIGNOFF_FUNCTION):
        b.execute_native(statement)
    b.execute_native("DROP TRIGGER IF EXISTS banmian_signoff_roles ON page_signoffs")
    b.execute_native(
        "CREATE TRIGGER banmian_signoff_roles BEFORE INSERT OR UPDATE OR DELETE ON page_signoffs "
        "FOR EACH ROW EXECUTE FUNCTION banmian_signoff_roles()"
    )
    desks = ", ".join(GROUPS[r] for r in ("editor", "chief", "proofreader"))
    for table, seen in PRINT_SEES.items():
        if table not in tables:
            continue
        b.execute_native(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for policy in ("banmian_desks", "banmian_printshop"):
            b.execute_native(f"DROP POLICY IF EXISTS {policy} ON {table}")
        b.execute_native(
            f"CREATE POLICY banmian_desks ON {table} FOR ALL TO {desks} USING (true) "
            "WITH CHECK (true)"
        )
        b.execute_native(
            f"CREATE POLICY banmian_printshop ON {table} FOR SELECT TO {GROUPS['printshop']} "
            f"USING ({seen})"
        )


def add_person(b: Any, login: str, role: str, name: str, password: str | None) -> bool:
    """Make `login` a person in `role` (a new LOGIN role, or an existing one given the
    group), named `name` in signatures; True if the login was new. The caller's
    transaction."""
    group = GROUPS[role]
    found = b.execute_native("SELECT 1 FROM pg_roles WHERE rolname = %s", [login]).fetchone()
    if not found:
        b.execute_native(f"CREATE ROLE {_ident(login)} LOGIN")
    if password:
        # ALTER ROLE takes no parameters: the password goes in as a quoted literal.
        quoted = b.execute_native("SELECT quote_literal(%s)", [password]).fetchone()[0]
        b.execute_native(f"ALTER ROLE {_ident(login)} PASSWORD {quoted}")
    for other in GROUPS.values():
        if other != group:
            b.execute_native(f"REVOKE {other} FROM {_ident(login)}")
    b.execute_native(f"GRANT {group} TO {_ident(login)}")
    quoted = b.execute_native("SELECT quote_literal(%s)", [name or login]).fetchone()[0]
    b.execute_native(f"COMMENT ON ROLE {_ident(login)} IS {quoted}")
    return not found


def login_role(conn: Any) -> str | None:
    """The newsroom role of the connection's login: None for an administrator (a superuser,
    a login in no group) or a library without roles."""
    try:
        if conn.execute("SELECT to_regproc('banmian_role')").fetchone()[0] is None:
            return None
        return conn.execute("SELECT banmian_role()").fetchone()[0]  # type: ignore[no-any-return]
    except psycopg.Error:  # a login that cannot even ask has no role here
        return None


_TABLE = re.compile(r"permission denied for (?:table|relation) (\w+)")
WHAT: dict[str, tuple[str, str]] = {
    "frames": ("版框", "frames"),
    "articles": ("稿件文字", "stories' text"),
    "pages": ("版面", "pages"),
    "issues": ("期次", "issues"),
    "publication": ("报纸设置", "the paper's settings"),
    "assets": ("图片", "pictures"),
    "article_pictures": ("稿件图片", "stories' pictures"),
    "revisions": ("版本", "revisions"),
    "proof_rounds": ("校次", "proof rounds"),
    "proof_round_pages": ("校次", "proof rounds"),
    "proof_marks": ("校对标记", "proof marks"),
    "page_signoffs": ("签字", "signatures"),
    "checkouts": ("签出", "check-outs"),
}
HINTS: dict[str, str] = {
    "proofreader": " (proofreaders mark; they do not move frames or edit text)",
    "printshop": " (the print shop reads signed pages only)",
}


def forbidden(
    error: BaseException, location: str, login: str, role: str | None
) -> LibraryForbidden:
    """The one line for a write the server refused by role."""
    detail = " ".join(str(error).split())
    who_zh, who_en = ROLE_WORDS.get(role or "", ("", "this login"))
    if REFUSED in detail:
        said = detail.split(REFUSED, 1)[1].split(" CONTEXT:")[0]
        zh, _, en = said.partition(" / ")
        return LibraryForbidden(f"{zh}，未保存 / {en} ({login}): not saved: {location}")
    table = _TABLE.search(detail)
    zh, en = WHAT.get(table.group(1), (table.group(1), table.group(1))) if table else ("", "")
    if not table:
        return LibraryForbidden(
            f"无权修改，未保存 / not allowed to make this change, not saved: {location} ({detail})"
        )
    return LibraryForbidden(
        f"{who_zh}（{login}）无权改动{zh}，未保存 / {login} ({who_en}) may not change {en}"
        f"{HINTS.get(role or '', '')}: not saved: {location}"
    )
