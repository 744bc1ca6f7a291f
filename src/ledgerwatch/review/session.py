"""Who may use the review page: a per-launch host name, one-time launch codes, and the sessions they open.

Cookies are not scoped by port, and a browser treats every port of 127.0.0.1 as one site, so a session cookie
set for 127.0.0.1 reaches any other program's page on 127.0.0.1 (which can replay it). Each server therefore
answers only on a host name of its own, `lw-<128 random bits>.localhost` (browsers resolve every name under
`localhost` to this computer, without DNS), and its session cookie is host-only for that name: no page on
another port or host ever receives it, and the name itself is as secret as the cookie (never printed, logged
or put on a command line).

The browser gets in with a launch code: an expiry a few seconds ahead, a nonce and their HMAC under the
server's launch key. Any process holding the key (the server, or `ledgerwatch review` reading the running
agent's private `review.json`) can mint one; the server takes each code once, before it expires, and trades
it for a random session secret held in an HttpOnly, SameSite=Strict cookie. The CSRF token is random too,
not derived from anything the cookie carries.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from urllib.parse import urlencode

CODE_SECONDS = 30
"""how long a launch code is good for: long enough for a cold browser start, short enough to be useless later"""
MAX_SESSIONS = 64
"""the most sessions one server keeps (the oldest goes first)"""
COOKIE = "lw_session"
LAUNCH_PATH = "/launch"


def new_host() -> str:
    """A fresh per-launch host name under localhost."""
    return f"lw-{secrets.token_hex(16)}.localhost"


def mint_code(key: bytes, now: float, seconds: int = CODE_SECONDS) -> str:
    """A one-time launch code good for seconds from now (anyone holding key can mint one)."""
    body = f"{int(now) + seconds}.{secrets.token_urlsafe(12)}"
    return f"{body}.{_mac(key, body)}"


def launch_link(base: str, key: bytes, path: str = "/", now: float | None = None) -> str:
    """The address that logs a browser in and lands it on path: base/launch?code=...&next=path."""
    code = mint_code(key, time.time() if now is None else now)
    return f"{base}{LAUNCH_PATH}?{urlencode({'code': code, 'next': local_path(path)})}"


def read_code(key: bytes, code: str, now: float, seconds: int = CODE_SECONDS) -> tuple[int, str] | None:
    """A code's expiry and nonce when key made it and it is still good at now; None for anything else.

    This does not spend the code: only the server that trades it for a session (Access.redeem) does.
    """
    parts = code.split(".")
    if len(parts) != 3 or not parts[0].isdigit():
        return None
    expires, nonce, mac = int(parts[0]), parts[1], parts[2]
    if not hmac.compare_digest(mac, _mac(key, f"{parts[0]}.{nonce}")):
        return None
    if not now <= expires <= now + seconds + 1:
        return None
    return expires, nonce


def local_path(path: str) -> str:
    """path when it is a path on this server, else "/" (no open redirect through next=)."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


def _mac(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode("ascii"), hashlib.sha256).hexdigest()


def _digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode("utf-8", "replace")).digest()


class Access:
    """What one review server admits: its host name, its launch key, the sessions opened, the CSRF token.

    clock is wall time in seconds (time.time); tests hand in their own to expire codes without waiting.
    """

    def __init__(
        self,
        host: str | None = None,
        key: bytes | None = None,
        clock: Callable[[], float] = time.time,
        code_seconds: int = CODE_SECONDS,
    ) -> None:
        self.host = (host or new_host()).lower()
        self.key = key or secrets.token_bytes(32)
        self.csrf = secrets.token_urlsafe(32)
        self.clock = clock
        self.code_seconds = code_seconds
        self._sessions: dict[bytes, float] = {}
        self._spent: dict[str, float] = {}
        self._lock = threading.Lock()

    def code(self) -> str:
        """A fresh one-time launch code."""
        return mint_code(self.key, self.clock(), self.code_seconds)

    def link(self, path: str = "/") -> str:
        """The launch path with a fresh code, landing on path (to put after this server's base address)."""
        return launch_link("", self.key, path, self.clock())

    def redeem(self, code: str) -> str | None:
        """A new session secret for a good, unexpired, unused code; None for anything else."""
        now = self.clock()
        good = read_code(self.key, code, now, self.code_seconds)
        if good is None:
            return None
        expires, nonce = good
        with self._lock:
            self._spent = {n: t for n, t in self._spent.items() if t >= now}
            if nonce in self._spent:
                return None
            self._spent[nonce] = expires
            secret = secrets.token_urlsafe(32)
            self._sessions[_digest(secret)] = now
            while len(self._sessions) > MAX_SESSIONS:
                del self._sessions[next(iter(self._sessions))]
        return secret

    def admits(self, secret: str) -> bool:
        """Whether secret is one of this server's sessions."""
        if not secret:
            return False
        with self._lock:
            return _digest(secret) in self._sessions
