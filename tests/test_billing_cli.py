"""The billing commands end to end: a solo attorney's first invoice sent over real SMTP, payments pulled from Clio."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ledgerwatch.app import open_services
from ledgerwatch.cli import main
from ledgerwatch.domain.billing import ClientBilling
from tests.billing_support import Inbox, add_approved, work_entry
from tests.fakes.clio import API, FakeClio

SAMPLES = Path(__file__).resolve().parent.parent / "src" / "ledgerwatch" / "samples" / "week1"


def approve(entry_id: str, matter: str, day: date, hours: str, text: str) -> None:
    svc = open_services()
    try:
        add_approved(svc.entries, work_entry(entry_id, day, hours, matter, text))
    finally:
        svc.close()


def test_solo_attorney_drafts_finalises_and_sends_over_smtp(
    lw_home: Path,
    smtp: tuple[Inbox, int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With only a firm rate configured, approved time becomes INV-000001 and `invoice send` delivers it, PDF
    attached, to a real SMTP server named by LEDGERWATCH_BILLING__SMTP_HOST/PORT."""
    inbox, port = smtp
    monkeypatch.setenv("LEDGERWATCH_BILLING__FIRM_RATE", "300")
    monkeypatch.setenv("LEDGERWATCH_BILLING__TIMEKEEPER_NAME", "Doe, Jane")
    monkeypatch.setenv("LEDGERWATCH_BILLING__SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("LEDGERWATCH_BILLING__SMTP_PORT", str(port))
    assert main(["matters", "import", str(SAMPLES / "matters.csv")]) == 0
    approve("c1", "1001-Smith", date(2026, 2, 2), "1.5", "Draft motion to compel discovery responses")
    approve("c2", "1001-Smith", date(2026, 2, 3), "0.4", "Legal research (Westlaw) re spoliation sanctions")
    capsys.readouterr()

    assert main(["invoice", "draft", "--matter", "1001-Smith", "--through", "2026-02-28"]) == 0
    assert "pre-bill #1 for Smith, Jordan, 570.00 USD" in capsys.readouterr().out
    assert main(["invoice", "finalize", "#1", "--strict"]) == 0
    assert "invoice INV-000001 finalised" in capsys.readouterr().out

    assert main(["invoice", "send", "INV-000001"]) == 2
    assert "no billing e-mail address" in capsys.readouterr().err
    svc = open_services()
    svc.billing().set_client(ClientBilling("Smith, Jordan", email="jordan@smith.example"))
    svc.close()
    assert main(["invoice", "send", "INV-000001"]) == 0
    assert capsys.readouterr().out.strip() == "jordan@smith.example"

    assert len(inbox.messages) == 1
    msg = inbox.messages[0]
    assert msg["To"] == "jordan@smith.example" and msg["Subject"] == "Invoice INV-000001"
    body = msg.get_body(("plain",))
    assert body is not None and "570.00 USD" in body.get_content()
    attachments = list(msg.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["INV-000001.pdf"]
    payload = attachments[0].get_payload(decode=True)
    assert isinstance(payload, bytes) and payload.startswith(b"%PDF")
    svc = open_services()
    billing = svc.billing()
    assert billing.get(billing.find("INV-000001")).state.value == "sent"
    svc.close()


def test_payments_pull_records_clio_payments_once(
    lw_home: Path, file_keyring: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`payments pull` records Clio's allocations against the client's open invoices; pulling again adds none."""
    fake = FakeClio(seed=3)
    matter = fake.add_matters(1)[0]  # hourly at 300.00 in Clio
    with fake.serve() as base:
        monkeypatch.setenv("LEDGERWATCH_SYNC__API_BASE_URL", f"{base}{API}")
        monkeypatch.setenv("LEDGERWATCH_SYNC__TOKEN_URL", f"{base}/oauth/token")
        monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(fake.issue_tokens())))
        assert main(["connect", "clio", "--token-stdin"]) == 0
        assert main(["sync", "pull"]) == 0
        approve("p1", matter["number"], date(2026, 2, 2), "2.0", "Draft answer to amended complaint")
        assert main(["invoice", "draft", "--through", "2026-02-28"]) == 0
        assert main(["invoice", "finalize", "#1"]) == 0
        capsys.readouterr()

        fake.add_payment(matter, "250.00", "2026-03-05", bill="17", method="check", reference="chk 88")
        assert main(["payments", "pull"]) == 0
        out = capsys.readouterr().out
        assert "clio: 1 payments pulled, 1 recorded, 0 already recorded, 0 not recorded" in out
        assert "applied 250.00 to INV-000001" in out
        assert main(["payments", "pull", "--full"]) == 0
        assert "0 recorded, 1 already recorded" in capsys.readouterr().out
        assert not fake.violations

    svc = open_services()
    billing = svc.billing()
    assert billing.balance(billing.find("INV-000001")) == Decimal("350.00")
    svc.close()


def test_payments_pull_without_a_provider_is_a_one_line_error(
    lw_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pulling payments before connecting a provider says so instead of failing with a traceback."""
    assert main(["payments", "pull"]) == 2
    assert "no provider is connected" in capsys.readouterr().err


def test_trust_deposit_for_a_matter_shows_in_the_ledger_and_the_reconciliation(
    lw_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`trust deposit --matter` holds the money for that client-matter; another client's matter is refused in
    one line; the ledger and the reconciliation show a line per client-matter."""
    assert main(["matters", "import", str(SAMPLES / "matters.csv")]) == 0
    capsys.readouterr()
    client = "Northwind Traders Inc."
    assert main(["trust", "deposit", client, "1000", "--matter", "1002-Northwind"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"{client} / 1002-Northwind: 1000 USD deposited in trust; balance 1000.00"
    )
    assert main(["trust", "deposit", client, "200"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"{client}: 200 USD deposited in trust (general retainer); balance 1200.00"
    )
    assert main(["trust", "deposit", client, "50", "--matter", "1001-Smith"]) == 2
    err = capsys.readouterr().err
    assert err == f"ledgerwatch: error: '1001-Smith' is not a matter of {client}; trust is held per client-matter\n"

    assert main(["trust", "ledger", "--client", client]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[4:6] for line in lines] == [["1002-Northwind", "1,000.00"], ["(general)", "200.00"]]
    assert main(["trust", "reconcile", "--bank", "1200"]) == 0
    out = capsys.readouterr().out
    assert f"{client} (general)" in out and f"{client} / 1002-Northwind" in out
    assert out.rstrip().endswith("balanced")
    svc = open_services()
    try:
        assert svc.billing().trust_balance(client, "1002-Northwind") == Decimal("1000.00")
    finally:
        svc.close()
