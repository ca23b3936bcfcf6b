"""``makemessages`` that also extracts ``_t(…)`` (views import ``gettext as _t`` where
``_`` is taken by ``gettext_lazy``, and xgettext only knows the standard keywords) and
the policy profiles' English source texts (``rules.profiles.messages``): run from
``gongzhi/``, each ``rules/profiles/*.toml`` goes to the project catalogue as a Python
file of ``gettext_noop`` calls on the same lines, so the catalogue points at the TOML."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.commands import makemessages

from gongzhi.rules.profiles import PROFILE_DIR
from gongzhi.rules.profiles.messages import source_msgids


class ProfileBuildFile(makemessages.BuildFile):
    """A profile file handed to xgettext as its source msgids, line for line."""

    def preprocess(self) -> None:
        if not str(self.path).endswith(".toml"):
            return super().preprocess()
        text = Path(self.path).read_text(encoding="utf-8")
        lines = [""] * len(text.splitlines())
        for number, msgid in source_msgids(text):
            lines[number - 1] += f"gettext_noop({msgid!r}); "
        Path(self.work_path).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return None


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_t"]
    build_file_class = ProfileBuildFile

    def find_files(self, root: str) -> list[Any]:
        found: list[Any] = super().find_files(root)
        inside = os.path.relpath(PROFILE_DIR, root)
        if self.domain != "django" or inside.startswith(".."):
            return found
        locale_dir = self.default_locale_path
        for path in sorted(PROFILE_DIR.glob("*.toml")):
            found.append(
                self.translatable_file_class(os.path.join(root, inside), path.name, locale_dir)
            )
        return sorted(found)
