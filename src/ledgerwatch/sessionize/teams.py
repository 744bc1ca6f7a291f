"""Who works on which of a client's matters, learned from the range's calendar.

A client with several matters often has a different team on each: the general counsel on the licence, the
HR director on the employee's separation. An invitation whose own words name one matter ("Touch base" whose
notes are the separation agreement) says its client-side attendees are that matter's people; a later call
titled only with the client's name ("Northwind - next steps") with those people is then that matter's.

Only where the client's teams are seen apart: two or more of its matters have people of their own, and
nobody appears on two of them, on the calendar or as a listed contact. An insurer's adjuster on every suit, or
an employer's HR lead on each charge and on the handbook, teaches nothing, and those calls are still asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ledgerwatch.domain.text import ADDRESS
from ledgerwatch.sessionize.matching import MatterIndex


@dataclass(frozen=True, slots=True)
class Teams:
    """What the range's invitations say of who works on which of a client's matters (see learn_teams)."""

    members: Mapping[str, int] = field(default_factory=dict)
    """address -> the one matter of its client it is seen on, where the client's teams are seen apart"""
    one_seen: Mapping[frozenset[int], tuple[int, frozenset[str]]] = field(default_factory=dict)
    """a client of two matters (its matter indexes) -> the one of them whose people are seen, and who they are"""


def learn_teams(events: Iterable[tuple[str, Iterable[str]]], index: MatterIndex) -> Teams:
    """Who works on which of a client's matters.

    events are (the event's own words: summary, notes, location; its attendees' addresses or "Name
    <address>"). An event counts when its words choose one matter outright (not by a small lead over the
    client's other matters); an attendee counts when its address belongs to that matter's client (its
    domain or a listed contact), so the firm's own people and outsiders never join a team."""
    seen: dict[str, set[int]] = {}
    clients: dict[str, frozenset[int]] = {}
    for words, invited in events:
        attendees = [address for address in map(_address, invited) if address]
        # the attendees' domain names the client, the words its matter
        scores = index.score(words, *attendees)
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
    members: dict[str, int] = {}
    one_seen: dict[frozenset[int], tuple[int, frozenset[str]]] = {}
    listed = [{feature.matter for feature in features} for features in index.contacts.values()]
    for matters_of_client, people in by_client.items():
        if any(len(matters) > 1 for matters in people.values()):
            continue  # someone works on two of the client's matters: its people are shared
        if any(len(matters & matters_of_client) > 1 for matters in listed):
            continue  # the matter list names someone a contact of two of them: shared too, whoever was invited
        found = {m for matters in people.values() for m in matters}
        if len(found) >= 2:
            members.update((address, next(iter(matters))) for address, matters in people.items())
        elif len(matters_of_client) == 2:
            one_seen[matters_of_client] = (found.pop(), frozenset(people))
    return Teams(members, one_seen)


def team_of(teams: Teams, attendees: Iterable[str], between: Iterable[int]) -> tuple[int, str] | None:
    """The one matter among between (a client's matters) the attendees work on, and why; None when none of
    them is known or they are on different matters.

    Where only one of a client's two matters was seen with its people, the client's people who are none of
    them are the other matter's ("Northwind - next steps" with the HR director, when the licence's meetings
    are held with the general counsel and the CTO)."""
    allowed = set(between)
    found: tuple[int, str] | None = None
    addresses = [address for address in map(_address, attendees) if address]
    for address in addresses:
        matter = teams.members.get(address)
        if matter is None:
            continue
        if matter not in allowed or (found is not None and found[0] != matter):
            return None
        found = found or (matter, f"{address} works on this matter")
    if found is not None:
        return found
    one = teams.one_seen.get(frozenset(allowed))
    if one is None:
        return None
    seen, people = one
    domains = {address.rpartition("@")[2] for address in people}
    theirs = [address for address in addresses if address.rpartition("@")[2] in domains]
    if not theirs or any(address in people for address in theirs):
        return None
    (other,) = allowed - {seen}
    return other, f"{theirs[0]} is not among the people of the client's other matter"


def _address(attendee: str) -> str:
    """The address in an attendee (see ADDRESS), in lower case; "" when there is none."""
    found = ADDRESS.search(attendee)
    return found.group(0).lower() if found else ""
