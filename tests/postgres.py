"""A real PostgreSQL server for the suite: the system's initdb and pg_ctl, in a temporary
folder, listening on a Unix socket only, with password authentication.

PostgreSQL refuses to run as root, so when the suite runs as root the server runs as the
`postgres` user (or `nobody`) through runuser, in a folder that user owns.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg

USER = "sbbot"


def bindir() -> Path | None:
    """Where initdb and pg_ctl are: `pg_config --bindir`, else the Debian layout."""
    candidates: list[Path] = []
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                               check=False)
        if found.returncode == 0:
            candidates.append(Path(found.stdout.strip()))
    candidates.extend(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
    return next((path for path in candidates if (path / "initdb").exists()), None)


def unprivileged() -> tuple[list[str], str | None]:
    """The command prefix that runs the server as a user it accepts, and that user."""
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], name
    raise RuntimeError("running as root with neither a postgres nor a nobody user")


@dataclass(frozen=True)
class PostgresServer:
    socket_dir: Path
    password: str
    data: Path
    binaries: Path
    prefix: tuple[str, ...]
    """The command prefix that runs the server's commands as its owner."""
    fsync: bool = False

    def url(self, database: str = "postgres", password: str | None = None) -> str:
        return (f"postgresql://{USER}:{password or self.password}@/{database}"
                f"?host={self.socket_dir}")

    def run(self, *command: str) -> None:
        done = subprocess.run([*self.prefix, *command], capture_output=True, text=True,
                              check=False, cwd=self.socket_dir, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {done.stdout}{done.stderr}")

    def start(self) -> None:
        options = (f"-c listen_addresses='' -k {self.socket_dir} "
                   f"-c fsync={'on' if self.fsync else 'off'} -c max_connections=100")
        self.run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                 str(self.socket_dir / "server.log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        """Stop at once, as a crash or an operator's `systemctl stop` would."""
        self.run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                 "-w", "stop")

    def dump(self, url: str, file: Path) -> None:
        """A backup, as an admin makes one: pg_dump's custom format."""
        self.client("pg_dump", "--format=custom", f"--file={file}", url)

    def restore(self, url: str, file: Path) -> None:
        self.client("pg_restore", f"--dbname={url}", str(file))

    def client(self, *command: str) -> None:
        done = subprocess.run([str(self.binaries / command[0]), *command[1:]],
                              capture_output=True, text=True, check=False, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {done.stderr}")

    async def execute(self, sql: str, database: str = "postgres") -> None:
        connection = await asyncpg.connect(self.url(database))
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    async def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`); returns its URL."""
        name = f"test_{secrets.token_hex(6)}"
        await self.execute(f"CREATE DATABASE {name}"
                           + (f" TEMPLATE {template}" if template else ""))
        return self.url(name)

    async def drop_database(self, url: str) -> None:
        await self.execute(f"DROP DATABASE {database_name(url)} WITH (FORCE)")


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


@contextmanager
def postgres_server(*, fsync: bool = False) -> Iterator[PostgresServer]:
    """Start a throw-away server; stop it and remove its files afterwards. Tests run it
    without fsync (nothing of it outlives them); the bench with it, as deployed."""
    binaries = bindir()
    if binaries is None:
        raise FileNotFoundError("PostgreSQL is not installed (initdb not found); "
                                ".ci/run installs it with apt")
    prefix, owner = unprivileged()
    folder = Path(tempfile.mkdtemp(prefix="sbbot-pg-"))
    password = secrets.token_hex(12)
    (folder / "password").write_text(password + "\n")
    if owner is not None:
        shutil.chown(folder, owner)
        shutil.chown(folder / "password", owner)
    server = PostgresServer(folder, password, folder / "data", binaries, tuple(prefix), fsync)
    server.run(str(binaries / "initdb"), "-D", str(server.data), "-U", USER, "-E", "UTF8",
               "--no-sync", "--auth=scram-sha-256", f"--pwfile={folder / 'password'}")
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
