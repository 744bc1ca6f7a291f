"""Token storage: only the OS keyring (service "ledgerwatch", username = provider), never the database or files.

`keyrings.alt` (plaintext files) must stay out of runtime dependencies; a missing keyring is an error the
user sees, not a silent fallback.
"""

from __future__ import annotations

import contextlib
import json
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.sync.connector import TokenSet

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "ledgerwatch"


class TokenStore(Protocol):
    def load(self, provider: str) -> TokenSet | None: ...

    def save(self, provider: str, tokens: TokenSet) -> None: ...

    def delete(self, provider: str) -> None: ...


class KeyringUnavailable(LedgerwatchError, RuntimeError):
    """No usable OS keyring (SecretService, Keychain, Credential Manager) is available."""


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
