"""Privacy filters applied before anything reaches the sink: exclusions and redaction.

SSNs and payment card numbers are always redacted by the domain's rule (the same one every importer applies);
the settings' redactions are the firm's extra patterns.
"""

from __future__ import annotations

import ntpath
import posixpath
import re
from dataclasses import dataclass

from ledgerwatch.capture.settings import CaptureSettings, Redaction
from ledgerwatch.domain.sensitive import luhn_valid, redact_sensitive
from ledgerwatch.domain.text import url_host

__all__ = ["Privacy", "executable_name", "luhn_valid"]


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: Redaction
    regex: re.Pattern[str]

    def apply(self, text: str) -> str:
        if not self.rule.luhn:
            return self.regex.sub(self.rule.replacement, text)

        def replace(match: re.Match[str]) -> str:
            digits = re.sub(r"\D", "", match.group(0))
            return self.rule.replacement if luhn_valid(digits) else match.group(0)

        return self.regex.sub(replace, text)


def executable_name(executable: str | None) -> str:
    """The file name of an executable path without .exe, lower-case."""
    if not executable:
        return ""
    name = ntpath.basename(posixpath.basename(executable)).lower()
    return name.removesuffix(".exe")


class Privacy:
    """Compiled exclusion and redaction rules from CaptureSettings."""

    def __init__(self, settings: CaptureSettings) -> None:
        self.apps = frozenset(a.lower().removesuffix(".exe") for a in settings.excluded_apps)
        self.titles = tuple(re.compile(p, re.IGNORECASE) for p in settings.excluded_titles)
        self.domains = tuple(d.lower().lstrip(".") for d in settings.excluded_domains)
        self.redactions = tuple(_Compiled(r, re.compile(r.pattern)) for r in settings.redactions)

    def excluded(self, app: str, executable: str | None, title: str, url: str | None) -> bool:
        """True when the window matches an excluded application, title pattern or URL domain."""
        if self.apps and (
            app.lower().removesuffix(".exe") in self.apps or executable_name(executable) in self.apps
        ):
            return True
        if any(rx.search(title) for rx in self.titles):
            return True
        host = url_host(url)
        return bool(host) and any(host == d or host.endswith("." + d) for d in self.domains)

    def redact(self, text: str) -> str:
        """text with SSNs and card numbers, then every configured pattern, replaced."""
        text = redact_sensitive(text)
        for rule in self.redactions:
            text = rule.apply(text)
        return text

    def redact_optional(self, text: str | None) -> str | None:
        return None if text is None else self.redact(text)
