"""Partners and their API keys, kept in SQLite under the data directory.

Keys are random 256-bit tokens shown once and stored only as SHA-256 digests (a slow KDF buys
nothing for keys of that entropy). Every lookup reads the database, so `crimefeed partners
add|revoke` take effect in a running system without a restart.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from shared.models.report import TLP
from shared.state.sqlite import Schema, connect, open_database

PARTNER_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
ADMIN_ID = "admin"

_V1 = """
CREATE TABLE IF NOT EXISTS partners (
    partner_id TEXT PRIMARY KEY,
    key_digest TEXT NOT NULL UNIQUE,
    max_tlp TEXT NOT NULL,
    groups_json TEXT NOT NULL DEFAULT '[]',
    is_admin INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
"""
SCHEMA = Schema("partner registry", (_V1,))


class PartnerError(ValueError):
    """A partner operation was refused (bad id, duplicate, unknown partner)."""


@dataclass(frozen=True)
class Partner:
    partner_id: str
    max_tlp: TLP
    groups: tuple[str, ...] = ()
    is_admin: bool = False
    created_at: str = ""
    revoked_at: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class PartnerRegistry:
    def __init__(self, path: Path) -> None:
        self.path = path
        open_database(path, SCHEMA).close()

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> PartnerRegistry:
        return cls(data_dir / "partners.sqlite3")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = connect(self.path, timeout=10, autocommit=False)
        try:
            with connection:
                yield connection
        finally:
            connection.close()

    def add(
        self, partner_id: str, max_tlp: TLP, groups: tuple[str, ...] = (), *, is_admin: bool = False
    ) -> str:
        """Create a partner and return its new API key (the only time it is visible)."""
        if not PARTNER_ID_PATTERN.match(partner_id):
            raise PartnerError(
                f"partner id {partner_id!r} must be 1-64 characters of a-z, 0-9, '-' or '_', "
                "starting with a letter or digit"
            )
        key = secrets.token_urlsafe(32)
        try:
            with self._connect() as connection:
                connection.execute(
                    "INSERT INTO partners (partner_id, key_digest, max_tlp, groups_json, is_admin, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        partner_id,
                        key_digest(key),
                        max_tlp.value,
                        json.dumps(list(groups)),
                        int(is_admin),
                        datetime.now(UTC).isoformat(),
                    ),
                )
        except sqlite3.IntegrityError as error:
            raise PartnerError(f"partner {partner_id!r} already exists") from error
        return key

    def rotate_key(self, partner_id: str) -> str:
        """A new key for an active partner; a revoked partner stays revoked (see `restore`)."""
        key = secrets.token_urlsafe(32)
        with self._connect() as connection:
            cursor = connection.execute(
                "UPDATE partners SET key_digest = ? WHERE partner_id = ? AND revoked_at IS NULL",
                (key_digest(key), partner_id),
            )
        if cursor.rowcount == 0:
            raise PartnerError(f"no active partner {partner_id!r} (a revoked partner needs `restore`)")
        return key

    def restore(self, partner_id: str) -> str:
        """Re-activate a revoked partner with a new key: the key it had when revoked stays dead."""
        key = secrets.token_urlsafe(32)
        with self._connect() as connection:
            cursor = connection.execute(
                "UPDATE partners SET key_digest = ?, revoked_at = NULL"
                " WHERE partner_id = ? AND revoked_at IS NOT NULL",
                (key_digest(key), partner_id),
            )
        if cursor.rowcount == 0:
            raise PartnerError(f"no revoked partner {partner_id!r}")
        return key

    def revoke(self, partner_id: str) -> None:
        with self._connect() as connection:
            cursor = connection.execute(
                "UPDATE partners SET revoked_at = ? WHERE partner_id = ? AND revoked_at IS NULL",
                (datetime.now(UTC).isoformat(), partner_id),
            )
        if cursor.rowcount == 0:
            raise PartnerError(f"no active partner {partner_id!r}")

    def authenticate(self, key: str) -> Partner | None:
        """The active partner holding `key`, or None."""
        with self._connect() as connection:
            row = connection.execute(
                "SELECT partner_id, max_tlp, groups_json, is_admin, created_at, revoked_at "
                "FROM partners WHERE key_digest = ?",
                (key_digest(key),),
            ).fetchone()
        if row is None:
            return None
        partner = _partner(row)
        return partner if partner.active else None

    def get(self, partner_id: str) -> Partner | None:
        with self._connect() as connection:
            row = connection.execute(
                "SELECT partner_id, max_tlp, groups_json, is_admin, created_at, revoked_at "
                "FROM partners WHERE partner_id = ?",
                (partner_id,),
            ).fetchone()
        return None if row is None else _partner(row)

    def list(self) -> list[Partner]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT partner_id, max_tlp, groups_json, is_admin, created_at, revoked_at "
                "FROM partners ORDER BY partner_id"
            ).fetchall()
        return [_partner(row) for row in rows]


def _partner(row: tuple[str, str, str, int, str, str | None]) -> Partner:
    partner_id, max_tlp, groups_json, is_admin, created_at, revoked_at = row
    return Partner(
        partner_id, TLP(max_tlp), tuple(json.loads(groups_json)), bool(is_admin), created_at, revoked_at
    )
