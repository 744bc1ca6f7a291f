"""What every provider adapter shares: an Api over the injected client that speaks the provider's statuses
through one StatusClassifier, and OAuth refresh and revocation. A subclass adds only its provider's JSON and URLs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import httpx

from ledgerwatch.sync import oauth
from ledgerwatch.sync.connector import TokenSet
from ledgerwatch.sync.http import Api, Pacer, StatusClassifier
from ledgerwatch.sync.settings import ProviderSettings


def text_of(value: Any) -> str:
    """A text field of a provider's JSON, stripped; anything else (missing, null, a number, a list) is no text."""
    return value.strip() if isinstance(value, str) else ""


class HttpConnector:
    """The constructor and token calls of a Connector; `provider` and `statuses` are set by each subclass."""

    provider: str
    statuses: ClassVar[StatusClassifier]
    headers: ClassVar[dict[str, str]] = {}
    """sent with every API request (Clio pins its API version)"""
    revoke_with_bearer: ClassVar[bool] = False
    """the revocation endpoint wants the access token as the Bearer credential (Clio), not only as `token`"""

    def __init__(
        self,
        client: httpx.Client,
        settings: ProviderSettings,
        token: Callable[[], str],
        pacer: Pacer | None = None,
    ) -> None:
        self.client = client
        self.settings = settings
        self.api = Api(client, settings.api_base, token, self.statuses, pacer, settings.timeout, self.headers)

    def refresh_token(self, refresh_token: str) -> TokenSet:
        return oauth.refresh(self.client, self.settings, refresh_token, self.api.now())

    def revoke(self, token: str) -> None:
        """Ask the provider to forget the grant; raises a SyncError saying why when it did not."""
        oauth.revoke(self.client, self.settings, token, bearer=self.revoke_with_bearer).check()
