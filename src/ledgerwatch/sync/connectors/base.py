"""What every provider adapter shares: an Api over the injected client that speaks the provider's statuses
through one StatusClassifier, and OAuth refresh and revocation. A subclass adds only its provider's JSON and URLs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import httpx

from ledgerwatch.sync import oauth
from ledgerwatch.sync.connector import TokenSet
from ledgerwatch.sync.http import Api, Pacer, StatusClassifier
from ledgerwatch.sync.settings import ProviderSettings


class HttpConnector:
    """The constructor and token calls of a Connector; `provider` and `statuses` are set by each subclass."""

    provider: str
    statuses: ClassVar[StatusClassifier]

    def __init__(
        self,
        client: httpx.Client,
        settings: ProviderSettings,
        token: Callable[[], str],
        pacer: Pacer | None = None,
    ) -> None:
        self.client = client
        self.settings = settings
        self.api = Api(client, settings.api_base, token, self.statuses, pacer, settings.timeout)

    def refresh_token(self, refresh_token: str) -> TokenSet:
        return oauth.refresh(self.client, self.settings, refresh_token, self.api.now())

    def revoke(self, token: str) -> None:
        oauth.revoke(self.client, self.settings, token)
