"""Explanations: the human reason every rule result carries.

Owns :class:`Explanation`. Page, PDF and API show the same reason because they render the
same value: ``message`` is an English msgid with ``%(name)s`` placeholders, ``params`` are
already-formatted strings and ``citation`` names the seed clause or law article. The web
layer translates with ``gongzhi.core.explain.explain``; :func:`gettext_noop` marks the
msgids so ``makemessages`` extracts them without the rules core importing Django.

A parameter that names codes of a vocabulary (a profile's parties, a result band, a
department kind) is passed as :func:`terms`: its ``params`` entry keeps the codes (``"tenderer,
experts"``, what machine readers and rows stored before labels get), and ``labels`` holds
the msgid of each code, which the renderer translates and joins as the reader's language
enumerates (``招标人、物业管理专家``; ``Tenderer, Property-management experts``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    """Mark ``message`` as a msgid for extraction; return it unchanged."""
    return message


@dataclass(frozen=True)
class Terms:
    """Codes of one vocabulary as an explanation parameter, each with its label's msgid."""

    codes: tuple[str, ...]
    labels: tuple[str, ...]

    def __str__(self) -> str:
        return ", ".join(self.codes)


def terms(codes: str | Iterable[str], vocabulary: Mapping[str, str]) -> Terms:
    """``codes`` (one code or several, in order) with their msgids from ``vocabulary``
    (a code the vocabulary lacks shows as itself)."""
    listed = (codes,) if isinstance(codes, str) else tuple(codes)
    return Terms(listed, tuple(vocabulary.get(code, code) for code in listed))


@dataclass(frozen=True)
class Explanation:
    """A reason: msgid-style English text, its parameters and its source citation.

    ``labels`` maps a parameter that holds codes to their label msgids (see :func:`terms`).
    """

    message: str
    params: tuple[tuple[str, str], ...] = ()
    citation: str = ""
    labels: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def of(cls, message: str, citation: str = "", **params: object) -> Explanation:
        """Build an explanation; every parameter is turned into its display string, and a
        :class:`Terms` parameter also records its labels."""
        labels = tuple((name, v.labels) for name, v in params.items() if isinstance(v, Terms))
        return cls(
            message, tuple((name, str(value)) for name, value in params.items()), citation, labels
        )

    @property
    def params_dict(self) -> dict[str, str]:
        return dict(self.params)

    @property
    def labels_dict(self) -> dict[str, list[str]]:
        return {name: list(msgids) for name, msgids in self.labels}

    def render(self) -> str:
        """The English text with its parameters filled in (no citation); coded
        parameters read as their English labels."""
        if not self.params:
            return self.message
        shown = self.params_dict | {name: ", ".join(msgids) for name, msgids in self.labels}
        return self.message % shown

    def __str__(self) -> str:
        text = self.render()
        return f"{text} [{self.citation}]" if self.citation else text
