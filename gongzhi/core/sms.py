"""SMS sending behind a configurable backend (settings.SMS_BACKEND).

A production deployment points SMS_BACKEND at a class wrapping its carrier's gateway;
the shipped backends print (development) or log (production without a gateway).
"""

from __future__ import annotations

import fcntl
import json
import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("gongzhi.sms")


class BaseSmsBackend:
    def send(self, mobile: str, text: str) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    def send(self, mobile: str, text: str) -> None:
        print(f"[SMS to {mobile}] {text}")  # noqa: T201 - development backend


class LogSmsBackend(BaseSmsBackend):
    def send(self, mobile: str, text: str) -> None:
        logger.warning("SMS not sent (no gateway configured) to %s****", mobile[:3])


class MemorySmsBackend(BaseSmsBackend):
    outbox: list[tuple[str, str]] = []

    def send(self, mobile: str, text: str) -> None:
        self.outbox.append((mobile, text))


class FileSmsBackend(BaseSmsBackend):
    """Appends each message as one JSON line to ``settings.SMS_OUTBOX``: the hand-over file
    of a site whose SMS gateway collects messages from a directory, and the scale-out
    check's count of messages sent. Appends are locked, so several workers may share it."""

    def send(self, mobile: str, text: str) -> None:
        line = json.dumps({"mobile": mobile, "text": text}, ensure_ascii=False) + "\n"
        with open(settings.SMS_OUTBOX, "a", encoding="utf-8") as outbox:
            fcntl.flock(outbox, fcntl.LOCK_EX)
            outbox.write(line)


def send_sms(mobile: str, text: str) -> None:
    backend: BaseSmsBackend = import_string(settings.SMS_BACKEND)()
    backend.send(mobile, text)
