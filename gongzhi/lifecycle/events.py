"""Events the lifecycle capability emits (ADR 0005); both ends import the constant.

``lifecycle.exit_notice_late`` — emitted by ``lifecycle.services.exit_notify`` when a
company's written exit notice comes later than the profile's days before the end (seed 000
§12; 004 §10); consumed by ``credit.handlers`` (the catalogue's ``exit_misconduct`` kind
whose ``match`` is ``late_notice``). Data: ``exit_id``, ``company_id``, ``project_id``,
``notice_on``, ``due``, ``end_on`` (ISO dates), ``days`` (the notice period). Credit
subscribes with the literal kind, since lifecycle imports credit (tender eligibility).
"""

EXIT_NOTICE_LATE = "lifecycle.exit_notice_late"

EXIT_NOTIFIED = "lifecycle.exit_notified"
"""``lifecycle.exit_notified`` — emitted by ``lifecycle.services.exit_notify`` for every
recorded exit notice; consumed by ``notices.handlers.exit_notice``, which tells the
project's owners through the one notice mechanism (seed 000 §12; 004 §10: 书面告知业主).
Data: ``exit_id``, ``project_id``, ``company_name``, ``kind_label``, ``notice_on``,
``end_on`` (ISO dates)."""

HANDOVER_PUBLISHED = "lifecycle.handover_published"
"""``lifecycle.handover_published`` — emitted by ``lifecycle.services.handover_publish``;
consumed by ``disclosure.handlers.handover_results``, which posts the result on the
project's disclosure board (seed 000 §24: 向业主公开查验结果). Data: ``handover_id``,
``project_id``, ``inspected_on``, ``signed_on`` (ISO dates), ``findings``, ``defects``,
``rectified`` (counts) and ``issues`` (each defect's place and description)."""
