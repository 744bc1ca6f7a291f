"""Sending billing e-mail over SMTP, with the one distinction reminders need: surely not sent, or maybe sent.

Exception
 └── MailError
      ├── NotSent    the server never took the message (refused connection, sender, recipients or data)
      └── MaybeSent  the connection broke after the data went out: it may have been delivered
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from typing import Protocol

from ledgerwatch.domain.errors import LedgerwatchError


class MailError(LedgerwatchError):
    pass


class NotSent(MailError):
    """The message was certainly not accepted; sending again later is safe."""


class MaybeSent(MailError):
    """The outcome is unknown; sending again could deliver it twice."""


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class SmtpMailer:
    """smtplib over an injected host and port; STARTTLS and login when configured."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = False,
        timeout: float = 30.0,
    ) -> None:
        self.host, self.port = host, port
        self.username, self.password = username, password
        self.starttls, self.timeout = starttls, timeout

    def send(self, message: EmailMessage) -> None:
        try:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        except (OSError, smtplib.SMTPException) as exc:
            raise NotSent(f"cannot reach {self.host}:{self.port}: {exc}") from exc
        data_sent = False
        try:
            with client:
                if self.starttls:
                    client.starttls(context=ssl.create_default_context())
                if self.username:
                    client.login(self.username, self.password or "")
                data_sent = True
                client.send_message(message)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            raise NotSent(str(exc)) from exc
        except (smtplib.SMTPHeloError, smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError) as exc:
            raise NotSent(str(exc)) from exc
        except (OSError, smtplib.SMTPException) as exc:
            if data_sent:
                raise MaybeSent(str(exc)) from exc
            raise NotSent(str(exc)) from exc


def message(
    *, sender: str, to: str, subject: str, body: str, attachment: bytes | None = None, filename: str = ""
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    if attachment is not None:
        msg.add_attachment(attachment, maintype="application", subtype="pdf", filename=filename)
    return msg
