"""`banmian server init URL` and `banmian server add-person URL LOGIN --role R`: takes a PostgreSQL database (empty, or a library already), gives it the library's schema, the newsroom's roles and their people.

A person is a PostgreSQL login in one of four groups (banmian_editor, banmian_proofreader,
banmian_chief, banmian_printshop; app/store/pg_roles.py); the login's comment holds the name
signatures carry. Run as an administrator of the server (a login with CREATEROLE, such as
`postgres`): the library's tables belong to that login, which the roles do not restrict.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from app.errors import UserError


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add `server` and its steps (init, add-person) to the CLI's subparsers."""
    p = sub.add_parser(
        "server", help="编辑部服务器 / set up a newsroom server library (PostgreSQL)"
    )
    steps = p.add_subparsers(dest="server_command", metavar="STEP", required=True)
    init = steps.add_parser(
        "init",
        help="建库、建角色、首位总编辑 / schema, roles and a first chief editor",
        description="在空数据库中建版面库（已是版面库则保留内容），建编辑、校对、总编辑、印厂四种"
        "角色并授权，可同时建首位总编辑的登录名。/ Lay the library down in an empty database "
        "(a library already there keeps its contents), make the roles editor, proofreader, "
        "chief editor and print shop with what each may do, and optionally the first chief "
        "editor's login.",
    )
    init.add_argument("url", metavar="URL", help="postgresql://admin@host/dbname")
    init.add_argument("--chief", metavar="LOGIN", help="首位总编辑的登录名 / first chief's login")
    _person_options(init)
    add = steps.add_parser(
        "add-person",
        help="添加人员 / give a person a login and a role",
        description="为一位编辑部人员建 PostgreSQL 登录名（已有则改角色）。/ Make a PostgreSQL "
        "login for a person of the newsroom in a role (an existing login changes role).",
    )
    add.add_argument("url", metavar="URL", help="postgresql://admin@host/dbname")
    add.add_argument("login", metavar="LOGIN", help="登录名 / the PostgreSQL login, e.g. zhangsan")
    add.add_argument(
        "--role", required=True, choices=("editor", "proofreader", "chief", "printshop")
    )
    _person_options(add)
    return p


def _person_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--name", help="签字用的姓名 / the name signatures carry (default: the login)")
    p.add_argument(
        "--password",
        action="store_true",
        help="询问密码 / ask for the login's password (else: the server's own authentication, "
        "e.g. peer or certificates)",
    )


def _password(args: argparse.Namespace, login: str) -> str | None:
    if not args.password:
        return None
    if sys.stdin.isatty():
        return getpass.getpass(f"{login} 的密码 / password for {login}: ")
    return sys.stdin.readline().rstrip("\n") or None


def run(args: argparse.Namespace) -> int:
    from app.services import library_location
    from app.store import Library, ServerUrl
    from app.store.pg_roles import GROUPS, add_person, install_roles

    where = library_location(args.url)
    if not isinstance(where, ServerUrl):
        raise UserError(
            f"server {args.server_command} 需要数据库地址 / needs a postgresql:// URL, not a "
            f"file: {args.url}"
        )
    made = not Library.exists(where)
    if made and args.server_command == "init":
        Library.create(where).close()
    login = args.chief if args.server_command == "init" else args.login
    role = "chief" if args.server_command == "init" else args.role
    password = _password(args, login) if login else None
    with Library.open(where) as lib:
        b: Any = lib.backend
        dbname = b.conn.info.dbname
        with lib.transaction():
            if args.server_command == "init":
                install_roles(b, dbname)
            new = add_person(b, login, role, args.name or login, password) if login else False
    if args.server_command == "init":
        state = "建好版面库 / library made" if made else "保留已有内容 / contents kept"
        print(f"编辑部服务器就绪 / newsroom server ready ({state}): {where}")
        print(f"角色 / roles: {', '.join(GROUPS.values())}")
    if login:
        name = args.name or login
        print(
            f"{'新登录名' if new else '登录名'} / {'new ' if new else ''}login {login} "
            f"({GROUPS[role]}, 签字 / signs as {name}): desks connect as user {login}, "
            f"e.g. banmian --db 'postgresql://{login}@HOST/{dbname}' "
            f"--user '{name}'"
        )
    return 0
