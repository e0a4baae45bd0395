"""A throwaway PostgreSQL cluster for tests and benchmarks: takes the server binaries on this machine, gives a running server in a temporary folder and empty databases on it.

The cluster lives in its own folder: `initdb -A trust -U banmian`, a unix socket in that
folder, no TCP (`listen_addresses=''`), fsync off (a crash loses the throwaway data, nothing
else). PostgreSQL refuses to run as root, so when we are root the server runs as the
`postgres` user (the Debian package creates it) with the folder handed to it; the tests still
connect as `banmian` through the socket. Locally, no server binaries means the PostgreSQL
tests are skipped with a reason; with `CI` set, it is a failure (CI installs postgresql).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

USER = "banmian"  # the cluster's superuser, trusted on the socket
PORT = 5432  # names the socket file in our own folder; no TCP port is opened
RUN_AS = "postgres"  # when we are root


class NoServer(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def bin_dir() -> Path:
    """The newest installed server's bin folder ($BANMIAN_PG_BIN, else /usr/lib/postgresql/N/bin,
    else `pg_config --bindir`), or NoServer."""
    candidates: list[Path] = []
    if os.environ.get("BANMIAN_PG_BIN"):
        candidates.append(Path(os.environ["BANMIAN_PG_BIN"]))
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates += versions
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        if found.returncode == 0:
            candidates.append(Path(found.stdout.strip()))
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    raise NoServer(
        "no PostgreSQL server binaries (initdb, pg_ctl): apt install postgresql, "
        "or set BANMIAN_PG_BIN"
    )


class Cluster:
    """A running throwaway server; `database()` makes an empty database and gives its URL."""

    def __init__(self, folder: Path, bindir: Path, as_user: str | None) -> None:
        self.folder = folder
        self.bindir = bindir
        self.as_user = as_user
        self.data = folder / "data"
        self.socket_dir = folder / "sock"
        self._names = itertools.count(1)

    def _run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", self.as_user, "--"] if self.as_user else []
        done = subprocess.run([*prefix, *argv], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stderr}{done.stdout}\n{tail}")
        return done

    @classmethod
    def start(cls, parent: str | None = None, durable: bool = False) -> Cluster:
        """A new server; `durable` keeps fsync and synchronous commit on (benchmarks that
        compare with a file's synchronous=FULL), else the tests' fast, crash-unsafe setting."""
        bindir = bin_dir()
        as_user = RUN_AS if os.geteuid() == 0 else None
        parent = parent or tempfile.gettempdir()
        if as_user and not os.stat(parent).st_mode & 0o001:
            parent = (
                "/tmp"  # a private scratch folder (tools/test.sh's): the server could not enter it
            )
        folder = Path(tempfile.mkdtemp(prefix="pg-cluster-", dir=parent))
        cluster = cls(folder, bindir, as_user)
        try:
            cluster.socket_dir.mkdir()
            if as_user:
                shutil.chown(folder, as_user)
                shutil.chown(cluster.socket_dir, as_user)
            cluster._run(
                str(bindir / "initdb"),
                "-D",
                str(cluster.data),
                "-A",
                "trust",
                "-U",
                USER,
                "-E",
                "UTF8",
                "--locale=C",  # byte order for TEXT, as SQLite compares
                "--no-sync",
            )
            unsafe = (
                "" if durable else "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            )
            options = (
                f"-k {cluster.socket_dir} -p {PORT} -c listen_addresses='' {unsafe}"
                "-c max_connections=60 -c shared_buffers=32MB"
            )
            cluster._run(
                str(bindir / "pg_ctl"),
                "-D",
                str(cluster.data),
                "-l",
                str(folder / "server.log"),
                "-o",
                options,
                "-w",
                "start",
            )
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return cluster

    def url(self, dbname: str, user: str = USER) -> str:
        """A libpq URL for `dbname` through the cluster's socket folder."""
        return f"postgresql://{user}@/{dbname}?host={self.socket_dir}&port={PORT}"

    def database(self, name: str | None = None) -> str:
        """A new, empty database; its URL."""
        import psycopg

        name = name or f"lib{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)

    def drop(self, url: str) -> None:
        """Drop a database made by `database()` (its connections ended first)."""
        import psycopg

        name = url.split("/")[3].split("?")[0]
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def running_cluster(parent: str | None = None, durable: bool = False) -> Iterator[Cluster]:
    cluster = Cluster.start(parent, durable)
    try:
        yield cluster
    finally:
        cluster.stop()
