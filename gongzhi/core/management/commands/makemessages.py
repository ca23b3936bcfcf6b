"""``makemessages`` that also extracts ``_t(…)``: views import ``gettext as _t`` where
``_`` is taken by ``gettext_lazy``, and xgettext only knows the standard keywords."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_t"]
