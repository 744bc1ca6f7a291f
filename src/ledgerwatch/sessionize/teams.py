"""Who works on which of a client's matters, learned from the range's calendar.

A client with several matters often has a different team on each: the general counsel on the licence, the
HR director on the employee's separation. An invitation whose own words name one matter ("Touch base" whose
notes are the separation agreement) says its client-side attendees are that matter's people; a later call
titled only with the client's name ("Northwind - next steps") with those people is then that matter's.

Only where the client's teams are seen apart: two or more of its matters have people of their own, and
nobody appears on two of them. An insurer's adjuster on every suit, or an employer's HR lead on each charge
and on the handbook, teaches nothing, and those calls are still asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ledgerwatch.sessionize.matching import MatterIndex

_ADDRESS_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.+-_@")


def learn_teams(events: Iterable[tuple[str, Iterable[str]]], index: MatterIndex) -> Mapping[str, int]:
    """address (lower case) -> the matter index whose events alone it attends.

    events are (the event's own words: summary, notes, location; its attendees' addresses or "Name
    <address>"). An event counts when its words choose one matter outright (not by a small lead over the
    client's other matters); an attendee counts when its address belongs to that matter's client (its
    domain or a listed contact), so the firm's own people and outsiders never join a team."""
    seen: dict[str, set[int]] = {}
    clients: dict[str, frozenset[int]] = {}
    for words, invited in events:
        attendees = [address for address in map(_address, invited) if address]
        scores = index.score(
            words, *attendees
        )  # the attendees' domain names the client, the words its matter
        matter = scores.best
        if matter is None or scores.siblings or not index.same_client[matter]:
            continue  # no one matter, or a client of one matter (its domain already says which)
        client = {matter, *index.same_client[matter]}
        for address in attendees:
            if address not in clients:
                clients[address] = frozenset(m for m, _ in index.score(address).by_matter)
            if clients[address] >= client:
                seen.setdefault(address, set()).add(matter)
    by_client: dict[frozenset[int], dict[str, set[int]]] = {}
    for address, matters in seen.items():
        first = next(iter(matters))
        by_client.setdefault(frozenset({first, *index.same_client[first]}), {})[address] = matters
    teams: dict[str, int] = {}
    for members in by_client.values():
        if any(len(matters) > 1 for matters in members.values()):
            continue  # someone works on two of the client's matters: its people are shared
        if len({m for matters in members.values() for m in matters}) < 2:
            continue  # only one matter's people seen: nothing says the others have different ones
        teams.update((address, next(iter(matters))) for address, matters in members.items())
    return teams


def team_of(
    teams: Mapping[str, int], attendees: Iterable[str], between: Iterable[int]
) -> tuple[int, str] | None:
    """The one matter among between (a client's matters) whose people the attendees are, and an address that
    says so; None when none of them is known or they are on different matters."""
    allowed = set(between)
    found: tuple[int, str] | None = None
    for attendee in attendees:
        address = _address(attendee)
        matter = teams.get(address)
        if matter is None:
            continue
        if matter not in allowed or (found is not None and found[0] != matter):
            return None
        found = found or (matter, address)
    return found


def _address(attendee: str) -> str:
    """The address in "lw@arborlabs.com", "Liam Whitaker <lw@arborlabs.com>" or "mailto:lw@arborlabs.com"."""
    text = attendee.strip().lower()
    if "<" in text:
        text = text.rpartition("<")[2].rstrip(">")
    text = text.removeprefix("mailto:").strip()
    if text.count("@") != 1 or not set(text) <= _ADDRESS_CHARS:
        return ""
    return text
