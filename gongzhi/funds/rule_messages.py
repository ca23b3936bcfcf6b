"""The rules core's fund msgids (gongzhi/rules/funds.py), listed again here so that this
app's own catalogue carries their Chinese: ``makemessages`` run in this app does not read
gongzhi/rules. A test checks that the two lists are the same. (The msgids of
gongzhi/rules/money.py are in the project catalogue.)"""

from django.utils.translation import gettext_noop

MESSAGES = (
    gettext_noop("First maintenance-fund deposit: %(area)s m² × %(rate)s per m² = %(amount)s."),
    gettext_noop(
        "First maintenance-fund deposit: %(area)s m² × construction cost %(cost)s per m² × "
        "%(percent)s = %(amount)s."
    ),
    gettext_noop(
        "Old-project fund: %(area)s m² × %(rate)s per m² (at most %(cap)s with an elevator) = "
        "%(owners)s from the owners; the district finance matches %(ratio)s: %(match)s."
    ),
    gettext_noop(
        "Old-project fund: %(area)s m² × %(rate)s per m² (at most %(cap)s without an elevator) "
        "= %(owners)s from the owners; the district finance matches %(ratio)s: %(match)s."
    ),
    gettext_noop("This jurisdiction's policy sets no old-project fund."),
    gettext_noop(
        "Quality warranty deposit: %(percent)s of the construction cost %(cost)s = %(amount)s."
    ),
    gettext_noop("This jurisdiction's policy sets no quality warranty deposit."),
)
