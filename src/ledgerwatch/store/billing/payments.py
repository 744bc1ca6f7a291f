"""Money in: payments and their allocation to invoices, credits (credit notes, write-offs, trust), trust funds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Connection, select

from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import OPEN_STATES, CreditKind, Realization
from ledgerwatch.store.codec import to_ms
from ledgerwatch.store.schema import (
    bill_allocations,
    bill_credits,
    bill_invoices,
    bill_payments,
    bill_trust,
    clients,
    matters,
)


@dataclass(frozen=True, slots=True)
class AppliedPayment:
    """The part of one payment applied to one invoice."""

    received_on: date
    method: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class TrustMovement:
    """One line of a client-matter's trust ledger: a deposit (positive), or money applied to or returned from
    an invoice."""

    id: int
    client_id: int
    client: str
    day: date
    amount: Decimal
    memo: str
    invoice: str | None
    matter: str | None = None
    """the matter whose funds moved; None: the client's general retainer"""


@dataclass(frozen=True, slots=True)
class Credit:
    """A reduction of an invoice's balance that is not a payment."""

    kind: CreditKind
    amount: Decimal
    day: date
    reason: str
    memo: str


class PaymentTables:
    """Payments, credits and trust, read and written inside the caller's transaction."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    # --- payments ---

    def insert(
        self,
        *,
        client_id: int,
        received_on: date,
        amount: Money,
        method: str,
        reference: str,
        source: str,
        external_id: str | None,
        now: datetime,
    ) -> int | None:
        """A new payment's id, or None when (source, external_id) is already recorded (a re-pulled payment)."""
        conn = self._conn
        if external_id is not None:
            found = conn.execute(
                select(bill_payments.c.id).where(
                    bill_payments.c.source == source, bill_payments.c.external_id == external_id
                )
            ).first()
            if found is not None:
                return None
        key = conn.execute(
            bill_payments.insert().values(
                client_id=client_id,
                received_on=received_on,
                amount=amount.amount,
                currency=amount.currency,
                method=method,
                reference=reference,
                source=source,
                external_id=external_id,
                recorded_ms=to_ms(now),
            )
        ).inserted_primary_key
        assert key is not None
        return int(key[0])

    def allocate(self, payment_id: int, invoice_id: int, amount: Decimal) -> None:
        self._conn.execute(
            bill_allocations.insert().values(payment_id=payment_id, invoice_id=invoice_id, amount=amount)
        )

    def unapplied(self, client_id: int) -> Decimal:
        """Payments received from a client and not yet allocated to an invoice (credit on account)."""
        conn = self._conn
        received = sum(
            (
                Decimal(a)
                for (a,) in conn.execute(
                    select(bill_payments.c.amount).where(bill_payments.c.client_id == client_id)
                )
            ),
            Decimal(0),
        )
        applied = sum(
            (
                Decimal(a)
                for (a,) in conn.execute(
                    select(bill_allocations.c.amount)
                    .join(bill_payments, bill_payments.c.id == bill_allocations.c.payment_id)
                    .where(bill_payments.c.client_id == client_id)
                )
            ),
            Decimal(0),
        )
        return received - applied

    def unapplied_payments(self, client_id: int, currency: str) -> list[tuple[int, Decimal]]:
        """The client's payments in currency with money not yet applied to an invoice: (id, left), oldest first."""
        conn = self._conn
        rows = conn.execute(
            select(bill_payments.c.id, bill_payments.c.amount)
            .where(
                bill_payments.c.client_id == client_id,
                bill_payments.c.currency == currency,
                bill_payments.c.amount > 0,
            )
            .order_by(bill_payments.c.received_on, bill_payments.c.id)
        ).all()
        applied: dict[int, Decimal] = {}
        for pid, amount in conn.execute(
            select(bill_allocations.c.payment_id, bill_allocations.c.amount)
            .join(bill_payments, bill_payments.c.id == bill_allocations.c.payment_id)
            .where(bill_payments.c.client_id == client_id)
        ):
            applied[pid] = applied.get(pid, Decimal(0)) + Decimal(amount)
        left = [(int(pid), Decimal(amount) - applied.get(pid, Decimal(0))) for pid, amount in rows]
        refunded = -sum(  # refunds of credit on account (negative payments with no allocation) come off the oldest
            (Decimal(a) for (a,) in conn.execute(
                select(bill_payments.c.amount).where(
                    bill_payments.c.client_id == client_id,
                    bill_payments.c.currency == currency,
                    bill_payments.c.amount < 0,
                    ~select(bill_allocations.c.id)
                    .where(bill_allocations.c.payment_id == bill_payments.c.id)
                    .exists(),
                )
            )),
            Decimal(0),
        )  # fmt: skip
        out = []
        for pid, amount in left:
            take = min(amount, refunded) if refunded > 0 else Decimal(0)
            refunded -= take
            if amount - take > 0:
                out.append((pid, amount - take))
        return out

    def lock_client(self, client_id: int) -> None:
        """Lock the client's row until the transaction ends, so two transactions never draw its trust at once."""
        self._conn.execute(select(clients.c.id).where(clients.c.id == client_id).with_for_update())

    def paid_on(self, invoice_id: int) -> Decimal:
        """Net payments on an invoice (refunds of its payments taken off)."""
        return sum((p.amount for p in self.applied_to(invoice_id)), Decimal(0))

    def trust_ledger(self, client_id: int | None = None) -> list[TrustMovement]:
        """Trust movements in order (deposits positive, draws negative), of one client or all, each with the
        matter whose funds moved (None: the client's general retainer)."""
        stmt = (
            select(
                bill_trust,
                clients.c.name,
                bill_invoices.c.number,
                matters.c.number.label("matter_number"),
            )
            .join(clients, clients.c.id == bill_trust.c.client_id)
            .outerjoin(bill_invoices, bill_invoices.c.id == bill_trust.c.invoice_id)
            .outerjoin(matters, matters.c.id == bill_trust.c.matter_id)
            .order_by(bill_trust.c.day, bill_trust.c.id)
        )
        if client_id is not None:
            stmt = stmt.where(bill_trust.c.client_id == client_id)
        return [
            TrustMovement(
                r["id"],
                r["client_id"],
                r["name"],
                r["day"],
                Decimal(r["amount"]),
                r["memo"],
                r["number"],
                r["matter_number"],
            )
            for r in self._conn.execute(stmt).mappings()
        ]

    def applied_to(self, invoice_id: int) -> list[AppliedPayment]:
        """What payments paid toward an invoice, in the order they came."""
        stmt = (
            select(bill_payments.c.received_on, bill_payments.c.method, bill_allocations.c.amount)
            .join(bill_payments, bill_payments.c.id == bill_allocations.c.payment_id)
            .where(bill_allocations.c.invoice_id == invoice_id)
            .order_by(bill_payments.c.received_on, bill_allocations.c.id)
        )
        return [
            AppliedPayment(day, method, Decimal(amount)) for day, method, amount in self._conn.execute(stmt)
        ]

    # --- credits ---

    def add_credit(
        self,
        invoice_id: int,
        kind: CreditKind,
        amount: Decimal,
        day: date,
        now: datetime,
        reason: str,
        memo: str,
    ) -> None:
        self._conn.execute(
            bill_credits.insert().values(
                invoice_id=invoice_id,
                kind=kind.value,
                amount=amount,
                reason=reason,
                memo=memo,
                day=day,
                created_ms=to_ms(now),
            )
        )

    def credits(self, invoice_id: int) -> list[Credit]:
        stmt = select(bill_credits).where(bill_credits.c.invoice_id == invoice_id).order_by(bill_credits.c.id)
        return [
            Credit(CreditKind(r["kind"]), Decimal(r["amount"]), r["day"], r["reason"], r["memo"])
            for r in self._conn.execute(stmt).mappings()
        ]

    # --- trust ---

    def add_trust(
        self,
        client_id: int,
        day: date,
        amount: Decimal,
        memo: str,
        now: datetime,
        invoice_id: int | None = None,
        matter_id: int | None = None,
    ) -> None:
        """A trust movement: a deposit (positive), or an amount applied to or returned from an invoice; of
        the funds held for matter_id, or of the client's general retainer when None."""
        self._conn.execute(
            bill_trust.insert().values(
                client_id=client_id,
                matter_id=matter_id,
                day=day,
                amount=amount,
                memo=memo,
                invoice_id=invoice_id,
                created_ms=to_ms(now),
            )
        )

    def trust_balances(self) -> dict[int, Decimal]:
        """Each client's trust funds, all its matters and its general retainer together (clients without any
        movement are absent)."""
        out: dict[int, Decimal] = {}
        for cid, amount in self._conn.execute(select(bill_trust.c.client_id, bill_trust.c.amount)):
            out[cid] = out.get(cid, Decimal(0)) + Decimal(amount)
        return out

    def trust_funds(self, client_id: int | None = None) -> dict[tuple[int, int | None], Decimal]:
        """Each client-matter's trust funds, by (client id, matter id or None for the general retainer), of
        one client or all (funds without any movement are absent)."""
        stmt = select(bill_trust.c.client_id, bill_trust.c.matter_id, bill_trust.c.amount)
        if client_id is not None:
            stmt = stmt.where(bill_trust.c.client_id == client_id)
        out: dict[tuple[int, int | None], Decimal] = {}
        for cid, mid, amount in self._conn.execute(stmt):
            out[(cid, mid)] = out.get((cid, mid), Decimal(0)) + Decimal(amount)
        return out

    def trust_drawn(self, invoice_id: int) -> dict[int | None, Decimal]:
        """What trust an invoice holds, by the fund it came from (matter id, None: general): the negative of
        the movements recorded against it, funds it holds nothing of left out."""
        out: dict[int | None, Decimal] = {}
        for mid, amount in self._conn.execute(
            select(bill_trust.c.matter_id, bill_trust.c.amount)
            .where(bill_trust.c.invoice_id == invoice_id)
            .order_by(bill_trust.c.id)
        ):
            out[mid] = out.get(mid, Decimal(0)) - Decimal(amount)
        return {mid: amount for mid, amount in out.items() if amount != 0}

    def client_matter(self, client_id: int, number: str) -> int | None:
        """The id of the client's matter with this number; None when the client has no such matter."""
        found = self._conn.execute(
            select(matters.c.id).where(matters.c.client_id == client_id, matters.c.number == number)
        ).scalar()
        return None if found is None else int(found)

    # --- reports ---

    def realization(self, since: date, until: date, currency: str) -> Realization:
        """Worked value and billed amounts of invoices issued in [since, until], and payments received then."""
        conn = self._conn
        worked = billed = collected = Decimal(0)
        for w, t in conn.execute(
            select(bill_invoices.c.worked_value, bill_invoices.c.total).where(
                bill_invoices.c.state.in_([s.value for s in OPEN_STATES]),
                bill_invoices.c.issue_date.between(since, until),
            )
        ):
            worked += Decimal(w)
            billed += Decimal(t)
        for (a,) in conn.execute(
            select(bill_allocations.c.amount)
            .join(bill_payments, bill_payments.c.id == bill_allocations.c.payment_id)
            .where(bill_payments.c.received_on.between(since, until))
        ):
            collected += Decimal(a)
        return Realization(Money(worked, currency), Money(billed, currency), Money(collected, currency))
