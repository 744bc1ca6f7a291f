"""The assist beside the rules: suggestions, fallbacks, consent and redaction, asserted on the fake's request log."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
import pytest

from ledgerwatch.assist.client import ChatClient
from ledgerwatch.assist.consent import ConsentRegistry, Purpose
from ledgerwatch.assist.network import route
from ledgerwatch.assist.redact import Redactor
from ledgerwatch.assist.service import AI_SUGGESTION, Assistant
from ledgerwatch.assist.settings import AssistSettings
from ledgerwatch.domain import (
    Client,
    EntryKind,
    Evidence,
    Matter,
    MatterStatus,
    Problem,
    Span,
    TimeEntry,
    approve,
)
from tests.fakes.openai_compat import FakeOpenAI

REMOTE = "https://api.example.test/v1"
NOW = datetime(2025, 3, 3, 15, 0, tzinfo=UTC)

ACME = Client("Acme Corp", aliases=("Acme",), email_domains=("acme.example",))
GLOBEX = Client("Globex LLC", aliases=("Globex",), email_domains=("globex.example",))
ROE = Client("Jane Roe")
MATTERS = (
    Matter("ACM-001", ACME, "Supply agreement dispute", ("supply", "warehouse")),
    Matter("ACM-002", ACME, "Trademark registration", ("trademark",)),
    Matter("ACM-003", ACME, "Old lease", ("lease",), status=MatterStatus.CLOSED),
    Matter("GLX-007", GLOBEX, "Merger due diligence", ("merger", "diligence", "falcon")),
    Matter("ROE-100", ROE, "Estate planning", ("estate", "trust")),
)
GLOBEX_SECRETS = (
    "Globex",
    "GLX-007",
    "globex.example",
    "Falcon",
    "Project Falcon",
    "data room",
    "board minutes",
    "Merger due diligence",
)
PEOPLE = ("Carla Diaz", "John Smith")


def entry(
    id: str,
    matter: str | None,
    confidence: str,
    description: str,
    evidence: tuple[Evidence, ...] = (),
    kind: EntryKind = EntryKind.BILLABLE,
    problems: tuple[Problem, ...] = (),
) -> TimeEntry:
    start = datetime(2025, 3, 3, 14, 0, tzinfo=UTC)
    return TimeEntry(
        id=id,
        date=date(2025, 3, 3),
        spans=(Span(start, start.replace(minute=30)),),
        worked_seconds=1800,
        billed_hours=Decimal("0.5"),
        matter=matter,
        kind=kind,
        description=description,
        confidence=Decimal(confidence),
        reasons=("rules: window titles",),
        problems=problems,
        evidence=evidence,
    )


ACME_UNSURE = entry(
    "acme-unsure",
    "ACM-001",
    "0.30",
    "Reviewed filing draft",
    (
        Evidence("document", "Trademark application v3.docx", 900, "ACM-002"),
        Evidence(
            "email",
            "Re: filing, from carla.diaz@acme.example, call Carla Diaz 555-123-4567, SSN 123-45-6789",
            300,
            "ACM-001",
        ),
    ),
    problems=(Problem("low_confidence", "Low confidence (0.30) in the matter chosen."),),
)
GLOBEX_UNSURE = entry(
    "globex-unsure",
    "GLX-007",
    "0.20",
    "Reviewed data room for Project Falcon merger",
    (
        Evidence("document", "Falcon merger diligence index.xlsx", 900, "GLX-007"),
        Evidence("window", "Globex board minutes", 300, "GLX-007"),
    ),
)
UNASSIGNED = entry(
    "unassigned",
    None,
    "0",
    "Drafted memo on warehouse supply issues",
    (Evidence("window", "warehouse supply memo.docx", 1200),),
    kind=EntryKind.UNASSIGNED,
    problems=(Problem("no_matter", "No matter could be found for this time; assign it or discard it."),),
)
ACME_SURE = entry(
    "acme-sure",
    "ACM-001",
    "0.95",
    "Revised supply agreement",
    (Evidence("document", "Supply v4.docx", 1800, "ACM-001"),),
)
ACME_MENTIONS_GLOBEX = entry(
    "acme-mentions-globex",
    "ACM-002",
    "0.40",
    "Trademark conflict search against Globex marks",
    (Evidence("research", "USPTO trademark search", 1800, "ACM-002"),),
)
ACME_WITH_GLOBEX_EVIDENCE = entry(
    "acme-with-globex-evidence",
    "ACM-001",
    "0.40",
    "Reviewed supply documents",
    (
        Evidence("document", "Supply agreement.docx", 1200, "ACM-001"),
        Evidence("document", "Falcon merger diligence index.xlsx", 600, "GLX-007"),
    ),
)
PERSONAL = entry("personal", None, "0", "Dentist appointment", kind=EntryKind.PERSONAL)
DRAFTS = (
    ACME_UNSURE,
    GLOBEX_UNSURE,
    UNASSIGNED,
    ACME_SURE,
    ACME_MENTIONS_GLOBEX,
    ACME_WITH_GLOBEX_EVIDENCE,
    PERSONAL,
)

ACME_ONLY = (
    ConsentRegistry().grant("Acme Corp", NOW).revoke("Globex LLC", NOW, "declined in engagement letter")
)


def assistant(
    fake: FakeOpenAI,
    consent: ConsentRegistry = ACME_ONLY,
    base_url: str = REMOTE,
    http: httpx.Client | None = None,
    local: bool = False,
    **options: object,
) -> Assistant:
    settings = AssistSettings(
        enabled=True, base_url=base_url, model="gpt-test", timeout_seconds=0.3, **options
    )  # type: ignore[arg-type]
    client = ChatClient(
        settings,
        http or httpx.Client(transport=fake.transport()),
        key=lambda _url: "sk-test",
        clock=lambda: NOW,
        local=local,
    )
    return Assistant(client, consent, Redactor(names=PEOPLE), settings)


def by_id(entries: list[TimeEntry]) -> dict[str, TimeEntry]:
    return {e.id: e for e in entries}


def assert_nothing_of_globex(fake: FakeOpenAI) -> None:
    sent = fake.sent().casefold()
    for secret in GLOBEX_SECRETS:
        assert secret.casefold() not in sent, secret


# --- matter suggestions ---


def test_a_low_confidence_draft_gets_a_labelled_ai_matter() -> None:
    """Below the threshold the model's matter replaces the rules' one, labelled as an AI suggestion."""
    fake = FakeOpenAI()
    out = by_id(assistant(fake).suggest_matters(DRAFTS, MATTERS, Decimal("0.6")))
    suggested = out["acme-unsure"]
    assert suggested.matter == "ACM-002"
    assert suggested.ai_suggested
    assert suggested.reasons[0] == "rules: window titles"
    assert suggested.reasons[-1].startswith("AI suggestion (model gpt-test): ACM-002")
    assert [p.code for p in suggested.problems] == ["low_confidence", AI_SUGGESTION]
    assert suggested.status == ACME_UNSURE.status and suggested.version == ACME_UNSURE.version


def test_confident_personal_and_approved_drafts_are_not_asked_about() -> None:
    """At or above the threshold, personal time and approved entries: no request, returned as they were."""
    fake = FakeOpenAI()
    approved = approve(ACME_UNSURE, NOW)
    out = assistant(fake).suggest_matters([ACME_SURE, PERSONAL, approved], MATTERS, Decimal("0.6"))
    assert out == [ACME_SURE, PERSONAL, approved]
    assert fake.log == []


def test_candidates_are_open_matters_of_consenting_clients_only() -> None:
    """A remote request offers only open matters of clients that consented."""
    fake = FakeOpenAI()
    assistant(fake).suggest_matters([ACME_UNSURE], MATTERS, Decimal("0.6"))
    [logged] = fake.log
    prompt = json.loads(json.loads(logged.body)["messages"][-1]["content"])
    assert sorted(c["matter"] for c in prompt["candidates"]) == ["ACM-001", "ACM-002"]


@pytest.mark.parametrize(
    "mode", ["timeout", "429", "500", "malformed", "envelope", "schema", "unknown_matter"]
)
def test_every_failure_leaves_the_rules_answer(mode: str) -> None:
    """Timeouts, 429, 5xx, malformed JSON, wrong shapes and invented matters: drafts come back unchanged."""
    fake = FakeOpenAI(mode=mode)
    helper = assistant(fake)
    out = helper.suggest_matters(DRAFTS, MATTERS, Decimal("0.6"))
    assert out == list(DRAFTS)
    assert fake.log, "the endpoint was asked"


def test_a_declined_or_unsure_answer_leaves_the_rules_answer() -> None:
    """matter null, or a confidence below accept_confidence, changes nothing."""
    fake = FakeOpenAI()
    fake.confidence = 0.3
    assert assistant(fake).suggest_matters([ACME_UNSURE], MATTERS, Decimal("0.6")) == [ACME_UNSURE]
    nothing_fits = entry("x", "ACM-001", "0.1", "Lunch", (Evidence("window", "Calendar", 60, "ACM-001"),))
    assert assistant(FakeOpenAI()).suggest_matters([nothing_fits], MATTERS, Decimal("0.6")) == [nothing_fits]


def test_disabled_by_policy_makes_zero_requests() -> None:
    """IT switched it off: no request at all, every draft as it was."""
    fake = FakeOpenAI()
    helper = assistant(fake, consent=ConsentRegistry().grant("Globex LLC", NOW).grant("Acme Corp", NOW))
    off = Assistant(
        ChatClient(
            AssistSettings(enabled=False, base_url=REMOTE, model="m"),
            httpx.Client(transport=fake.transport()),
            key=lambda _u: "k",
        ),
        helper.consent,
        helper.redactor,
    )
    assert off.suggest_matters(DRAFTS, MATTERS, Decimal("0.6")) == list(DRAFTS)
    assert off.rewrite_narratives(DRAFTS, MATTERS) == list(DRAFTS)
    assert fake.log == []


def test_budget_exhausted_leaves_the_rest_to_the_rules() -> None:
    """With a budget of one request, one draft is suggested and the others stand."""
    fake = FakeOpenAI()
    local = "http://127.0.0.1:11434/v1"
    out = assistant(fake, base_url=local, local=True, daily_budget_requests=1).suggest_matters(
        DRAFTS, MATTERS, Decimal("0.6")
    )
    assert len(fake.log) == 1
    assert sum(e.ai_suggested for e in out) == 1


# --- consent ---


def test_a_client_without_consent_sends_nothing_to_a_remote_endpoint() -> None:
    """No request to a remote endpoint carries the non-consenting client's name, matters, narrative or evidence."""
    fake = FakeOpenAI()
    helper = assistant(fake)
    out = by_id(
        helper.suggest_matters(DRAFTS, MATTERS, Decimal("0.6")) + helper.rewrite_narratives(DRAFTS, MATTERS)
    )
    assert fake.log, "consenting clients' drafts were sent"
    assert_nothing_of_globex(fake)
    assert out["globex-unsure"] == GLOBEX_UNSURE
    outcomes = {(d.entry_id, d.purpose): d for d in helper.decisions}
    assert outcomes[("globex-unsure", Purpose.SUGGEST_MATTER)].outcome == "no_consent"
    assert not outcomes[("globex-unsure", Purpose.SUGGEST_MATTER)].sent
    assert outcomes[("acme-with-globex-evidence", Purpose.SUGGEST_MATTER)].sent, (
        "sent without Globex's evidence"
    )
    assert outcomes[("acme-mentions-globex", Purpose.SUGGEST_MATTER)].sent, "sent with Globex withheld"
    assert "[withheld] marks" in fake.sent()


def test_time_with_no_matter_goes_remote_only_when_every_client_consents() -> None:
    """Unattributed time could be any client's: not sent remotely unless every client of the list consents."""
    fake = FakeOpenAI()
    most = ConsentRegistry().grant("Acme Corp", NOW).grant("Globex LLC", NOW)
    assert assistant(fake, consent=most).suggest_matters([UNASSIGNED], MATTERS, Decimal("0.6")) == [
        UNASSIGNED
    ]
    assert fake.log == []
    everyone = most.grant("Jane Roe", NOW)
    [out] = assistant(fake, consent=everyone).suggest_matters([UNASSIGNED], MATTERS, Decimal("0.6"))
    assert out.matter == "ACM-001" and out.ai_suggested and len(fake.log) == 1


def test_a_client_unknown_to_the_registry_has_no_consent() -> None:
    """A client never entered in the registry is treated as not consenting."""
    fake = FakeOpenAI()
    roe = entry(
        "roe", "ROE-100", "0.2", "Estate trust memo", (Evidence("document", "trust.docx", 60, "ROE-100"),)
    )
    assert assistant(fake).suggest_matters([roe], MATTERS, Decimal("0.6")) == [roe]
    assert "roe-100" not in fake.sent().casefold() and "jane roe" not in fake.sent().casefold()


def test_consent_scope_is_respected_per_purpose() -> None:
    """Consent to suggestions only: matters may be suggested, narratives are not sent for rewriting."""
    fake = FakeOpenAI()
    helper = assistant(
        fake, consent=ConsentRegistry().grant("Acme Corp", NOW, scope={Purpose.SUGGEST_MATTER})
    )
    assert helper.rewrite_narratives([ACME_SURE], MATTERS) == [ACME_SURE]
    assert fake.log == []
    assert helper.suggest_matters([ACME_UNSURE], MATTERS, Decimal("0.6"))[0].ai_suggested


def test_a_local_endpoint_needs_no_consent() -> None:
    """Through a connection pinned to this machine, every client's drafts may be asked about, unassigned time
    included."""
    fake = FakeOpenAI(api_key=None)
    with fake.serve() as base:
        connection = route(base, 2.0)
        assert connection.local
        helper = assistant(fake, consent=ConsentRegistry(), base_url=base, http=connection.http, local=True)
        out = by_id(helper.suggest_matters(DRAFTS, MATTERS, Decimal("0.6")))
    assert out["globex-unsure"] == GLOBEX_UNSURE, "the model agreed with the rules: nothing changes"
    assert {(d.entry_id, d.outcome) for d in helper.decisions} >= {("globex-unsure", "kept")}
    assert "Globex" in fake.sent()
    assert out["unassigned"].matter == "ACM-001"
    assert out["unassigned"].kind is EntryKind.BILLABLE
    assert "no_matter" not in [p.code for p in out["unassigned"].problems]
    assert AI_SUGGESTION in [p.code for p in out["unassigned"].problems]


# --- redaction ---


def test_personal_data_in_evidence_is_redacted_in_the_request_bodies() -> None:
    """An SSN, e-mail address, phone number and a person's name in the evidence never reach the endpoint."""
    fake = FakeOpenAI()
    helper = assistant(fake)
    helper.suggest_matters([ACME_UNSURE], MATTERS, Decimal("0.6"))
    helper.rewrite_narratives([ACME_UNSURE], MATTERS)
    assert len(fake.log) == 2
    sent = fake.sent()
    for secret in ("123-45-6789", "carla.diaz@acme.example", "555-123-4567", "Carla Diaz", "Carla", "Diaz"):
        assert secret not in sent
    assert "[SSN-1]" in sent and "[EMAIL-1]" in sent and "[PHONE-1]" in sent and "[NAME-1]" in sent


# --- narrative rewrites ---


def test_a_rewrite_is_labelled_keeps_the_original_and_restores_redacted_names() -> None:
    """The rewritten narrative is an AI suggestion; the original is kept; placeholders turn back into names."""
    fake = FakeOpenAI()
    draft = entry(
        "call", "ACM-001", "0.9", "call w/ John Smith re supply", (Evidence("call", "Zoom", 600, "ACM-001"),)
    )
    [out] = assistant(fake).rewrite_narratives([draft], MATTERS)
    assert out.description == "Reviewed and revised: call w/ John Smith re supply."
    assert out.ai_suggested
    assert out.rule_description == "call w/ John Smith re supply"
    assert out.problems[-1].code == AI_SUGGESTION
    assert "John Smith" not in fake.sent()
    assert assistant(fake).rewrite_narratives([out], MATTERS) == [out], "not rewritten twice"


def test_a_rewrite_failure_keeps_the_narrative() -> None:
    """A failed rewrite leaves the draft exactly as it was."""
    fake = FakeOpenAI(mode="500")
    assert assistant(fake).rewrite_narratives([ACME_SURE], MATTERS) == [ACME_SURE]


# --- over real HTTP on 127.0.0.1 ---


@pytest.fixture
def served() -> Iterator[tuple[FakeOpenAI, str]]:
    fake = FakeOpenAI()
    with fake.serve() as base:
        yield fake, base


def test_served_remote_endpoint_gets_nothing_of_a_non_consenting_client(
    served: tuple[FakeOpenAI, str],
) -> None:
    """Over real HTTP to a remote base URL (reached through the fake as a proxy): zero Globex data."""
    fake, base = served
    proxy = base.removesuffix("/v1")
    with httpx.Client(proxy=proxy, trust_env=False) as http:
        helper = assistant(fake, base_url="http://api.example.test/v1", http=http)
        out = by_id(helper.suggest_matters(DRAFTS, MATTERS, Decimal("0.6")))
        rewritten = by_id(helper.rewrite_narratives(DRAFTS, MATTERS))
    assert fake.log and all(entry.url.startswith("http://api.example.test/v1/") for entry in fake.log)
    assert_nothing_of_globex(fake)
    assert out["acme-unsure"].matter == "ACM-002"
    assert rewritten["acme-sure"].description == "Reviewed and revised: Revised supply agreement."
    assert rewritten["globex-unsure"] == GLOBEX_UNSURE


def test_served_local_endpoint_suggests_for_every_client(served: tuple[FakeOpenAI, str]) -> None:
    """A local server on 127.0.0.1 needs no consent: suggestions arrive for low-confidence blocks of any client."""
    fake, base = served
    with route(base, 2.0).http as http:
        helper = assistant(
            fake, consent=ConsentRegistry(), base_url=base, http=http, local=True, allowed_endpoints=(base,)
        )
        out = by_id(helper.suggest_matters(DRAFTS, MATTERS, Decimal("0.6")))
    assert out["globex-unsure"] == GLOBEX_UNSURE and "Globex" in fake.sent()
    assert out["unassigned"].matter == "ACM-001"
    assert out["acme-sure"] == ACME_SURE


def test_served_local_endpoint_not_on_the_allow_list_gets_nothing(served: tuple[FakeOpenAI, str]) -> None:
    """IT's allow-list holds even for a local server: not listed, not one request."""
    fake, base = served
    with httpx.Client(trust_env=False) as http:
        helper = assistant(fake, base_url=base, http=http, allowed_endpoints=("https://ai.firm.example/v1",))
        assert helper.suggest_matters(DRAFTS, MATTERS, Decimal("0.6")) == list(DRAFTS)
    assert fake.log == []


@pytest.mark.parametrize("mode", ["timeout", "429", "500", "malformed"])
def test_served_failures_fall_back_to_the_rules(served: tuple[FakeOpenAI, str], mode: str) -> None:
    """Over real HTTP, a timeout (server sleeps past the client's timeout), 429, 500 or bad JSON changes nothing."""
    fake, base = served
    fake.mode = mode
    with route(base, 2.0).http as http:
        helper = assistant(fake, consent=ConsentRegistry(), base_url=base, http=http, local=True)
        assert helper.suggest_matters([ACME_UNSURE, UNASSIGNED], MATTERS, Decimal("0.6")) == [
            ACME_UNSURE,
            UNASSIGNED,
        ]
    assert fake.log


def test_consent_follows_where_the_client_really_sends() -> None:
    """Settings naming another endpoint than the client's are a programmer error (consent would be misjudged)."""
    fake = FakeOpenAI()
    client = ChatClient(
        AssistSettings(enabled=True, base_url=REMOTE, model="m"), httpx.Client(transport=fake.transport())
    )
    with pytest.raises(ValueError):
        Assistant(
            client, ACME_ONLY, Redactor(), AssistSettings(enabled=True, base_url="http://localhost:1/v1")
        )
