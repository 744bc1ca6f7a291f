"""The billing workspace: pages for pre-bill review and approval, batch finalising, invoices (each with its
lines, payments, credits and balance, and for billing staff credit notes, write-offs and refunds), payments,
trust (ledger, deposits, three-way reconciliation), expenses and rates (billing staff add them), A/R aging with a drill-down to each client's open invoices,
reminders with a preview, and the audit log.

Plain server-rendered forms (no script): a signed-in session cookie (HttpOnly, SameSite=Strict), a CSRF token
in every form, and same-origin checks on every change. Each change goes through AuditedBilling, so the
person's rights are checked and the audit log records it; each has a CLI equivalent (`ledgerwatch firm ...`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ledgerwatch.billing import BillingError
from ledgerwatch.billing.aging import BUCKETS
from ledgerwatch.billing.payments import PaymentRecord
from ledgerwatch.billing.statements import CREDIT_LABELS
from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import ExpenseItem, Rate, RateScope
from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.firm.accounts import AccessDenied, Right, SignedIn
from ledgerwatch.store.matters import MatterRepository

if TYPE_CHECKING:
    from ledgerwatch.firm.ledger import FirmLedger

COOKIE = "lw_ledger"
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
Form = Mapping[str, Any]
Handler = Callable[[Request, Form, SignedIn], Response]


class BadInput(LedgerwatchError):
    """A form field that does not say what it should."""


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise BadInput(f"not an amount: {text!r}") from None
    if not value.is_finite():
        raise BadInput(f"not an amount: {text!r}")
    if value <= 0 or value != value.quantize(Decimal("0.01")):
        raise BadInput(f"an amount is positive, to the cent: {text!r}")
    return value


def _day(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"not a date (YYYY-MM-DD): {text!r}") from None


def _back(path: str, **query: str) -> RedirectResponse:
    return RedirectResponse(f"{path}?{urlencode(query)}" if query else path, status_code=303, headers=HEADERS)


class Workspace:
    def __init__(self, ledger: FirmLedger, secure_cookies: bool) -> None:
        self.ledger = ledger
        self.secure = secure_cookies
        self.env = Environment(
            loader=PackageLoader("ledgerwatch.firm", "templates"), autoescape=select_autoescape()
        )

    # --- plumbing ---

    def page(
        self, request: Request, signed: SignedIn | None, name: str, title: str, **context: Any
    ) -> HTMLResponse:
        body = self.env.get_template(name).render(
            title=title,
            actor=signed.actor if signed else None,
            csrf=signed.csrf if signed else "",
            can_bill=bool(signed and signed.actor.may(Right.BILL)),
            msg=request.query_params.get("msg", ""),
            err=request.query_params.get("err", ""),
            **context,
        )
        return HTMLResponse(body, headers=HEADERS)

    def signed(self, request: Request) -> SignedIn | None:
        return self.ledger.accounts.session(request.cookies.get(COOKIE, ""))

    def view(self, handler: Handler, back: str) -> Callable[[Request], Any]:
        """A page or a change: signed in, and for a change the same origin and the session's CSRF token.

        back: where a refused change returns with its one-line error; may name path parameters ({invoice_id}).
        """

        async def endpoint(request: Request) -> Response:
            form: Form = dict(await request.form()) if request.method == "POST" else {}
            if request.method == "POST":
                form = {**form, "id": (await request.form()).getlist("id")}
            return await run_in_threadpool(self._run, handler, back, request, form)

        return endpoint

    def _run(self, handler: Handler, back: str, request: Request, form: Form) -> Response:
        signed = self.signed(request)
        if signed is None:
            return _back("/signin")
        if request.method == "POST":
            origin = request.headers.get("origin")
            if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
                return Response("cross-origin request refused", status_code=403, headers=HEADERS)
            if form.get("csrf") != signed.csrf:
                return Response("the form is stale: reload the page", status_code=403, headers=HEADERS)
        try:
            return handler(request, form, signed)
        except (LedgerwatchError, LookupError) as exc:
            if request.method == "POST" and not isinstance(exc, AccessDenied):  # a forged change: 403 below
                return _back(back.format(**request.path_params), err=str(exc))
            status = 403 if isinstance(exc, AccessDenied) else 404 if isinstance(exc, LookupError) else 400
            return Response(str(exc), status_code=status, headers=HEADERS)

    def clients(self) -> list[str]:
        return sorted({m.client.name for m in MatterRepository(self.ledger.db).all()})

    def matters(self) -> list[tuple[str, str]]:
        """(number, client) of every matter, for picking the client-matter a trust deposit is held for."""
        return sorted((m.number, m.client.name) for m in MatterRepository(self.ledger.db).all())

    # --- sign in ---

    async def signin(self, request: Request) -> Response:
        if request.method == "GET":
            return self.page(request, None, "signin.html", "Sign in")
        form = await request.form()
        login, password = str(form.get("login", "")), str(form.get("password", ""))
        try:
            signed = await run_in_threadpool(self.ledger.accounts.sign_in, login, password)
        except AccessDenied as exc:
            return _back("/signin", err=str(exc))
        response = _back("/prebills")
        response.set_cookie(
            COOKIE, signed.token, httponly=True, samesite="strict", secure=self.secure, path="/"
        )
        return response

    def signout(self, request: Request, form: Form, signed: SignedIn) -> Response:
        self.ledger.accounts.sign_out(signed.token)
        response = _back("/signin", msg="signed out")
        response.delete_cookie(COOKIE, path="/")
        return response

    # --- pre-bills and invoices ---

    def prebills(self, request: Request, form: Form, signed: SignedIn) -> Response:
        drafts = self.ledger.audited.drafts(signed.actor)
        today = self.ledger.billing.today()
        return self.page(
            request, signed, "prebills.html", "Pre-bills", drafts=drafts, through=today.isoformat()
        )

    def prebill(self, request: Request, form: Form, signed: SignedIn) -> Response:
        invoice_id = int(request.path_params["invoice_id"])
        inv = self.ledger.audited.get(signed.actor, invoice_id)
        problems = self.ledger.billing.check(invoice_id)
        return self.page(
            request, signed, "prebill.html", f"Pre-bill #{invoice_id}", inv=inv, problems=problems
        )

    def draft(self, request: Request, form: Form, signed: SignedIn) -> Response:
        made = self.ledger.audited.draft_all(signed.actor, _day(str(form.get("through", ""))))
        return _back("/prebills", msg=f"{len(made)} pre-bills drafted")

    def approve(self, request: Request, form: Form, signed: SignedIn) -> Response:
        invoice_id = int(request.path_params["invoice_id"])
        inv = self.ledger.audited.approve(signed.actor, invoice_id)
        return _back("/prebills", msg=f"pre-bill #{invoice_id} approved by {inv.approved_by}")

    def finalize(self, request: Request, form: Form, signed: SignedIn) -> Response:
        ids = [int(i) for i in form.get("id", [])]
        if not ids:
            raise BadInput("select the pre-bills to finalise")
        done, refused = [], []
        for invoice_id, outcome in zip(
            ids, self.ledger.audited.finalize_batch(signed.actor, ids), strict=True
        ):
            if isinstance(outcome, BillingError):
                refused.append(f"#{invoice_id}: {outcome}")
            elif outcome.number:
                done.append(outcome.number)
            elif outcome.no_charge:
                done.append(f"#{invoice_id} at no charge")
            else:
                refused.append(
                    f"#{invoice_id}: "
                    + "; ".join(p.message for p in outcome.problems if p.severity.value == "error")
                )
        query = {"msg": "finalised " + ", ".join(done)} if done else {}
        if refused:
            query["err"] = " | ".join(refused)
        return _back("/invoices" if done else "/prebills", **query)

    def invoices(self, request: Request, form: Form, signed: SignedIn) -> Response:
        issued = self.ledger.audited.issued(signed.actor)
        rows = [(inv, self.ledger.billing.balance(inv.id or 0)) for inv in issued]
        return self.page(request, signed, "invoices.html", "Invoices", invoices=rows)

    def invoice(self, request: Request, form: Form, signed: SignedIn) -> Response:
        """An invoice with its lines, the payments applied and the credits given, and its balance; billing staff
        also get the forms to credit, write off and refund it."""
        invoice_id = int(request.path_params["invoice_id"])
        inv = self.ledger.audited.get(signed.actor, invoice_id)
        account = self.ledger.audited.account(signed.actor, invoice_id)
        today = self.ledger.billing.today()
        overdue = max(0, (today - account.issued.due_date).days) if account.issued else 0
        title = f"Invoice {inv.number}" if inv.number else f"Invoice #{invoice_id}"
        return self.page(
            request, signed, "invoice.html", title, inv=inv, account=account, overdue=overdue,
            labels=CREDIT_LABELS,
        )  # fmt: skip

    def _credit_form(self, request: Request, form: Form) -> tuple[int, Money, str]:
        """The invoice, amount (in the invoice's currency) and reason a credit, write-off or refund form names."""
        invoice_id = int(request.path_params["invoice_id"])
        account = self.ledger.billing.invoice_account(invoice_id)
        if account.issued is None:
            raise BadInput(f"invoice #{invoice_id} is not open")
        amount = Money(_amount(str(form.get("amount", ""))), account.issued.currency)
        return invoice_id, amount, str(form.get("reason") or "").strip()

    def credit_note(self, request: Request, form: Form, signed: SignedIn) -> Response:
        signed.actor.require(Right.BILL)
        invoice_id, amount, reason = self._credit_form(request, form)
        self.ledger.audited.credit_note(signed.actor, invoice_id, amount, reason)
        return self._credited(invoice_id, f"credit note of {amount.amount:,.2f}")

    def write_off(self, request: Request, form: Form, signed: SignedIn) -> Response:
        signed.actor.require(Right.BILL)
        invoice_id, amount, reason = self._credit_form(request, form)
        self.ledger.audited.write_off(signed.actor, invoice_id, amount, reason)
        return self._credited(invoice_id, f"{amount.amount:,.2f} written off")

    def _credited(self, invoice_id: int, done: str) -> Response:
        balance = self.ledger.billing.balance(invoice_id)
        return _back(f"/invoices/{invoice_id}", msg=f"{done}; balance {balance:,.2f}")

    def refund(self, request: Request, form: Form, signed: SignedIn) -> Response:
        signed.actor.require(Right.BILL)
        invoice_id, amount, reason = self._credit_form(request, form)
        inv = self.ledger.billing.get(invoice_id)
        self.ledger.audited.refund(signed.actor, inv.client, amount, reason, inv.number)
        return self._credited(invoice_id, f"{amount.amount:,.2f} refunded")

    # --- money ---

    def payments(self, request: Request, form: Form, signed: SignedIn) -> Response:
        signed.actor.require(Right.BILL)
        if request.method == "GET":
            today = self.ledger.billing.today().isoformat()
            return self.page(
                request, signed, "payments.html", "Payments", clients=self.clients(), today=today
            )
        currency = str(form.get("currency") or "USD").strip().upper()
        record = PaymentRecord(
            client=str(form.get("client", "")),
            amount=Money(_amount(str(form.get("amount", ""))), currency),
            received_on=_day(str(form.get("date", ""))) or self.ledger.billing.today(),
            invoice_number=str(form.get("invoice") or "").strip() or None,
            method=str(form.get("method") or "check"),
        )
        outcome = self.ledger.audited.record_payment(signed.actor, record)
        applied = ", ".join(f"{a} {currency} to {n}" for n, a in outcome.allocations) or "nothing applied"
        extra = f"; {outcome.unapplied} {currency} on account" if outcome.unapplied else ""
        return _back("/payments", msg=f"payment recorded: {applied}{extra}")

    def trust(self, request: Request, form: Form, signed: SignedIn, rec: Any = None) -> Response:
        signed.actor.require(Right.BILL)
        moves = self.ledger.billing.trust_ledger()
        today = self.ledger.billing.today().isoformat()
        return self.page(
            request, signed, "trust.html", "Trust", clients=self.clients(), matters=self.matters(),
            moves=moves, today=today, rec=rec,
        )  # fmt: skip

    def deposit(self, request: Request, form: Form, signed: SignedIn) -> Response:
        client = str(form.get("client", ""))
        matter = str(form.get("matter") or "").strip() or None  # none: a general retainer of the client
        balance = self.ledger.audited.deposit_trust(
            signed.actor,
            client,
            Money(_amount(str(form.get("amount", "")))),
            str(form.get("memo") or "deposit"),
            matter,
        )
        held = f"{client} / {matter}" if matter else client
        return _back("/trust", msg=f"{held}: trust balance {balance:,.2f}")

    def reconcile(self, request: Request, form: Form, signed: SignedIn) -> Response:
        bank = Money(_amount(str(form.get("bank", ""))))
        rec = self.ledger.audited.reconcile_trust(signed.actor, bank, _day(str(form.get("as_of", ""))))
        return self.trust(request, form, signed, rec=rec)

    def aging(self, request: Request, form: Form, signed: SignedIn) -> Response:
        q = request.query_params
        by = q.get("by", "client")
        if by not in ("client", "matter", "attorney"):
            raise BadInput(f"aging by {by!r}: client, matter or attorney")
        report = self.ledger.audited.aging(signed.actor, _day(q.get("as_of", "")), by)
        client_ids = (
            {r.client: r.client_id for r in self.ledger.audited.open_invoices(signed.actor)}
            if by == "client"
            else {}
        )
        return self.page(
            request, signed, "ar.html", "A/R aging", report=report, buckets=BUCKETS, client_ids=client_ids
        )

    def ar_client(self, request: Request, form: Form, signed: SignedIn) -> Response:
        """One client's open invoices, each with what was paid and credited, its balance and days past due."""
        client_id = int(request.path_params["client_id"])
        rows = self.ledger.audited.open_invoices(signed.actor, client_id)
        today = self.ledger.billing.today()
        overdue = {r.id: max(0, (today - r.due_date).days) for r in rows}
        name = rows[0].client if rows else f"client #{client_id}"
        return self.page(
            request, signed, "ar_client.html", f"A/R: {name}", rows=rows, overdue=overdue, today=today
        )

    # --- expenses and rates ---

    def expenses(self, request: Request, form: Form, signed: SignedIn) -> Response:
        """Expenses (all, or one matter's), each billed or not; billing staff also get the form to add one."""
        matter = request.query_params.get("matter", "").strip() or None
        rows = self.ledger.billing.expenses(matter)
        today = self.ledger.billing.today().isoformat()
        return self.page(
            request, signed, "expenses.html", "Expenses", rows=rows, matter=matter or "",
            matters=self.matters(), today=today,
        )  # fmt: skip

    def add_expense(self, request: Request, form: Form, signed: SignedIn) -> Response:
        signed.actor.require(Right.BILL)
        matter = str(form.get("matter") or "").strip()
        day = _day(str(form.get("date", "")).strip())
        if day is None:
            raise BadInput("an expense needs its date (YYYY-MM-DD)")
        item = ExpenseItem(
            expense_id="x-" + secrets.token_hex(8),
            day=day,
            matter=matter,
            quantity=Decimal(1),
            unit_cost=Money(_amount(str(form.get("amount", "")))),
            code=str(form.get("code") or "").strip().upper(),
            description=" ".join(str(form.get("description") or "").split()),
        )
        self.ledger.audited.add_expense(signed.actor, item)
        return _back("/expenses", msg=f"expense of {item.unit_cost.amount:,.2f} added to {matter}")

    def rates(self, request: Request, form: Form, signed: SignedIn) -> Response:
        """The stored rate rules and timekeepers' default rates; billing staff also get the form to add a rule."""
        stored = self.ledger.billing.rates()
        timekeepers = sorted(self.ledger.billing.timekeepers().values(), key=lambda tk: tk.id)
        today = self.ledger.billing.today().isoformat()
        return self.page(
            request, signed, "rates.html", "Rates", rates=stored, timekeepers=timekeepers,
            scopes=[s.value for s in RateScope], today=today,
        )  # fmt: skip

    def add_rate(self, request: Request, form: Form, signed: SignedIn) -> Response:
        signed.actor.require(Right.BILL)
        try:
            scope = RateScope(str(form.get("scope", "")))
        except ValueError:
            raise BadInput(f"a rate is for a matter, client, timekeeper, activity or the firm: {form.get('scope')!r}") from None
        effective = _day(str(form.get("effective", "")).strip())
        if effective is None:
            raise BadInput("a rate needs the date it takes effect (YYYY-MM-DD)")
        rate = Rate(
            scope=scope,
            key=str(form.get("key") or "").strip(),
            rate=Money(_amount(str(form.get("rate", "")))),
            effective_from=effective,
            timekeeper=str(form.get("timekeeper") or "").strip() or None,
        )
        self.ledger.audited.add_rate(signed.actor, rate)
        what = f"{scope.value} {rate.key}".strip()
        return _back("/rates", msg=f"{what} rate {rate.rate.amount:,.2f} from {effective.isoformat()}")

    def reminders(self, request: Request, form: Form, signed: SignedIn) -> Response:
        signed.actor.require(Right.BILL)
        previews = [(o, m) for o, m in self.ledger.billing.preview_reminders() if m is not None]
        bodies = []
        for _o, m in previews:
            part = m.get_body(("plain",))
            bodies.append(part.get_content() if part is not None else "")
        return self.page(request, signed, "reminders.html", "Reminders", previews=previews, bodies=bodies)

    def send_reminders(self, request: Request, form: Form, signed: SignedIn) -> Response:
        run = self.ledger.audited.run_reminders(signed.actor)
        failed = [o for o in run.outcomes if o.status.value in ("failed", "unknown")]
        msg = f"{len(run.sent)} reminders sent" + (f", {len(failed)} not sent" if failed else "")
        return _back("/reminders", msg=msg)

    def audit(self, request: Request, form: Form, signed: SignedIn) -> Response:
        records = self.ledger.audited.audit(signed.actor)

        def when(ms: int) -> str:
            return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S")

        return self.page(request, signed, "audit.html", "Audit log", records=records, when=when)


def routes(ledger: FirmLedger, secure_cookies: bool = True) -> list[Route]:
    w = Workspace(ledger, secure_cookies)

    async def home(_request: Request) -> Response:
        return _back("/prebills")

    return [
        Route("/", home),
        Route("/signin", w.signin, methods=["GET", "POST"]),
        Route("/signout", w.view(w.signout, "/prebills"), methods=["POST"]),
        Route("/prebills", w.view(w.prebills, "/prebills")),
        Route("/prebills/draft", w.view(w.draft, "/prebills"), methods=["POST"]),
        Route("/prebills/finalize", w.view(w.finalize, "/prebills"), methods=["POST"]),
        Route("/prebills/{invoice_id:int}", w.view(w.prebill, "/prebills")),
        Route("/prebills/{invoice_id:int}/approve", w.view(w.approve, "/prebills"), methods=["POST"]),
        Route("/invoices", w.view(w.invoices, "/invoices")),
        Route("/invoices/{invoice_id:int}", w.view(w.invoice, "/invoices")),
        *(
            Route(f"/invoices/{{invoice_id:int}}/{name}", w.view(handler, "/invoices/{invoice_id}"), methods=["POST"])
            for name, handler in (("credit-note", w.credit_note), ("write-off", w.write_off), ("refund", w.refund))
        ),
        Route("/payments", w.view(w.payments, "/payments"), methods=["GET", "POST"]),
        Route("/trust", w.view(w.trust, "/trust")),
        Route("/trust/deposit", w.view(w.deposit, "/trust"), methods=["POST"]),
        Route("/trust/reconcile", w.view(w.reconcile, "/trust"), methods=["POST"]),
        Route("/ar", w.view(w.aging, "/ar")),
        Route("/ar/client/{client_id:int}", w.view(w.ar_client, "/ar")),
        Route("/expenses", w.view(w.expenses, "/expenses")),
        Route("/expenses/add", w.view(w.add_expense, "/expenses"), methods=["POST"]),
        Route("/rates", w.view(w.rates, "/rates")),
        Route("/rates/add", w.view(w.add_rate, "/rates"), methods=["POST"]),
        Route("/reminders", w.view(w.reminders, "/reminders")),
        Route("/reminders/send", w.view(w.send_reminders, "/reminders"), methods=["POST"]),
        Route("/audit", w.view(w.audit, "/audit")),
    ]
