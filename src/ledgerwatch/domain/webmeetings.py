"""A browser tab that is a meeting in progress, known by its address whatever its title says: Google Meet,
Zoom's web client, Teams on the web, Webex in the browser. Capture marks it a call; the reader reads it as one."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

WEB_CALL_HOSTS = {
    "meet.google.com": "Google Meet",
    "teams.microsoft.com": "Microsoft Teams",
    "teams.live.com": "Microsoft Teams",
    "app.zoom.us": "Zoom",
    "zoom.us": "Zoom",
    "webex.com": "Webex",
}
"""conferencing hosts (and their subdomains: a firm's "acme.zoom.us", "acme.webex.com") -> the service"""
_MEET_CODE = re.compile(r"[a-z]{3}-[a-z]{4}-[a-z]{3}")


def web_meeting(url: str | None) -> str | None:
    """The service of a URL that is a meeting in progress (Meet's "abc-defg-hij", Zoom's web client "/wc/" and
    join links, a Teams "meetup-join" or call, a Webex room or web meeting), else None: a service's home,
    calendar or chat page is no call."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    service = WEB_CALL_HOSTS.get(host) or next(
        (name for known, name in WEB_CALL_HOSTS.items() if host.endswith("." + known)), None
    )
    if service is None:
        return None
    path = parts.path.strip("/")
    if host == "meet.google.com":
        meeting = _MEET_CODE.fullmatch(path) is not None
    elif service == "Zoom":
        meeting = path.startswith(("wc/", "j/", "s/"))
    elif service == "Webex":
        meeting = path.startswith(("meet/", "wbxmjs/"))
    else:
        meeting = "meetup-join" in path or "/call" in path or "light-meetings" in path
    return service if meeting else None
