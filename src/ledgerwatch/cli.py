"""The `ledgerwatch` command: parses arguments and calls services; no logic of its own."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from ledgerwatch import __version__, assist, config
from ledgerwatch.app import Services, open_services
from ledgerwatch.domain import LedgerwatchError, ProblemCode

Handler = Callable[[argparse.Namespace], int]


class CommandError(LedgerwatchError):
    """A user-facing failure: printed as one line, exit status 2."""


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _existing_file(text: str) -> Path:
    return Path(text).expanduser()


class ProgressBar:
    """A progress bar on stderr that appears only once an operation has taken more than a second."""

    def __init__(self, label: str, stream: TextIO = sys.stderr, delay: float = 1.0) -> None:
        self.label, self.stream, self.delay = label, stream, delay
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if time.monotonic() - self.started < self.delay or total <= 0:
            return
        self.shown = True
        width = 30
        filled = int(width * min(done, total) / total)
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {100 * done // total:3d}%"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")


def _services(args: argparse.Namespace) -> Services:
    return open_services(config.load(overrides=getattr(args, "overrides", None)))


def _fmt_hours(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60:d}:{minutes % 60:02d}"


# --- commands ---


def cmd_init(args: argparse.Namespace) -> int:
    effective = config.load()
    with open_services(effective) as svc:
        effective.paths.config_dir.mkdir(parents=True, exist_ok=True)
        print(f"store:     {effective.database_target} (schema revision {svc.db.revision()})")
        print(f"settings:  {effective.paths.user_file}")
        print(
            f"policy:    {effective.paths.policy_file}{'' if effective.paths.policy_file.exists() else ' (none)'}"
        )
        print(f"timezone:  {effective.settings.zone()}")
    return 0


def cmd_import_activitywatch(args: argparse.Namespace) -> int:
    svc = _services(args)
    bar = ProgressBar(f"importing {args.file.name}")
    try:
        report = svc.import_activitywatch(args.file, bar)
    finally:
        bar.close()
        svc.close()
    print(f"{report.path}: {report.read} events read, {report.new} new")
    for what, count in sorted(report.skipped.items()):
        print(f"  skipped {count} from {what}")
    return 0


def cmd_import_ics(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        report = svc.import_ics(args.file)
    print(f"{report.path}: {report.read} calendar events read, {report.new} new")
    for what, count in sorted(report.skipped.items()):
        print(f"  skipped {count} from {what}")
    return 0


def cmd_import_calls(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        report = svc.import_calls(args.file)
    print(f"{report.path}: {report.read} calls read, {report.new} new")
    return 0


def cmd_matters_import(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        count = svc.import_matters(args.file)
    print(f"{args.file}: {count} matters imported")
    return 0


def cmd_matters_list(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        matters = svc.all_matters()
    if not matters:
        print("no matters yet: `ledgerwatch matters import FILE` or `ledgerwatch sync pull`")
        return 0
    for m in matters:
        print(f"{m.number:<20} {m.status.value:<8} {m.client.name:<32} {m.description}")
    return 0


def cmd_events_summary(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        rows = svc.summary(args.date)
    if not rows:
        print(f"no activity recorded on {args.date}")
        return 0
    total = sum(r.seconds for r in rows)
    print(f"{args.date}: {_fmt_hours(total)} active (away time excluded)")
    for r in rows[: args.limit]:
        title = r.title if len(r.title) <= 70 else r.title[:67] + "..."
        print(f"  {_fmt_hours(r.seconds):>6}  {r.app:<18} {title}")
    if len(rows) > args.limit:
        print(f"  ... {len(rows) - args.limit} more (use --limit)")
    return 0


def cmd_config_show(args: argparse.Namespace) -> int:
    effective = config.load()
    print(f"# user file: {effective.paths.user_file}")
    print(
        f"# policy:    {effective.paths.policy_file}{'' if effective.paths.policy_file.exists() else ' (none)'}"
    )
    for key, value, origin in effective.rows():
        lock = " [locked by policy]" if key in effective.locked else ""
        shown = str(value) if value != "" else '""'
        print(f"{key} = {shown}    # {origin}{lock}")
    return 0


def cmd_config_set(args: argparse.Namespace) -> int:
    effective = config.load()
    path = config.set_user_value(effective, args.key, args.value)
    print(f"{args.key} = {args.value} written to {path}")
    return 0


def cmd_db_check(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        problems = svc.db.integrity_check()
        revision = svc.db.revision()
    if problems:
        for p in problems:
            print(f"problem: {p}")
        return 1
    print(f"ok: {svc.effective.database_target} (schema revision {revision})")
    return 0


def cmd_db_backup(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        svc.db.backup(args.file)
    print(f"backup written to {args.file}")
    return 0


def _range(args: argparse.Namespace) -> tuple[date, date]:
    if args.date and (args.first or args.last):
        raise CommandError("give either --date or --from/--to, not both")
    if args.date:
        return args.date, args.date
    if not (args.first and args.last):
        raise CommandError("give --date D, or --from D --to D")
    if args.last < args.first:
        raise CommandError(f"--to {args.last} is before --from {args.first}")
    return args.first, args.last


def cmd_drafts_build(args: argparse.Namespace) -> int:
    first, last = _range(args)
    with _services(args) as svc:
        results = svc.build_drafts(first, last)
    for day, r in results:
        print(
            f"{day}: {r.written} drafts written, {r.replaced} unreviewed drafts replaced, {r.kept} reviewed kept"
        )
    return 0


def cmd_drafts_list(args: argparse.Namespace) -> int:
    first, last = _range(args)
    with _services(args) as svc:
        entries = svc.drafts_between(first, last)
    if not entries:
        print("no drafts: run `ledgerwatch drafts build` first")
        return 0
    for e in entries:
        matter = e.matter or f"({e.kind.value})"
        flags = " !" if e.problems else ""
        print(
            f"{e.date} {e.status.value:<9} {matter:<18} {e.billed_hours:>5} h  {e.activity_code or '':<5} "
            f"{e.description[:70]}{flags}"
        )
    return 0


def cmd_drafts_export(args: argparse.Namespace) -> int:
    first, last = _range(args)
    with _services(args) as svc:
        document = svc.export_drafts(first, last)
    out = args.output.open("w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        if args.format == "json":
            json.dump(document, out, indent=1)
            out.write("\n")
        else:
            write_drafts_csv(document, out)
    finally:
        if args.output:
            out.close()
    return 0


def write_drafts_csv(document: dict[str, Any], out: TextIO) -> None:
    fields = [
        "id",
        "date",
        "matter",
        "client",
        "status",
        "worked_seconds",
        "billed_hours",
        "activity_code",
        "task_code",
        "confidence",
        "description",
        "spans",
        "problems",
    ]
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for d in document["drafts"]:
        row = dict(d)
        row["spans"] = " ".join(f"{s['start']}/{s['end']}" for s in d["spans"])
        row["problems"] = "; ".join(str(p) for p in d.get("problems", []))
        writer.writerow(row)


def cmd_ai_consent(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        registry = svc.consent()
        if args.consent_action == "grant":
            registry = registry.grant(args.client, svc.clock(), note=args.note)
            svc.save_consent(registry)
            print(f"consent recorded for {args.client}: its data may be sent to the configured AI endpoint")
        elif args.consent_action == "revoke":
            registry = registry.revoke(args.client, svc.clock(), note=args.note)
            svc.save_consent(registry)
            print(f"consent revoked for {args.client}: none of its data will be sent to a remote AI endpoint")
        else:
            if not registry.records:
                print("no client has consented: AI assist sends nothing off this machine")
            for name, record in registry.records:
                state = "granted" if record.granted else "revoked"
                print(
                    f"{name:<40} {state:<8} {record.granted_at.isoformat() if record.granted_at else ''} {record.note}"
                )
    return 0


def cmd_ai_set_key(args: argparse.Namespace) -> int:
    import keyring

    effective = config.load()
    base_url = effective.settings.ai.base_url
    if not base_url:
        raise CommandError("set ai.base_url first (`ledgerwatch config set ai.base_url URL`)")
    key = sys.stdin.readline().strip()
    if not key:
        raise CommandError("no key on standard input")
    keyring.set_password(assist.client.SERVICE, assist.client.keyring_username(base_url), key)
    print(f"API key for {base_url} stored in the OS keyring")
    return 0


def _provider_allowed(effective: config.Effective, provider: str) -> None:
    locked = effective.settings.sync.provider
    if "sync.provider" in effective.locked and locked != provider:
        raise CommandError(
            f"your organisation's policy sets the provider to {locked or 'none'}; {provider} cannot be connected"
        )


def cmd_connect(args: argparse.Namespace) -> int:
    effective = config.load()
    _provider_allowed(effective, args.provider)
    region = (args.region or effective.settings.sync.region).upper()
    svc = open_services(effective)
    try:
        sync = svc.sync()
        if args.token_stdin:
            result = sync.connect_with_tokens(args.provider, sys.stdin.read(), region=region)
        else:
            print(f"opening your browser to authorise ledgerwatch with {args.provider}...")
            result = sync.connect_interactive(args.provider, region)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        svc.close()
    who = f" as {result.user_name}" if result.user_name else ""
    print(f"connected to {result.provider} ({result.region}){who}; tokens are in the OS keyring")
    if result.requeued:
        print(f"{result.requeued} entries waiting for attention were queued again")
    return 0


def cmd_disconnect(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        done = svc.sync().disconnect(args.provider)
    print(
        f"disconnected from {args.provider}; tokens revoked and removed"
        if done
        else f"{args.provider} was not connected"
    )
    return 0


def cmd_sync_pull(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        r = svc.sync().pull(full=args.full)
    print(
        f"{r.provider}: {r.matters} matters ({r.new_matters} new), {r.activity_codes} activity codes, {r.locked} entries locked as billed"
    )
    return 0


def cmd_sync_push(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        r = svc.sync().push()
    print(
        f"created {r.created}, updated {r.updated}, deleted {r.deleted}, found already there {r.found}, "
        f"retried {r.retried}, needing attention {r.parked}"
    )
    for message in r.messages:
        print(f"  {message}")
    if r.stopped:
        print(f"stopped: {r.stopped}")
        return 1
    return 0


def cmd_sync_status(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        st = svc.sync().status()
    if not st.provider:
        print("not connected: `ledgerwatch connect clio|mycase|practicepanther`")
    else:
        print(
            f"provider: {st.provider} ({st.region}); tokens {'in keyring' if st.has_tokens else 'MISSING: reconnect'}; last pull {st.last_pull or 'never'}"
        )
    for state, count in sorted(st.counts.items()):
        print(f"  {state}: {count}")
    for item in st.open_items:
        print(f"  ! {item.day or ''} {item.matter or ''} {item.op} {item.state}: {item.message or 'waiting'}")
    return 0


def cmd_sync_retry(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        count = svc.sync().retry_parked()
    print(f"{count} entries queued again")
    return 0


def _problems(problems: Sequence[Any]) -> None:
    for p in problems:
        print(f"  {p.severity.value}: {p.message}")
    codes = {p.code for p in problems if p.severity.value == "error"}
    if codes & {ProblemCode.NO_RATE, ProblemCode.NO_TIMEKEEPER}:
        print(
            "  hint: set a rate (`ledgerwatch config set billing.firm_rate 300`, or billing.timekeeper_rate) "
            "and the attorney (billing.default_timekeeper, billing.timekeeper_name), "
            "then `ledgerwatch invoice refresh REF`"
        )


def cmd_invoice_draft(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        billing = svc.billing()
        if args.matter:
            outcomes = [billing.draft(args.matter, args.through)]
        elif args.client:
            outcomes = billing.draft_all(args.client, args.through)
        else:
            outcomes = billing.run_cycle() if args.cycle else billing.draft_all(None, args.through)
    if not outcomes:
        print("nothing to bill: no approved, unbilled time")
    for o in outcomes:
        if o.invoice is None:
            print(f"{o.matter}: no draft")
        else:
            print(f"{o.matter}: pre-bill #{o.invoice_id} for {o.invoice.client}, {o.invoice.total}")
        _problems(o.problems)
    return 0


def cmd_invoice_finalize(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        billing = svc.billing()
        outcome = billing.finalize(billing.find(args.ref), accept_warnings=not args.strict)
    if outcome.number is None:
        print(f"pre-bill #{outcome.invoice_id} not finalised:")
        _problems(outcome.problems)
        return 1
    print(f"invoice {outcome.number} finalised")
    _problems(outcome.problems)
    if outcome.replenish is not None:
        print(f"  retainer below its minimum: replenishment of {outcome.replenish} requested")
    return 0


def cmd_invoice_refresh(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        billing = svc.billing()
        invoice_id = billing.find(args.ref)
        inv = billing.refresh(invoice_id)
        problems = billing.check(invoice_id)
    print(f"pre-bill #{invoice_id} redrafted: {inv.total}")
    _problems(problems)
    return 0


def cmd_invoice_send(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        billing = svc.billing()
        print(billing.send(billing.find(args.ref)))
    return 0


def cmd_invoice_void(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        billing = svc.billing()
        billing.void(billing.find(args.ref), args.reason)
    print(f"invoice {args.ref} voided (its number is kept, never reused)")
    return 0


def cmd_invoice_export(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        billing = svc.billing()
        data = billing.export(billing.find(args.ref), args.format)
    if args.output:
        args.output.write_bytes(data)
        print(f"{args.format} written to {args.output}")
    elif args.format == "pdf":
        raise CommandError("a PDF needs --output FILE")
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_payments_record(args: argparse.Namespace) -> int:
    from decimal import Decimal, InvalidOperation

    from ledgerwatch.billing.payments import PaymentRecord
    from ledgerwatch.domain import Money

    try:
        amount = Money(Decimal(args.amount), args.currency)
    except InvalidOperation as exc:
        raise CommandError(f"not an amount: {args.amount!r}") from exc
    with _services(args) as svc:
        billing = svc.billing()
        record = PaymentRecord(
            client=args.client,
            amount=amount,
            received_on=args.date or billing.today(),
            invoice_number=args.invoice,
            method=args.method,
            reference=args.reference,
        )
        outcome = billing.record_payment(record)
    for invoice, applied in outcome.allocations:
        print(f"applied {applied} {args.currency} to {invoice}")
    if outcome.unapplied:
        print(f"{outcome.unapplied} {args.currency} unapplied (credit on account)")
    return 0


def cmd_payments_pull(args: argparse.Namespace) -> int:
    from ledgerwatch.sync.errors import SyncError

    svc = _services(args)
    try:
        provider, outcomes = svc.pull_payments(full=args.full)
    except SyncError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        svc.close()
    new = [o for o in outcomes if o.payment_id is not None]
    refused = [o for o in outcomes if o.problem]
    print(
        f"{provider}: {len(outcomes)} payments pulled, {len(new)} recorded, "
        f"{len(outcomes) - len(new) - len(refused)} already recorded, {len(refused)} not recorded"
    )
    for o in new:
        for invoice, applied in o.allocations:
            print(f"  {o.external_id}: applied {applied} to {invoice}")
        if o.unapplied:
            print(f"  {o.external_id}: {o.unapplied} unapplied (credit on account)")
    for o in refused:
        print(f"  ! {o.external_id}: {o.problem}")
    return 1 if refused else 0


def cmd_ar_aging(args: argparse.Namespace) -> int:
    from ledgerwatch.billing.aging import format_report

    with _services(args) as svc:
        report = svc.billing().aging(args.as_of, args.by)
    print(format_report(report))
    return 0


def cmd_reminders_run(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        run = svc.billing().run_reminders(dry_run=args.dry_run)
    for o in run.outcomes:
        if o.status != "none":
            print(f"{o.invoice:<16} {o.rung or '':<12} {o.status:<10} {o.detail}")
    for o in run.needs_review:
        print(f"REVIEW {o.invoice} {o.rung}: {o.detail}")
    print(f"{len(run.sent)} reminders sent" + (" (dry run: nothing sent)" if args.dry_run else ""))
    return 0


def cmd_learn_status(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        rows = svc.memory.rows()
        model = svc.learned_model()
    print(f"attribution memory: {len(rows)} associations (document, thread, site, folder, series -> matter)")
    for row in sorted(rows, key=lambda r: -r.weight)[: args.limit]:
        print(f"  {row.weight:>3}x  {row.key:<60} -> {row.matter}   ({row.source})")
    summary = model.summary()
    print(f"learned classifier: {len(summary)} matters")
    for matter, approvals, words in summary[: args.limit]:
        print(f"  {matter:<20} from {approvals} approvals: {', '.join(words[:8])}")
    return 0


def cmd_learn_reset(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        svc.reset_learning()
    print("learning reset: memory cleared; approvals before now no longer teach the classifier")
    return 0


def cmd_learn_export(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        document = svc.export_learning()
    args.file.write_text(json.dumps(document, indent=1, sort_keys=True), encoding="utf-8")
    print(f"learning exported to {args.file} (no raw activity; keys and matter numbers only)")
    return 0


def cmd_learn_import(args: argparse.Namespace) -> int:
    try:
        document = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CommandError(f"{args.file}: not a learning export: {exc}") from exc
    svc = _services(args)
    try:
        keys, matters = svc.import_learning(document)
    except ValueError as exc:
        raise CommandError(f"{args.file}: {exc}") from exc
    finally:
        svc.close()
    print(f"imported {keys} memory keys and a model of {matters} matters")
    return 0


def cmd_clients_set(args: argparse.Namespace) -> int:
    import dataclasses

    with _services(args) as svc:
        billing = svc.billing()
        current = billing.client_billing(args.client)
        changes = {
            name: value
            for name, value in (
                ("email", args.email),
                ("address", args.address),
                ("terms_days", args.terms_days),
                ("cycle", args.cycle),
                ("ledes_client_id", args.ledes_client_id),
                ("do_not_contact", args.do_not_contact),
            )
            if value is not None
        }
        billing.set_client(dataclasses.replace(current, **changes))
    print(f"{args.client}: " + (", ".join(f"{k} = {v}" for k, v in changes.items()) or "unchanged"))
    return 0


SAMPLE_WEEK = Path(__file__).resolve().parent / "samples" / "week1"


def cmd_review(args: argparse.Namespace) -> int:
    from ledgerwatch.runtime import launch_review

    with _services(args) as svc:
        url = launch_review(svc, args.date)
    print(url)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    import tempfile

    from ledgerwatch.runtime import demo

    home = Path(tempfile.mkdtemp(prefix="ledgerwatch-demo-"))
    opener = (lambda _url: None) if args.no_open else None
    demo(home, args.samples, open_services, opener=opener, block=True)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from ledgerwatch.runtime import run

    return run(config.load(), headless=args.headless)


def cmd_status(args: argparse.Namespace) -> int:
    from ledgerwatch.runtime import status_file

    effective = config.load()
    path = status_file(effective)
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        window = data.get("window") or {}
        what = f" {window.get('app', '')}" + (f" — {window['title']}" if window.get("title") else "")
        print(
            f"capture: {data.get('state', '?')}{what if data.get('state') == 'capturing' else ''} (as of {data.get('written_at', '?')})"
        )
    else:
        print("capture: not running (`ledgerwatch run` starts it)")
    with open_services(effective) as svc:
        today = svc.clock().astimezone(effective.settings.zone()).date()
        entries = svc.drafts_between(today, today)
        drafts = sum(1 for e in entries if e.status.value == "draft")
        print(f"today {today}: {len(entries)} entries, {drafts} not yet reviewed")
        sync = svc.sync().status()
        queued = sum(sync.counts.values()) if sync.counts else 0
        print(f"sync: {sync.provider or 'not connected'}; outbox {dict(sync.counts) if queued else 'empty'}")
    return 0


def cmd_browser_pair(args: argparse.Namespace) -> int:
    from ledgerwatch.runtime import browser_token

    with _services(args) as svc:
        token = browser_token(svc)
        port = svc.settings.capture.browser_port
    if port == 0:
        raise CommandError("the browser endpoint is off (capture.browser_port = 0)")
    print(f"endpoint: http://127.0.0.1:{port}")
    print(f"token:    {token}")
    print("paste both into the ledgerwatch extension's options page")
    return 0


# --- the parser ---


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ledgerwatch",
        description="Passive time capture and billing for law firms. Nothing leaves this machine before you approve it.",
    )
    parser.add_argument("--version", action="version", version=f"ledgerwatch {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(parent: Any, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    def group(name: str, help_text: str) -> Any:
        p = sub.add_parser(name, help=help_text, description=help_text)
        return p.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True)

    command(sub, "init", cmd_init, "create the local store and show where everything lives")
    command(sub, "run", cmd_run, "run the agent: capture, scheduler, review server and tray").add_argument(
        "--headless", action="store_true", help="no tray (servers, tests, machines without a tray host)"
    )
    command(sub, "status", cmd_status, "what is being captured now, today's drafts and the sync queue")
    br = group("browser", "the browser extension that reports the active tab to this machine only")
    command(
        br, "pair", cmd_browser_pair, "print the endpoint and pairing token for the extension's options page"
    )
    command(sub, "review", cmd_review, "open the review page for a day (default today)").add_argument(
        "--date", type=_day, help="local day, YYYY-MM-DD"
    )
    p = command(sub, "demo", cmd_demo, "load the sample week into a throw-away home and open review")
    p.add_argument(
        "--samples",
        type=Path,
        default=SAMPLE_WEEK,
        help="a week folder (aw-export.json, matters.csv, calendar.ics)",
    )
    p.add_argument("--no-open", action="store_true", help="print the URL instead of opening a browser")

    imp = group("import", "import activity from files (each file all or nothing; re-importing adds nothing)")
    command(
        imp, "activitywatch", cmd_import_activitywatch, "import an ActivityWatch export (JSON)"
    ).add_argument("file", type=_existing_file)
    command(imp, "ics", cmd_import_ics, "import an ICS calendar (recurring events expanded)").add_argument(
        "file", type=_existing_file
    )

    command(
        imp,
        "calls",
        cmd_import_calls,
        "import a call log (CSV: start,end or duration_seconds,direction,number,name)",
    ).add_argument("file", type=_existing_file)

    mat = group("matters", "the firm's clients and matters")
    command(
        mat,
        "import",
        cmd_matters_import,
        "import matters from CSV: matter_number,client,description,keywords,status",
    ).add_argument("file", type=_existing_file)
    command(mat, "list", cmd_matters_list, "list matters")

    ev = group("events", "the raw activity log (never leaves this machine)")
    p = command(
        ev, "summary", cmd_events_summary, "time per application and title for a day, away time excluded"
    )
    p.add_argument("--date", type=_day, required=True, help="local day, YYYY-MM-DD")
    p.add_argument("--limit", type=int, default=40, help="rows to show (default 40)")

    cfg = group("config", "settings: policy > environment > user file > defaults")
    command(cfg, "show", cmd_config_show, "print the effective settings and where each came from")
    p = command(
        cfg, "set", cmd_config_set, "write a setting to your user file (refused if the policy locks it)"
    )
    p.add_argument("key", help="dotted key, e.g. capture.idle_threshold_seconds")
    p.add_argument("value")

    db = group("db", "the local store")
    command(db, "check", cmd_db_check, "run the database integrity check")
    command(db, "backup", cmd_db_backup, "write an online backup to FILE").add_argument(
        "file", type=_existing_file
    )

    providers = ["clio", "mycase", "practicepanther"]
    p = command(
        sub,
        "connect",
        cmd_connect,
        "connect a practice-management system (OAuth; tokens go to the OS keyring)",
    )
    p.add_argument("provider", choices=providers)
    p.add_argument(
        "--region", choices=["us", "eu", "ca", "au"], help="Clio data region (default: the setting)"
    )
    p.add_argument(
        "--token-stdin",
        action="store_true",
        help='read {"access_token","refresh_token","expires_in"} JSON from standard input',
    )
    command(sub, "disconnect", cmd_disconnect, "revoke and forget a provider's tokens").add_argument(
        "provider", choices=providers
    )
    sy = group("sync", "approved entries to the provider, exactly once; matters from it")
    command(
        sy, "pull", cmd_sync_pull, "pull the user, matters and activity codes (incremental)"
    ).add_argument("--full", action="store_true", help="pull everything, not only what changed")
    command(sy, "push", cmd_sync_push, "push approved entries from the outbox")
    command(sy, "status", cmd_sync_status, "what is queued, synced or needs attention")
    command(sy, "retry", cmd_sync_retry, "queue entries that needed attention again")

    ai = group("ai", "optional AI assist (off by default): client consent and the API key")
    consent = ai.add_parser(
        "consent",
        help="per-client consent (ABA Formal Opinion 512)",
        description="per-client consent (ABA Formal Opinion 512)",
    )
    consent.set_defaults(handler=cmd_ai_consent)
    actions = consent.add_subparsers(dest="consent_action", metavar="ACTION", required=True)
    for action, text in (
        ("grant", "record a client's informed consent"),
        ("revoke", "withdraw a client's consent"),
    ):
        p = actions.add_parser(action, help=text, description=text)
        p.add_argument("client", help="client name as in the matter list")
        p.add_argument("--note", default="", help="where the consent is documented")
    actions.add_parser("list", help="show the consent registry", description="show the consent registry")
    command(
        ai,
        "set-key",
        cmd_ai_set_key,
        "store the AI endpoint's API key (read from standard input) in the OS keyring",
    )

    inv = group("invoice", "pre-bills and invoices from approved time")
    p = command(
        inv, "draft", cmd_invoice_draft, "draft pre-bills (per matter, per client, or the monthly cycle)"
    )
    p.add_argument("--client", help="only this client's matters")
    p.add_argument("--matter", help="only this matter")
    p.add_argument("--through", type=_day, help="bill work up to this day (default: today)")
    p.add_argument(
        "--cycle", action="store_true", help="run the clients' billing cycles (monthly by default)"
    )
    p = command(
        inv, "finalize", cmd_invoice_finalize, "run the e-billing checks and assign the next invoice number"
    )
    p.add_argument("ref", help="pre-bill id (#12) or invoice number")
    p.add_argument("--strict", action="store_true", help="refuse on warnings too, not only on errors")
    command(
        inv, "refresh", cmd_invoice_refresh, "draft a pre-bill again with the current rates and timekeepers"
    ).add_argument("ref", help="pre-bill id (#12)")
    command(inv, "send", cmd_invoice_send, "e-mail the invoice PDF with its payment link").add_argument("ref")
    p = command(inv, "void", cmd_invoice_void, "void an invoice (its number stays used)")
    p.add_argument("ref")
    p.add_argument("--reason", required=True)
    p = command(inv, "export", cmd_invoice_export, "write an invoice as PDF, LEDES 1998B or CSV")
    p.add_argument("ref")
    p.add_argument("--format", choices=["pdf", "ledes", "csv"], required=True)
    p.add_argument("--output", "-o", type=Path, help="file to write (required for pdf)")

    pay = group("payments", "payments received")
    p = command(
        pay,
        "record",
        cmd_payments_record,
        "record a payment (applied to the oldest open invoices unless --invoice)",
    )
    p.add_argument("client")
    p.add_argument("amount")
    p.add_argument("--currency", default="USD")
    p.add_argument("--invoice", help="apply to this invoice number")
    p.add_argument("--date", type=_day, help="received on (default today)")
    p.add_argument("--method", default="manual", help="check, wire, card, ...")
    p.add_argument("--reference", default="", help="check number, transaction id")

    command(
        pay,
        "pull",
        cmd_payments_pull,
        "pull payments from the connected provider (each recorded once, however often pulled)",
    ).add_argument("--full", action="store_true", help="pull every payment, not only recent changes")

    ar = group("ar", "accounts receivable")
    p = command(
        ar, "aging", cmd_ar_aging, "A/R aging: current, 1-30, 31-60, 61-90, 90+ days past due, with DSO"
    )
    p.add_argument("--by", choices=["client", "matter", "attorney"], default="client")
    p.add_argument(
        "--as-of",
        type=_day,
        help="the day to age at (default today); later payments and credits do not count",
    )

    cl = group("clients", "clients' billing details")
    p = command(cl, "set", cmd_clients_set, "set a client's billing e-mail, address, terms and flags")
    p.add_argument("client", help="client name as in the matter list")
    p.add_argument("--email", help="where invoices and reminders go")
    p.add_argument("--address", help="billing address (use \\n between lines)")
    p.add_argument("--terms-days", type=int, help="payment terms in days")
    p.add_argument("--cycle", choices=["monthly", "on_demand"])
    p.add_argument("--ledes-client-id", help="the client's id for LEDES e-billing")
    p.add_argument(
        "--do-not-contact",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="pause reminders and letters",
    )

    rem = group("reminders", "payment reminders over SMTP (never the same one twice)")
    command(rem, "run", cmd_reminders_run, "send the reminders that are due").add_argument(
        "--dry-run", action="store_true", help="show what would be sent; send and record nothing"
    )

    le = group(
        "learn", "what attribution learned from your approvals and corrections (stays on this machine)"
    )
    command(le, "status", cmd_learn_status, "show what was learned and from which corrections").add_argument(
        "--limit", type=int, default=20
    )
    command(le, "reset", cmd_learn_reset, "forget everything learned")
    command(
        le, "export", cmd_learn_export, "write what was learned to FILE (for a new machine)"
    ).add_argument("file", type=Path)
    command(le, "import", cmd_learn_import, "add what another machine learned from FILE").add_argument(
        "file", type=_existing_file
    )

    dr = group("drafts", "time-entry drafts built from the activity log")

    def date_range(p: argparse.ArgumentParser) -> None:
        p.add_argument("--date", type=_day, help="one local day, YYYY-MM-DD")
        p.add_argument("--from", dest="first", type=_day, help="first local day")
        p.add_argument("--to", dest="last", type=_day, help="last local day")

    date_range(
        command(
            dr, "build", cmd_drafts_build, "build drafts (replaces unreviewed drafts, never reviewed ones)"
        )
    )
    date_range(command(dr, "list", cmd_drafts_list, "list drafts and entries"))
    p = command(dr, "export", cmd_drafts_export, "export drafts as JSON or CSV")
    date_range(p)
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except LedgerwatchError as exc:
        print(f"ledgerwatch: error: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"ledgerwatch: error: {exc.filename}: no such file", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
