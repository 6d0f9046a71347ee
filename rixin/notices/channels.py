"""The channels a notice travels by, each a function ``send(delivery, settings) -> response``
that raises ``ChannelError`` when the channel refuses or cannot be reached. Only the standard
library's urllib is used, always with a timeout.

Every request carries the delivery's idempotency key: SMS in its JSON body (``key``), the
robots and the gateway in the ``Idempotency-Key`` header, email as its Message-ID. A channel
that honours the key drops a repeat; one that does not (the robots) may receive a notice
twice if the worker dies after the channel accepted it and before it recorded so.

Only email carries a notice's files (its attachments); the robots and SMS carry its link.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import mimetypes
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings as django_settings
from django.core.mail import EmailMessage, get_connection

from .choices import ChannelKind

log = logging.getLogger(__name__)


class ChannelError(Exception):
    """The channel did not accept the notice (the worker retries with back-off)."""


def timeout() -> float:
    return float(getattr(django_settings, "RIXIN_NOTICE_TIMEOUT_SECONDS", 10))


def markdown(notice, base_url: str = "") -> str:
    text = f"**{notice.title}**\n\n{notice.body}".strip()
    if notice.link:
        text += f"\n\n[{notice.link}]({base_url}{notice.link})"
    return text


def post_json(url: str, payload: dict, headers: dict | None = None) -> str:
    """POST ``payload`` as JSON; the answer's text, or ChannelError for an HTTP error."""
    if not url.startswith(("https://", "http://")):
        raise ChannelError("only http and https addresses are allowed")
    data = json.dumps(payload, ensure_ascii=False).encode()
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        url,
        data=data,
        method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout()) as response:  # noqa: S310
            return response.read(4000).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        raise ChannelError(f"HTTP {exc.code}: {exc.read(500).decode('utf-8', 'replace')}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise ChannelError(str(getattr(exc, "reason", exc))) from exc


def _robot_answer(text: str) -> str:
    """企业微信 and 钉钉 answer 200 with {"errcode": 0} on success, another code otherwise."""
    try:
        answer = json.loads(text)
    except ValueError as exc:
        raise ChannelError(f"not JSON: {text[:200]}") from exc
    if answer.get("errcode", 0) != 0:
        raise ChannelError(f"errcode {answer.get('errcode')}: {answer.get('errmsg', '')}")
    return text


def dingtalk_signed_url(url: str, secret: str, timestamp_ms: int | None = None) -> str:
    """钉钉's signed-secret mode: ``timestamp`` (ms) and ``sign`` =
    urlencode(base64(HmacSHA256(secret, f"{timestamp}\\n{secret}")))."""
    timestamp = str(timestamp_ms if timestamp_ms is not None else int(time.time() * 1000))
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}timestamp={timestamp}&sign={sign}"


def send_wecom(delivery, channels) -> str:
    payload = {"msgtype": "markdown", "markdown": {"content": markdown(delivery.notice)}}
    headers = {"Idempotency-Key": delivery.idempotency_key}
    return _robot_answer(post_json(channels.wecom_webhook, payload, headers))


def send_dingtalk(delivery, channels) -> str:
    url = channels.dingtalk_webhook
    if channels.dingtalk_secret:
        url = dingtalk_signed_url(url, channels.dingtalk_secret)
    notice = delivery.notice
    payload = {"msgtype": "markdown", "markdown": {"title": notice.title, "text": markdown(notice)}}
    headers = {"Idempotency-Key": delivery.idempotency_key}
    return _robot_answer(post_json(url, payload, headers))


def send_sms(delivery, channels) -> str:
    """POST {to, text, template?, key} with ``Authorization: Bearer <token>``; any 2xx
    answer is acceptance (a gateway that has seen the key answers 2xx without resending)."""
    if not channels.sms_gateway:
        raise ChannelError("no SMS gateway configured")
    notice = delivery.notice
    payload = {"to": delivery.address, "text": f"{notice.title} {notice.body}".strip()[:300]}
    if channels.sms_template:
        payload["template"] = channels.sms_template
    payload["key"] = delivery.idempotency_key
    headers = {"Idempotency-Key": delivery.idempotency_key}
    if channels.sms_token:
        headers["Authorization"] = f"Bearer {channels.sms_token}"
    return post_json(channels.sms_gateway, payload, headers)


def attach_files(message: EmailMessage, notice) -> list[str]:
    """Attach the notice's files under their names (Django encodes a Chinese name by RFC
    2231); the names of those no longer on disk, which the email goes without — its link
    still reaches the report, and a retry would not bring the file back."""
    missing = []
    for attachment in notice.attachments.all():
        path = Path(attachment.path)
        if not path.is_file():
            log.warning("notice %s: attachment %s is gone", notice.pk, path)
            missing.append(attachment.name)
            continue
        mimetype = mimetypes.guess_type(attachment.name)[0] or "application/octet-stream"
        message.attach(attachment.name, path.read_bytes(), mimetype)
    return missing


def send_email(delivery, channels) -> str:
    """Through Django's mail backend (``EMAIL_BACKEND``; SMTP in production), with the
    notice's files attached."""
    notice = delivery.notice
    body = notice.body + (f"\n\n{notice.link}" if notice.link else "")
    message = EmailMessage(
        subject=notice.title,
        body=body,
        to=[delivery.address],
        headers={"Message-ID": f"<{delivery.idempotency_key}@rixin>"},
        connection=get_connection(fail_silently=False, timeout=timeout()),
    )
    missing = attach_files(message, notice)
    try:
        sent = message.send()
    except Exception as exc:  # smtplib errors, socket errors: every backend raises its own
        raise ChannelError(str(exc)[:400]) from exc
    if not sent:
        raise ChannelError("the mail backend sent nothing")
    return "250 accepted" + (f"; not attached: {', '.join(missing)}" if missing else "")


SENDERS = {
    ChannelKind.EMAIL: send_email,
    ChannelKind.WECOM: send_wecom,
    ChannelKind.DINGTALK: send_dingtalk,
    ChannelKind.SMS: send_sms,
}
