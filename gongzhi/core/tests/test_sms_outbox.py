"""The file outbox SMS backend: one JSON line per message, appended under a lock, so the
scale-out check can count that each SMS task ran once."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from gongzhi.core.sms import send_sms


def test_every_message_is_one_line_even_from_many_threads(settings, tmp_path):
    settings.SMS_BACKEND = "gongzhi.core.sms.FileSmsBackend"
    settings.SMS_OUTBOX = tmp_path / "outbox.jsonl"
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda n: send_sms(f"1380013{n:04d}", f"您的报修已受理 {n}"), range(50)))
    lines = [json.loads(line) for line in settings.SMS_OUTBOX.read_text().splitlines()]
    assert sorted(m["text"] for m in lines) == sorted(f"您的报修已受理 {n}" for n in range(50))
    assert {m["mobile"] for m in lines} == {f"1380013{n:04d}" for n in range(50)}
