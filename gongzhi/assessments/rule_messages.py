"""The rules core's assessment msgids (gongzhi/rules/assessments.py), listed again here so
that this app's own catalogue carries their Chinese: ``makemessages`` run in this app
does not read gongzhi/rules. A test checks that the two lists are the same."""

from django.utils.translation import gettext_noop

MESSAGES = (
    gettext_noop("Enter the points for “%(item)s”."),
    gettext_noop("The points for “%(item)s” must be a number with at most two decimals."),
    gettext_noop("The points for “%(item)s” must be between 0 and %(max)s."),
    gettext_noop("“%(item)s” is not an item of this form."),
    gettext_noop(
        "%(score)s of %(max)s points is %(score_100)s out of 100, in the band “%(band)s” "
        "(from %(min)s)."
    ),
    gettext_noop(
        "Yearly result: the mean of the %(count)s published quarters (%(quarters)s) is %(mean)s."
    ),
    gettext_noop("%(score_100)s out of 100 reaches the pass score %(pass)s: the committee passed."),
    gettext_noop(
        "%(score_100)s out of 100 is below the pass score %(pass)s: the committee did not pass."
    ),
    gettext_noop(
        "Members may receive a transport and telephone subsidy of at most %(cap)s per person "
        "per month, paid from the project's service fees or common income."
    ),
    gettext_noop("No member subsidy: the committee did not pass."),
    gettext_noop("No member subsidy: this jurisdiction's policy sets none."),
)
