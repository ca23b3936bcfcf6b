# ruff: noqa: E501
"""The rules core's explanation texts (gongzhi/rules/fees.py), restated so this app's
catalogue translates them: the rules core imports no Django and has no catalogue of its
own here. A test checks that this list and the rules core stay the same."""

from gongzhi.rules.explain import gettext_noop

MESSAGES = (
    gettext_noop(
        "%(item)s: %(area)s m² × %(price)s per m² a month = %(monthly)s a month (rounded half up to the fen) × %(months)s months = %(amount)s."
    ),
    gettext_noop(
        "%(item)s: %(area)s m² × %(price)s per m² a month × %(share)s for an unrenovated part = %(monthly)s a month (rounded half up to the fen) × %(months)s months = %(amount)s."
    ),
    gettext_noop(
        "%(item)s: %(price)s per part a month = %(monthly)s a month × %(months)s months = %(amount)s."
    ),
    gettext_noop(
        "%(item)s: %(price)s per part a month × %(share)s for an unrenovated part = %(monthly)s a month (rounded half up to the fen) × %(months)s months = %(amount)s."
    ),
    gettext_noop("Billed to the owner of the part."),
    gettext_noop("The part is not yet sold or not yet delivered: the developer pays the full fee."),
    gettext_noop("The part has no registered owner, so no one can be billed for it."),
    gettext_noop(
        "“%(item)s” is not on the published fee list; no fee outside the published list may be charged."
    ),
    gettext_noop("The published list has no item for parts of this kind."),
    gettext_noop(
        "The developer owes the property company a reserve subsidy of at least %(months)s months (the full wages of the project's staff) for %(count)s unsold parts."
    ),
    gettext_noop("This jurisdiction's policy sets no reserve subsidy for unsold parts."),
    gettext_noop("Enter the price as a number of yuan."),
    gettext_noop("The price must be greater than zero."),
    gettext_noop("The price may have at most four decimals."),
    gettext_noop("A billing period is 1 to %(max)s months."),
)
