"""Findings 4 and 5: no secret on the settings page or in `config show`; one validation, with bounds, everywhere.

The values the issue found accepted (a rounding increment of 24 h, a minimum confidence of 0, an idle
threshold of 999,999,999 s) are offered through each door: `config set`, the review page's form against the
real server, the environment and the managed policy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ledgerwatch import config
from ledgerwatch.app import Services
from ledgerwatch.cli import main
from ledgerwatch.review.server import RunningServer, start_server
from ledgerwatch.workday import Workday

SECRET = "s3cr3t-client-secret-value"
PG_PASSWORD = "hunter2-db-password"
REFUSED = [
    ("sessionize.rounding_increment", "24", "less than or equal to 1 h"),
    ("sessionize.min_confidence", "0", "greater than or equal to 0.1"),
    ("capture.idle_threshold_seconds", "999999999", "less than or equal to 7200 s"),
    ("review.reminder_time", "25:99", "not a time of day"),
    ("capture.browser_port", "80", "between 1024 and 65535"),
    ("sync.token_url", "http://tokens.example/oauth", "https://"),
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_config_show_and_set_never_print_a_secret(
    lw_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`config set` and `config show` say "set"/"not set" for the client secret, and mask a database password."""
    code, out, err = run(capsys, "config", "show")
    assert code == 0 and "sync.client_secret = not set" in out
    code, out, err = run(capsys, "config", "set", "sync.client_secret", SECRET)
    assert code == 0 and SECRET not in out + err and "sync.client_secret = set written to" in out
    monkeypatch.setenv("LEDGERWATCH_DATABASE_URL", f"postgresql://lw:{PG_PASSWORD}@db.firm:5432/ledger")
    code, out, err = run(capsys, "config", "show")
    assert code == 0 and SECRET not in out + err and PG_PASSWORD not in out + err
    assert (
        "sync.client_secret = set" in out and "database_url = postgresql://lw:***@db.firm:5432/ledger" in out
    )


def test_settings_page_holds_no_secret(
    lw_home: Path, review_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The settings page (and every settings row the page is handed) shows the secret only as "set"."""
    monkeypatch.setenv("LEDGERWATCH_SYNC__CLIENT_SECRET", SECRET)
    monkeypatch.setenv("LEDGERWATCH_AI__BASE_URL", "https://ai.firm.example/v1?api_key=sk-live-123456")
    from ledgerwatch.app import open_services

    with open_services(config.load()) as svc:
        workday = Workday(svc)
        controls = {c.key: c for group in workday.setting_groups() for c in group.controls}
        secret = controls["sync.client_secret"]
        assert (secret.control, secret.value, secret.is_set) == ("secret", "", True)
        assert "sk-live-123456" not in str(controls) and SECRET not in str(controls)
        running = start_server(workday)
        try:
            with running.client(timeout=10) as c:
                c.get(running.url("/settings"))
                page = c.get("/settings").text
        finally:
            running.stop()
    assert "sync.client_secret" in page and SECRET not in page and "sk-live-123456" not in page


@pytest.mark.parametrize(("key", "value", "why"), REFUSED)
def test_config_set_refuses_out_of_bounds(
    lw_home: Path, capsys: pytest.CaptureFixture[str], key: str, value: str, why: str
) -> None:
    """`config set` refuses each value in one line naming the bound and its unit, and writes nothing."""
    code, _out, err = run(capsys, "config", "set", key, value)
    assert code == 2 and err.count("\n") == 1 and why in err, err
    assert not (lw_home / "config" / "config.toml").exists()


def test_the_page_refuses_the_same_values(review_server: RunningServer, lw_home: Path) -> None:
    """The settings form on the real server refuses them with the same words; the user file is untouched."""
    with review_server.client(timeout=10) as c:
        c.get(review_server.url("/settings"))
        for key, value, why in REFUSED[:4]:
            r = c.post(
                "/settings",
                data={"key": key, "value": value},
                headers={"X-CSRF-Token": review_server.csrf, "Accept": "application/json"},
            )
            assert r.status_code == 422 and why in r.json()["message"], (key, r.text)
    assert not (lw_home / "config" / "config.toml").exists()


@pytest.mark.parametrize(("key", "value", "why"), REFUSED)
def test_the_environment_and_the_policy_meet_the_same_validation(
    lw_home: Path, tmp_path: Path, key: str, value: str, why: str
) -> None:
    """An out-of-bounds value in LEDGERWATCH_* stops loading with the same reason; in the managed policy it
    makes that source broken (reported with the same reason, its value never applied) without stopping the agent."""
    env = {"LEDGERWATCH_HOME": str(lw_home), "LEDGERWATCH_TIMEZONE": "UTC"}
    name = "LEDGERWATCH_" + key.upper().replace(".", "__")
    with pytest.raises(config.ConfigError, match=f"{key}.*{why}"):
        config.load({**env, name: value})
    section, leaf = key.split(".")
    policy = tmp_path / "policy.toml"
    literal = value if value.isdigit() else f'"{value}"'
    policy.write_text(f"[{section}]\n{leaf} = {literal}\n", encoding="utf-8")
    if config.system_policy_file().exists():
        pytest.skip("a system policy exists on this machine")
    effective = config.load({**env, "LEDGERWATCH_POLICY_FILE": str(policy)})
    assert len(effective.policy_problems) == 1, effective.policy_problems
    assert key in effective.policy_problems[0] and why in effective.policy_problems[0]
    assert effective.value(key) == config.Settings().model_dump()[section][leaf]


def test_every_number_setting_has_bounds_and_every_secret_is_marked() -> None:
    """The model itself: each numeric setting has a lower and an upper bound; client_secret is a secret."""
    unbounded = []
    for key, annotation in config.known_keys().items():
        if annotation in (int, float) or "Decimal" in str(annotation):
            section, leaf = key.split(".") if "." in key else ("", key)
            model = config.Settings.model_fields[section].annotation if section else config.Settings
            metadata = model.model_fields[leaf].metadata  # type: ignore[union-attr]
            kinds = {type(m).__name__ for m in metadata}
            if not ({"Ge", "Gt"} & kinds and {"Le", "Lt"} & kinds):
                unbounded.append(key)
    assert unbounded == []
    assert config.field_extra("sync.client_secret") == {"secret": True}
    assert config.field_extra("capture.idle_threshold_seconds")["unit"] == "s"
    assert config.field_extra("sessionize.rounding_increment")["unit"] == "h"
