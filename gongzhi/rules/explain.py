"""Explanations: the human reason every rule result carries.

Owns :class:`Explanation`. Page, PDF and API show the same reason because they render the
same value: ``message`` is an English msgid with ``%(name)s`` placeholders, ``params`` are
already-formatted strings and ``citation`` names the seed clause or law article. The web
layer translates with ``gettext(e.message) % e.params_dict``; :func:`gettext_noop` marks
the msgids so ``makemessages`` extracts them without the rules core importing Django.
"""

from __future__ import annotations

from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    """Mark ``message`` as a msgid for extraction; return it unchanged."""
    return message


@dataclass(frozen=True)
class Explanation:
    """A reason: msgid-style English text, its parameters and its source citation."""

    message: str
    params: tuple[tuple[str, str], ...] = ()
    citation: str = ""

    @classmethod
    def of(cls, message: str, citation: str = "", **params: object) -> Explanation:
        """Build an explanation; every parameter is turned into its display string."""
        return cls(message, tuple((name, str(value)) for name, value in params.items()), citation)

    @property
    def params_dict(self) -> dict[str, str]:
        return dict(self.params)

    def render(self) -> str:
        """The English text with its parameters filled in (no citation)."""
        return self.message % self.params_dict if self.params else self.message

    def __str__(self) -> str:
        text = self.render()
        return f"{text} [{self.citation}]" if self.citation else text
