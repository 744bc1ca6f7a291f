"""ledgerwatch: passive time capture, ethical drafts, review, sync and billing for law firms."""

__version__ = "0.1.0"
