"""Gongzhi's rules core: the seeds' and the law's rules as pure Python plus data.

Owns every legal or policy judgement the platform makes (voting thresholds, deadlines,
money, identity numbers, credit grades) and the policy profiles those rules read their
numbers from. Nothing here imports Django or another Gongzhi package (an import-linter
contract checks it): the database sums, the rules core judges the totals.

Modules: ``explain`` (the reason every result carries), ``exact`` (exact-number helpers),
``thresholds`` and ``decisions`` (民法典 art. 278), ``workdays`` (工作日 deadlines),
``money`` (fen, performance bond, funds), ``identity`` (ID numbers and USCC),
``credit`` (grades, blacklist), ``projects`` (old-project cutoff) and ``profiles``.
"""
