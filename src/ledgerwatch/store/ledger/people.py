"""People of the firm ledger: users with a role, their agents' device tokens, and web sessions.

Secrets are never stored: passwords as argon2 hashes (made by the caller), tokens as SHA-256 digests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, RowMapping, delete, select, update

from ledgerwatch.store.codec import to_ms
from ledgerwatch.store.ledger.schema import ledger_devices, ledger_sessions, ledger_users


@dataclass(frozen=True, slots=True)
class User:
    id: int
    login: str
    name: str
    role: str
    timekeeper_id: str | None
    password_hash: str | None
    active: bool


@dataclass(frozen=True, slots=True)
class Device:
    id: int
    user_id: int
    name: str
    created_ms: int
    revoked_ms: int | None
    last_seen_ms: int | None


@dataclass(frozen=True, slots=True)
class Session:
    user_id: int
    csrf: str
    expires_ms: int


def _user(r: RowMapping) -> User:
    return User(
        r["id"], r["login"], r["name"], r["role"], r["timekeeper_id"], r["password_hash"], bool(r["active"])
    )


def _device(r: RowMapping) -> Device:
    return Device(r["id"], r["user_id"], r["name"], r["created_ms"], r["revoked_ms"], r["last_seen_ms"])


class PeopleTables:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    # --- users ---

    def add_user(
        self,
        login: str,
        name: str,
        role: str,
        timekeeper_id: str | None,
        password_hash: str | None,
        now: datetime,
    ) -> int:
        key = self._conn.execute(
            ledger_users.insert().values(
                login=login,
                name=name,
                role=role,
                timekeeper_id=timekeeper_id,
                password_hash=password_hash,
                active=True,
                created_ms=to_ms(now),
            )
        ).inserted_primary_key
        assert key is not None
        return int(key[0])

    def user(self, user_id: int) -> User | None:
        r = self._conn.execute(select(ledger_users).where(ledger_users.c.id == user_id)).mappings().first()
        return _user(r) if r else None

    def by_login(self, login: str) -> User | None:
        r = self._conn.execute(select(ledger_users).where(ledger_users.c.login == login)).mappings().first()
        return _user(r) if r else None

    def users(self) -> list[User]:
        return [
            _user(r)
            for r in self._conn.execute(select(ledger_users).order_by(ledger_users.c.login)).mappings()
        ]

    def set_password(self, user_id: int, password_hash: str) -> None:
        self._conn.execute(
            update(ledger_users).where(ledger_users.c.id == user_id).values(password_hash=password_hash)
        )

    def set_active(self, user_id: int, active: bool) -> None:
        self._conn.execute(update(ledger_users).where(ledger_users.c.id == user_id).values(active=active))

    # --- devices ---

    def add_device(self, user_id: int, name: str, token_hash: str, now: datetime) -> int:
        key = self._conn.execute(
            ledger_devices.insert().values(
                user_id=user_id, name=name, token_hash=token_hash, created_ms=to_ms(now)
            )
        ).inserted_primary_key
        assert key is not None
        return int(key[0])

    def device_by_token(self, token_hash: str) -> Device | None:
        r = (
            self._conn.execute(select(ledger_devices).where(ledger_devices.c.token_hash == token_hash))
            .mappings()
            .first()
        )
        return _device(r) if r else None

    def devices(self, user_id: int | None = None) -> list[Device]:
        stmt = select(ledger_devices).order_by(ledger_devices.c.id)
        if user_id is not None:
            stmt = stmt.where(ledger_devices.c.user_id == user_id)
        return [_device(r) for r in self._conn.execute(stmt).mappings()]

    def revoke_device(self, device_id: int, now: datetime) -> bool:
        """Revoke a device's token; False when there is no such device or it was already revoked."""
        done = self._conn.execute(
            update(ledger_devices)
            .where(ledger_devices.c.id == device_id, ledger_devices.c.revoked_ms.is_(None))
            .values(revoked_ms=to_ms(now))
        ).rowcount
        return bool(done)

    def seen(self, device_id: int, now: datetime) -> None:
        self._conn.execute(
            update(ledger_devices).where(ledger_devices.c.id == device_id).values(last_seen_ms=to_ms(now))
        )

    # --- sessions ---

    def add_session(self, token_hash: str, user_id: int, csrf: str, expires: datetime) -> None:
        self._conn.execute(
            ledger_sessions.insert().values(
                token_hash=token_hash, user_id=user_id, csrf=csrf, expires_ms=to_ms(expires)
            )
        )

    def session(self, token_hash: str, now: datetime) -> Session | None:
        r = (
            self._conn.execute(
                select(ledger_sessions).where(
                    ledger_sessions.c.token_hash == token_hash, ledger_sessions.c.expires_ms > to_ms(now)
                )
            )
            .mappings()
            .first()
        )
        return Session(r["user_id"], r["csrf"], r["expires_ms"]) if r else None

    def end_session(self, token_hash: str) -> None:
        self._conn.execute(delete(ledger_sessions).where(ledger_sessions.c.token_hash == token_hash))

    def end_sessions_of(self, user_id: int) -> None:
        self._conn.execute(delete(ledger_sessions).where(ledger_sessions.c.user_id == user_id))
