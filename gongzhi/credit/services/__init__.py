"""Writes of the credit domain, one module per area: ``records`` (manual and automatic
records, approval, appeals), ``scores`` (yearly scores, the blacklist and its letters)
and ``inspections`` (the 双随机 draw). Every write is atomic and audited; bad input
raises a translated DomainError naming the field and writes nothing."""
