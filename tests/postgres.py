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

    def url(self, database: str = "postgres", password: str | None = None) -> str:
        return (f"postgresql://{USER}:{password or self.password}@/{database}"
                f"?host={self.socket_dir}")

    async def create_database(self) -> str:
        """A new empty database; returns its URL."""
        name = f"test_{secrets.token_hex(6)}"
        connection = await asyncpg.connect(self.url())
        try:
            await connection.execute(f"CREATE DATABASE {name}")
        finally:
            await connection.close()
        return self.url(name)

    async def drop_database(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        connection = await asyncpg.connect(self.url())
        try:
            await connection.execute(f"DROP DATABASE {name} WITH (FORCE)")
        finally:
            await connection.close()


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
    data = folder / "data"
    password = secrets.token_hex(12)
    (folder / "password").write_text(password + "\n")
    if owner is not None:
        shutil.chown(folder, owner)
        shutil.chown(folder / "password", owner)

    def run(*command: str) -> None:
        done = subprocess.run([*prefix, *command], capture_output=True, text=True,
                              check=False, cwd=folder, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {done.stdout}{done.stderr}")

    run(str(binaries / "initdb"), "-D", str(data), "-U", USER, "-E", "UTF8", "--no-sync",
        "--auth=scram-sha-256", f"--pwfile={folder / 'password'}")
    options = (f"-c listen_addresses='' -k {folder} -c fsync={'on' if fsync else 'off'}"
               " -c max_connections=100")
    run(str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l",
        str(folder / "server.log"), "-w", "-t", "60", "start")
    try:
        yield PostgresServer(folder, password)
    finally:
        run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
