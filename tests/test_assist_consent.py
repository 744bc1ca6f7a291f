"""Per-client consent and what counts as on the machine."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledgerwatch.assist.consent import ConsentRecord, ConsentRegistry, Purpose, is_local
from ledgerwatch.domain import Client

AT = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://localhost:11434/v1",
        "http://LOCALHOST./v1",
        "http://127.0.0.1:8080/v1",
        "http://127.8.9.10/v1",
        "http://[::1]:8080/v1",
        "http://[::ffff:127.0.0.1]:8080/v1",
    ],
)
def test_loopback_urls_name_this_machine(endpoint: str) -> None:
    """Loopback addresses and localhost name this machine (the connection then has to prove it)."""
    assert is_local(endpoint)


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://api.openai.com/v1",
        "https://myco.openai.azure.com/openai/deployments/gpt",
        "http://192.168.1.20:11434/v1",
        "http://10.0.0.5/v1",
        "http://localhost@evil.example/v1",
        "http://127.0.0.1.evil.example/v1",
        "http://localhost.evil.example/v1",
        "http://0.0.0.0:8080/v1",
        "ftp://localhost/v1",
        "unix:///run/llama.sock",
        "",
        "not a url",
    ],
)
def test_everything_else_is_remote(endpoint: str) -> None:
    """LAN hosts, look-alike hostnames and userinfo tricks are remote, not on the machine."""
    assert not is_local(endpoint)


def test_only_a_recorded_grant_is_consent() -> None:
    """A client granted consents; one never entered, or no client at all, does not."""
    registry = ConsentRegistry().grant("Acme Corp", AT)
    assert registry.consents("Acme Corp")
    assert not registry.consents("Globex LLC")
    assert not registry.consents(None)


def test_consent_is_looked_up_by_name_ignoring_case_and_spacing() -> None:
    """'ACME  corp' and Client('Acme Corp') are the same consenting client."""
    registry = ConsentRegistry().grant("Acme Corp", AT)
    assert registry.consents("ACME  corp")
    assert registry.consents(Client("Acme Corp"))


def test_revoking_consent_stops_remote_sending() -> None:
    """A withdrawn consent is a refusal, recorded with when and why."""
    registry = (
        ConsentRegistry().grant("Acme Corp", AT).revoke("acme corp", AT + timedelta(days=2), "client asked")
    )
    assert not registry.consents("Acme Corp")
    record = registry.get("Acme Corp")
    assert record is not None and record.note == "client asked" and not record.granted
    assert len(registry.records) == 1


def test_consent_covers_only_its_scope() -> None:
    """Consent to matter suggestions is not consent to narrative rewrites."""
    registry = ConsentRegistry().grant("Acme Corp", AT, scope={Purpose.SUGGEST_MATTER})
    assert registry.consents("Acme Corp", Purpose.SUGGEST_MATTER)
    assert not registry.consents("Acme Corp", Purpose.REWRITE_NARRATIVE)


def test_registry_operations_return_new_values() -> None:
    """grant() leaves the registry it was called on unchanged."""
    empty = ConsentRegistry()
    empty.grant("Acme Corp", AT)
    assert empty.records == ()


def test_consent_times_are_utc_and_naive_times_are_refused() -> None:
    """A consent time in another zone is stored as UTC; a naive time is a programmer error."""
    record = ConsentRecord(True, granted_at=datetime(2025, 3, 3, 10, 0, tzinfo=timezone(timedelta(hours=1))))
    assert record.granted_at == AT
    with pytest.raises(ValueError):
        ConsentRecord(True, granted_at=datetime(2025, 3, 3, 10, 0))


def test_json_round_trip_and_empty_text() -> None:
    """from_json(to_json(r)) == r; an empty stored value is an empty registry."""
    registry = (
        ConsentRegistry()
        .grant("Acme Corp", AT, note="engagement letter 2025-02")
        .grant("Jane Roe", AT, scope={Purpose.REWRITE_NARRATIVE})
        .revoke("Globex LLC", AT)
    )
    assert ConsentRegistry.from_json(registry.to_json()) == registry
    assert ConsentRegistry.from_json("") == ConsentRegistry()


names = st.text(st.characters(categories=("L", "N", "Zs", "P")), min_size=1, max_size=30).filter(str.strip)


@given(
    st.lists(
        st.tuples(names, st.booleans(), st.sets(st.sampled_from(list(Purpose))), st.text(max_size=20)),
        max_size=6,
    )
)
def test_any_registry_survives_json(rows: list[tuple[str, bool, set[Purpose], str]]) -> None:
    """Whatever is recorded comes back from JSON exactly (the lead persists it in the kv table)."""
    registry = ConsentRegistry()
    for name, granted, scope, note in rows:
        registry = registry.set(name, ConsentRecord(granted, frozenset(scope), AT, note))
    assert ConsentRegistry.from_json(registry.to_json()) == registry
