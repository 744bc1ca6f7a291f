"""Token storage: only the OS keyring (service "ledgerwatch", username = provider), never the database or files.

`keyrings.alt` (plaintext files) must stay out of runtime dependencies; a missing keyring is an error the
user sees, not a silent fallback.

Rotating providers (MyCase, PracticePanther) answer a refresh with a new refresh token and retire the old
one. `rotate` keeps the connection through a kill at any step: the new tokens are in the keyring, and read
back from it, before the new access token is used for anything; until then the old ones are what is stored.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.sync.connector import TokenSet
from ledgerwatch.sync.errors import AuthExpired

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "ledgerwatch"


class TokenStore(Protocol):
    def load(self, provider: str) -> TokenSet | None: ...

    def save(self, provider: str, tokens: TokenSet) -> None: ...

    def delete(self, provider: str) -> None: ...


class KeyringUnavailable(LedgerwatchError, RuntimeError):
    """No usable OS keyring (SecretService, Keychain, Credential Manager) is available."""


def rotate(
    store: TokenStore, provider: str, current: TokenSet, exchange: Callable[[str], TokenSet]
) -> TokenSet:
    """New tokens for current's refresh token, stored in the keyring before anyone may use them.

    exchange trades a refresh token at the provider. Its answer is saved and read back; only tokens the
    keyring holds are returned (one that did not keep them raises KeyringUnavailable, and nothing new is
    used). When the provider refuses our refresh token because another process (the agent, a `sync push`)
    already rotated it, the keyring holds that process's newer tokens, and those are returned instead.
    """
    if not current.refresh_token:
        raise AuthExpired(f"{provider}: the access token expired and there is no refresh token; reconnect")
    try:
        fresh = exchange(current.refresh_token)
    except AuthExpired:
        stored = store.load(provider)
        if stored is not None and stored.refresh_token not in (None, current.refresh_token):
            return stored
        raise
    store.save(provider, fresh)
    if store.load(provider) != fresh:
        raise KeyringUnavailable(
            f"{provider}: the OS keyring did not keep the new tokens; unlock it and sync again"
        )
    return fresh


def encode(tokens: TokenSet) -> str:
    return json.dumps(
        {
            "access_token": tokens.access_token,
            "refresh_token": tokens.refresh_token,
            "expires_at": tokens.expires_at.isoformat() if tokens.expires_at else None,
        }
    )


def decode(text: str) -> TokenSet:
    data = json.loads(text)
    expires = data.get("expires_at")
    return TokenSet(
        data["access_token"], data.get("refresh_token"), datetime.fromisoformat(expires) if expires else None
    )


class KeyringTokenStore:
    """Tokens in the OS keyring through the `keyring` package."""

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service

    def _keyring(self) -> KeyringBackend:
        """The OS keyring in use; imported here so that loading settings never probes for one."""
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            raise KeyringUnavailable(
                "no OS keyring is available to hold the provider's tokens "
                "(on Linux start a SecretService such as gnome-keyring)"
            )
        return backend

    def load(self, provider: str) -> TokenSet | None:
        text = self._keyring().get_password(self.service, provider)
        return decode(text) if text else None

    def save(self, provider: str, tokens: TokenSet) -> None:
        self._keyring().set_password(self.service, provider, encode(tokens))

    def delete(self, provider: str) -> None:
        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self._keyring().delete_password(self.service, provider)
