"""How a setting may be shown: a secret as "set" or "not set", a password or key inside an address masked.

Everything that shows settings (`ledgerwatch config show`, the review page's settings rows, messages after a
change) goes through `display_value`, so a secret is never rendered, logged or printed.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import BaseModel

from ledgerwatch.config.model import Settings

MASK = "***"
SENSITIVE_QUERY = ("key", "token", "secret", "password", "passwd", "pwd", "signature", "sig", "auth")
"""query parameters whose values are masked in a shown address (api_key, access_token, sslpassword, ...)"""


def field_extra(dotted: str) -> dict[str, Any]:
    """What the settings model says about a key beyond its type: unit, secret, url (empty when nothing)."""
    model: type[BaseModel] = Settings
    *sections, leaf = dotted.split(".")
    for name in sections:
        annotation = model.model_fields[name].annotation
        assert isinstance(annotation, type) and issubclass(annotation, BaseModel)
        model = annotation
    extra = model.model_fields[leaf].json_schema_extra
    return dict(extra) if isinstance(extra, dict) else {}


def is_secret(dotted: str) -> bool:
    return bool(field_extra(dotted).get("secret"))


def display_value(dotted: str, value: Any) -> Any:
    """value as it may be shown: "set"/"not set" for a secret, an address without its password or keys."""
    extra = field_extra(dotted)
    if extra.get("secret"):
        return "set" if value else "not set"
    if extra.get("url") and isinstance(value, str) and value:
        return mask_url(value)
    return value


def mask_url(text: str) -> str:
    """An address with the password of its user part and the values of key-like query parameters masked."""
    try:
        parts = urlsplit(text)
        password = parts.password
        port = parts.port
    except ValueError:
        return MASK
    netloc = parts.netloc
    if password is not None:
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        user = parts.username or ""
        netloc = f"{user}:{MASK}@{host}" + (f":{port}" if port is not None else "")
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode(
            [(k, MASK if any(word in k.lower() for word in SENSITIVE_QUERY) else v) for k, v in pairs],
            safe="*",
        )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
