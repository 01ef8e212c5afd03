"""A throwaway Synapse homeserver for end-to-end tests of the Matrix adapter.

Mocking nio would only test our assumptions about Matrix; a real homeserver starts in about a
second, so the tests run against one. Everything that could hang has a deadline, and the
server is stopped by PID even when a test fails, with its log tail available for the report.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SERVER_NAME = "localhost"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 5.0
HTTP_TIMEOUT = 10.0

UNLIMITED = {"per_second": 1000, "burst_count": 10000}
"""Tests perform many actions in a second; Synapse's default limits would answer 429."""


@dataclass(frozen=True)
class Account:
    user_id: str
    password: str
    access_token: str
    device_id: str


@dataclass
class Synapse:
    url: str
    directory: Path
    secret: str
    process: subprocess.Popen[bytes]

    @property
    def log_path(self) -> Path:
        return self.directory / "homeserver.log"

    def log_tail(self, lines: int = 80) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError as error:
            return f"(no Synapse log: {error})"
        return "\n".join(text.splitlines()[-lines:])

    def register(self, localpart: str, password: str | None = None) -> Account:
        """Create a user through the shared-secret admin API (open registration is off)."""
        password = password or secrets.token_urlsafe(12)
        nonce = request_json(f"{self.url}/_synapse/admin/v1/register")["nonce"]
        mac = hmac.new(self.secret.encode(), digestmod=hashlib.sha1)
        mac.update(b"\x00".join(
            part.encode() for part in (nonce, localpart, password, "notadmin")
        ))
        created = request_json(f"{self.url}/_synapse/admin/v1/register", {
            "nonce": nonce, "username": localpart, "password": password, "admin": False,
            "mac": mac.hexdigest(),
        })
        return Account(created["user_id"], password, created["access_token"],
                       created["device_id"])

    def devices(self, account: Account) -> list[str]:
        """Device ids of `account`, to check that a restarted bot reuses its own."""
        listing = request_json(f"{self.url}/_matrix/client/v3/devices",
                               token=account.access_token)
        return sorted(device["device_id"] for device in listing["devices"])


def request_json(url: str, body: dict[str, Any] | None = None,
                 token: str | None = None) -> dict[str, Any]:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data, headers)
    with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:
        result: dict[str, Any] = json.load(response)
    return result


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def write_config(directory: Path, port: int, secret: str) -> Path:
    config = {
        "server_name": SERVER_NAME,
        "pid_file": str(directory / "homeserver.pid"),
        "listeners": [{
            "port": port, "bind_addresses": ["127.0.0.1"], "type": "http", "tls": False,
            "x_forwarded": False, "resources": [{"names": ["client"], "compress": False}],
        }],
        "database": {"name": "sqlite3", "args": {"database": str(directory / "homeserver.db")}},
        "media_store_path": str(directory / "media"),
        "signing_key_path": str(directory / "signing.key"),
        "report_stats": False,
        "enable_registration": False,
        "registration_shared_secret": secret,
        "macaroon_secret_key": secrets.token_hex(16),
        "form_secret": secrets.token_hex(16),
        "trusted_key_servers": [],
        "federation_domain_whitelist": [],
        "presence": {"enabled": False},
        "url_preview_enabled": False,
        "bcrypt_rounds": 4,
        "suppress_key_server_warning": True,
        **{name: UNLIMITED for name in (
            "rc_message", "rc_registration", "rc_room_creation", "rc_joins_per_room",
            "rc_admin_redaction", "rc_user_directory", "rc_profile", "rc_delayed_event_mgmt",
            "rc_media_create", "rc_reports",
        )},
        "rc_joins": {"local": UNLIMITED, "remote": UNLIMITED},
        "rc_login": {"address": UNLIMITED, "account": UNLIMITED, "failed_attempts": UNLIMITED},
        "rc_invites": {"per_room": UNLIMITED, "per_user": UNLIMITED, "per_issuer": UNLIMITED},
        "rc_presence": {"per_user": UNLIMITED},
    }
    path = directory / "homeserver.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


@contextmanager
def running_synapse(directory: Path) -> Iterator[Synapse]:
    """Start Synapse on a free local port with a fresh SQLite database; stop it on exit."""
    port = free_port()
    secret = secrets.token_hex(16)
    config = write_config(directory, port, secret)
    with (directory / "homeserver.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "synapse.app.homeserver", "-c", str(config)],
            cwd=directory, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )
    server = Synapse(f"http://127.0.0.1:{port}", directory, secret, process)
    try:
        wait_until_up(server)
        yield server
    finally:
        stop(process)


def wait_until_up(server: Synapse) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"Synapse exited with code {server.process.returncode}:\n"
                               + server.log_tail())
        try:
            request_json(f"{server.url}/_matrix/client/versions")
            return
        except (OSError, urllib.error.URLError):
            time.sleep(0.1)
    raise TimeoutError(f"Synapse did not answer within {START_TIMEOUT:.0f} s:\n"
                       + server.log_tail())


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(STOP_TIMEOUT)
