"""Matrix's settings: what `sbbot.config` reads for this platform, with no nio import, so a
bad value is reported even where the Matrix extra is not installed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sbbot.config import URL_CREDENTIALS, ConfigError, split_list

from .platform import Platform


@dataclass(frozen=True)
class MatrixSettings:
    homeserver: str
    user_id: str
    access_token: str | None
    password: str | None
    allowed_servers: frozenset[str]
    admins: frozenset[str]


def read(env: Mapping[str, str]) -> MatrixSettings | None:
    homeserver = env.get("MATRIX_HOMESERVER", "").strip()
    user_id = env.get("MATRIX_USER_ID", "").strip()
    access_token = env.get("MATRIX_ACCESS_TOKEN", "").strip() or None
    password = env.get("MATRIX_PASSWORD", "") or None
    if not (homeserver or user_id or access_token or password):
        return None
    if not homeserver.startswith(("http://", "https://")):
        raise ConfigError("MATRIX_HOMESERVER: expected a URL such as https://matrix.example.org")
    if URL_CREDENTIALS.match(homeserver):
        raise ConfigError("MATRIX_HOMESERVER: remove the user name and password from the URL "
                          "(set MATRIX_PASSWORD or MATRIX_ACCESS_TOKEN instead)")
    if not (user_id.startswith("@") and ":" in user_id):
        raise ConfigError("MATRIX_USER_ID: expected a full user id such as @sbbot:example.org")
    if access_token is None and password is None:
        raise ConfigError("MATRIX_ACCESS_TOKEN: set it, or MATRIX_PASSWORD, to log in")
    own_server = user_id.split(":", 1)[1]
    allowed = split_list(env.get("MATRIX_ALLOWED_SERVERS", "")) or [own_server]
    admins = split_list(env.get("MATRIX_ADMINS", ""))
    for admin in admins:
        if not (admin.startswith("@") and ":" in admin):
            raise ConfigError(f"MATRIX_ADMINS: {admin!r} is not a user id like @name:server")
    return MatrixSettings(homeserver.rstrip("/"), user_id, access_token, password,
                          frozenset(allowed), frozenset(admins))


MATRIX = Platform(
    name="matrix", prefix="MATRIX_",
    settings=frozenset({
        "MATRIX_HOMESERVER", "MATRIX_USER_ID", "MATRIX_ACCESS_TOKEN", "MATRIX_PASSWORD",
        "MATRIX_ALLOWED_SERVERS", "MATRIX_ADMINS",
    }),
    secrets=("MATRIX_ACCESS_TOKEN", "MATRIX_PASSWORD"), reader=read,
    adapter="sbbot.adapters.matrix:MatrixAdapter", extra="matrix",
)
