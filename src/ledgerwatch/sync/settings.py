"""Where each provider lives: API and OAuth base URLs (regions, firm proxies, tests) and client credentials.

Every URL is a setting; `provider_settings` gives the public defaults and config.py may override any field.
"""

from __future__ import annotations

from dataclasses import dataclass

PROVIDERS = ("clio", "mycase", "practicepanther")
REDIRECT_PORT = 47820
"""the loopback port of the OAuth redirect, http://127.0.0.1:47820/callback: providers compare the redirect URI
with the one registered for the firm's client id exactly, so the port is fixed (docs/deploying.md)"""
CLIO_REGIONS = {
    "US": "https://app.clio.com",
    "EU": "https://eu.app.clio.com",
    "CA": "https://ca.app.clio.com",
    "AU": "https://au.app.clio.com",
}


@dataclass(frozen=True, slots=True)
class ProviderSettings:
    provider: str
    api_base: str
    """e.g. https://app.clio.com/api/v4 (no trailing slash)"""
    authorize_url: str
    token_url: str
    revoke_url: str = ""
    client_id: str = ""
    client_secret: str = ""
    scopes: tuple[str, ...] = ()
    pkce: bool = True
    token_body: str = "form"
    """how the token endpoint wants its parameters: form or json"""
    region: str = ""
    page_size: int = 200
    page_cap: int = 1000
    """pages read from one list at most before it counts as a paging error (sync.paging)"""
    rate_limit: tuple[int, float] | None = None
    """the provider's documented allowance: (requests, seconds), paced on this side (sync.http.Pacer)"""
    timeout: float = 30.0
    """seconds before a request counts as timed out (its outcome is then unknown)"""
    redirect_port: int = REDIRECT_PORT
    """loopback port of the OAuth redirect, registered with the provider; 0 picks a free one (only for a
    provider that accepts any loopback port)"""
    proxy: str = ""
    """"" the system's proxy, "direct" none, or a proxy URL (sync.http.client_options)"""
    system_trust_store: bool = True


def provider_settings(provider: str, region: str = "US", **overrides: object) -> ProviderSettings:
    """Public defaults for provider (Clio by region: US, EU, CA, AU), with overrides applied."""
    if provider == "clio":
        region = region.upper()
        if region not in CLIO_REGIONS:
            raise ValueError(f"unknown Clio region {region!r}; choose one of {', '.join(CLIO_REGIONS)}")
        host = CLIO_REGIONS[region]
        base = ProviderSettings(
            provider="clio",
            api_base=f"{host}/api/v4",
            authorize_url=f"{host}/oauth/authorize",
            token_url=f"{host}/oauth/token",
            revoke_url=f"{host}/oauth/deauthorize",
            pkce=False,
            region=region,
            rate_limit=(50, 60.0),
        )
    elif provider == "mycase":
        base = ProviderSettings(
            provider="mycase",
            api_base="https://external-integrations.mycase.com/v1",
            authorize_url="https://auth.mycase.com/login_sessions/new",
            token_url="https://auth.mycase.com/tokens",
            token_body="form",
            page_size=100,
            rate_limit=(25, 1.0),
        )
    elif provider == "practicepanther":
        base = ProviderSettings(
            provider="practicepanther",
            api_base="https://app.practicepanther.com/api/v2",
            authorize_url="https://app.practicepanther.com/oauth/authorize",
            token_url="https://app.practicepanther.com/oauth/token",
            pkce=False,
            page_size=100,
            rate_limit=(300, 300.0),
        )
    else:
        raise ValueError(f"unknown provider {provider!r}; choose one of {', '.join(PROVIDERS)}")
    return _replace(base, overrides)


def _replace(base: ProviderSettings, overrides: dict[str, object]) -> ProviderSettings:
    import dataclasses

    return dataclasses.replace(base, **overrides)  # type: ignore[arg-type]
