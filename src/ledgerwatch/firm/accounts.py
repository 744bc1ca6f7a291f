"""People and rights: attorneys, billing staff and administrators; argon2 passwords; web sessions; device
tokens for agents, shown once, stored as digests, revocable.

Rights (what each role may do):
    attorney  see their own time, review and approve the pre-bills of matters they worked on
    billing   everything in billing: pre-bills, invoices, payments, trust, reminders, clients and rates
    admin     everything billing may, plus people and devices
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from ledgerwatch.domain.clock import Clock
from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.store.ledger import Device, LedgerStore, User

SESSION_LIFETIME = timedelta(hours=10)
MIN_PASSWORD = 10


class Role(enum.StrEnum):
    ATTORNEY = "attorney"
    BILLING = "billing"
    ADMIN = "admin"


class Right(enum.StrEnum):
    APPROVE = "approve"
    BILL = "bill"
    """finalise, send, void, adjust, payments, credits, refunds, trust, reminders, clients, rates"""
    PEOPLE = "people"


RIGHTS = {
    Role.ATTORNEY: frozenset({Right.APPROVE}),
    Role.BILLING: frozenset({Right.APPROVE, Right.BILL}),
    Role.ADMIN: frozenset({Right.APPROVE, Right.BILL, Right.PEOPLE}),
}


class AccountError(LedgerwatchError):
    """A request about people or sign-in that cannot be done as asked."""


class AccessDenied(AccountError):
    """The signed-in person (or device) may not do this."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: a signed-in person, or the command line on the ledger's own machine ('cli:<login>')."""

    user_id: int | None
    login: str
    role: Role
    timekeeper: str | None = None

    def may(self, right: Right) -> bool:
        return right in RIGHTS[self.role]

    def require(self, right: Right) -> None:
        if not self.may(right):
            raise AccessDenied(f"{self.login} ({self.role}) may not {right.value}")


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _hasher():  # type: ignore[no-untyped-def]
    try:
        from argon2 import PasswordHasher
    except ImportError as exc:  # pragma: no cover - the firm extra installs it
        raise AccountError("passwords need argon2-cffi: install ledgerwatch[firm]") from exc
    return PasswordHasher()


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    return str(_hasher().hash(password))


def check_password(stored: str | None, password: str) -> bool:
    if not stored:
        return False
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(stored, password))
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True, slots=True)
class SignedIn:
    actor: Actor
    token: str
    """the session cookie's value"""
    csrf: str


class Accounts:
    """People, their sessions and their agents' device tokens, over the ledger's store."""

    def __init__(self, store: LedgerStore, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def add_user(
        self, login: str, name: str, role: Role, timekeeper: str | None = None, password: str | None = None
    ) -> User:
        login = login.strip().lower()
        if not login or not login.replace(".", "").replace("-", "").replace("_", "").isalnum():
            raise AccountError(f"a login is letters, digits, '.', '-' or '_' (got {login!r})")
        if role is Role.ATTORNEY and not timekeeper:
            raise AccountError("an attorney's account needs the timekeeper id their time is billed under")
        hashed = hash_password(password) if password is not None else None
        with self.store.write() as tx:
            if tx.people.by_login(login) is not None:
                raise AccountError(f"there is already a user {login!r}")
            user_id = tx.people.add_user(login, name, role.value, timekeeper, hashed, self.clock())
            found = tx.people.user(user_id)
        assert found is not None
        return found

    def user(self, login: str) -> User:
        with self.store.read() as tx:
            found = tx.people.by_login(login.strip().lower())
        if found is None:
            raise AccountError(f"no user {login!r}")
        return found

    def users(self) -> list[User]:
        with self.store.read() as tx:
            return tx.people.users()

    def set_password(self, login: str, password: str) -> None:
        user = self.user(login)
        hashed = hash_password(password)
        with self.store.write() as tx:
            tx.people.set_password(user.id, hashed)
            tx.people.end_sessions_of(user.id)

    def set_active(self, login: str, active: bool) -> None:
        user = self.user(login)
        with self.store.write() as tx:
            tx.people.set_active(user.id, active)
            if not active:
                tx.people.end_sessions_of(user.id)

    # --- sign-in ---

    def sign_in(self, login: str, password: str) -> SignedIn:
        """A new session for the right password; the same message for any failure (no user enumeration)."""
        with self.store.read() as tx:
            user = tx.people.by_login(login.strip().lower())
        if user is None or not user.active or not check_password(user.password_hash, password):
            raise AccessDenied("wrong login or password")
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(16)
        with self.store.write() as tx:
            tx.people.add_session(digest(token), user.id, csrf, self.clock() + SESSION_LIFETIME)
        return SignedIn(actor_of(user), token, csrf)

    def session(self, token: str) -> SignedIn | None:
        if not token:
            return None
        with self.store.read() as tx:
            found = tx.people.session(digest(token), self.clock())
            user = tx.people.user(found.user_id) if found else None
        if found is None or user is None or not user.active:
            return None
        return SignedIn(actor_of(user), token, found.csrf)

    def sign_out(self, token: str) -> None:
        with self.store.write() as tx:
            tx.people.end_session(digest(token))

    # --- devices ---

    def add_device(self, login: str, name: str) -> tuple[Device, str]:
        """A new token for one of the user's machines: (the device, the token, shown this once)."""
        user = self.user(login)
        if not user.timekeeper_id:
            raise AccountError(f"{login} has no timekeeper id: only timekeepers' agents send time")
        token = "lwd_" + secrets.token_urlsafe(32)
        with self.store.write() as tx:
            device_id = tx.people.add_device(user.id, name.strip() or "agent", digest(token), self.clock())
            device = next(d for d in tx.people.devices(user.id) if d.id == device_id)
        return device, token

    def devices(self, login: str | None = None) -> list[Device]:
        user_id = self.user(login).id if login else None
        with self.store.read() as tx:
            return tx.people.devices(user_id)

    def revoke_device(self, device_id: int) -> None:
        with self.store.write() as tx:
            if not tx.people.revoke_device(device_id, self.clock()):
                raise AccountError(f"no device {device_id} with a live token")

    def device(self, token: str) -> tuple[Device, User] | None:
        """The device and its user for a live token (None: unknown, revoked, or the user is disabled)."""
        with self.store.read() as tx:
            device = tx.people.device_by_token(digest(token))
            user = tx.people.user(device.user_id) if device else None
        if device is None or device.revoked_ms is not None or user is None or not user.active:
            return None
        return device, user


def actor_of(user: User) -> Actor:
    return Actor(user.id, user.login, Role(user.role), user.timekeeper_id)


def command_line(login: str = "admin") -> Actor:
    """The ledger's own command line: whoever can run it on the ledger's machine administers the ledger."""
    return Actor(None, f"cli:{login}", Role.ADMIN)


def cutoff(now: datetime) -> datetime:
    return now - SESSION_LIFETIME
