"""The domain events this app emits (ADR 0005); subscribers import the names from here."""

WARNING_ISSUED = "oversight.warning_issued"
"""A warning talk (约谈警告) was held. Data: talk_id, company_id, project_id, held_on, reason.
Subscriber: ``gongzhi.credit.handlers.record_warning_talk`` (seed 002 §四(三))."""
