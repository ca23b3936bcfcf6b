"""The ``gongzhi`` command: policy-profile tools, and Django management commands.

``gongzhi profiles list|show|check`` and ``gongzhi tally FILE.json`` (the offline check
of a vote count, seed 000 §18) work on the pure rules core and need no Django settings. Every
other subcommand is a Django management command with dashes turned into underscores
(``gongzhi demo-city --households 500`` runs ``demo_city``); ``gongzhi manage ARGS…``
passes ARGS to Django as they are. Django is imported only on that path, with
``DJANGO_SETTINGS_MODULE`` defaulting to ``gongzhi.settings``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from gongzhi.rules.profiles import (
    GROUPS,
    PARAMS,
    PROFILE_DIR,
    SCHEMA,
    PolicyProfile,
    ProfileError,
    UnknownProfileError,
    get_profile,
    list_profiles,
    load_profile_file,
)
from gongzhi.rules.tally import ScenarioError
from gongzhi.rules.tally import run as run_tally

RULES_COMMANDS = ("profiles", "tally")


def _width(text: str) -> int:
    """Display width in a terminal: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _profiles_list(_: argparse.Namespace) -> int:
    rows = [("ID", "NAME", "EXTENDS")]
    rows += [(s.id, s.name, s.extends or "—") for s in list_profiles()]
    print(_table(rows))
    return 0


def _show_json(profile: PolicyProfile) -> str:
    data = {
        "id": profile.id,
        "name": profile.name,
        "extends": profile.extends,
        "chain": list(profile.chain),
        "params": {
            key: {"value": p.display, "source": p.source, "defined_in": p.defined_in}
            for key, p in profile.params.items()
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _profiles_show(args: argparse.Namespace) -> int:
    try:
        profile = get_profile(args.profile_id)
    except UnknownProfileError as error:
        print(f"gongzhi: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(_show_json(profile))
        return 0
    print(f"{profile.id}: {profile.name}")
    print(f"inherits: {' → '.join(profile.chain)}")
    if profile.description:
        print(profile.description)
    for group, title in GROUPS.items():
        print(f"\n## {title}")
        for spec in PARAMS:
            if spec.group == group:
                param = profile.param(spec.key)
                print(f"{spec.key} = {param.display}")
                print(f"    source: {param.source}  (defined in {param.defined_in})")
    return 0


def _profiles_check(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or sorted(PROFILE_DIR.glob("*.toml"))
    failures = 0
    for path in paths:
        try:
            profile = load_profile_file(path)
        except ProfileError as error:
            failures += 1
            print(error, file=sys.stderr)
            continue
        overridden = sum(1 for p in profile.params.values() if p.defined_in == profile.id)
        print(f"ok  {path}  ({profile.id}: {overridden} of {len(SCHEMA)} parameters set here)")
    if failures:
        print(f"{failures} of {len(paths)} profile(s) failed", file=sys.stderr)
        return 1
    return 0


def _tally(args: argparse.Namespace) -> int:
    """Print the verdict of a vote scenario; bad input: a message on stderr, exit 2."""
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"gongzhi tally: cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    try:
        output = run_tally(text)
    except ScenarioError as error:
        print(f"gongzhi tally: {args.file}: {error}", file=sys.stderr)
        return 2
    print(output)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongzhi",
        description="Gongzhi (共治): policy-profile tools; any other command is a Django "
        "management command (e.g. `gongzhi demo-city --households 500`, `gongzhi manage "
        "migrate`).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    profiles = commands.add_parser("profiles", help="list, show and check policy profiles")
    actions = profiles.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="the shipped profiles").set_defaults(func=_profiles_list)
    show = actions.add_parser("show", help="a profile's effective parameters and sources")
    show.add_argument("profile_id", metavar="ID")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.set_defaults(func=_profiles_show)
    check = actions.add_parser("check", help="validate profile files (default: shipped)")
    check.add_argument("paths", nargs="*", metavar="PATH")
    check.set_defaults(func=_profiles_check)
    tally = commands.add_parser(
        "tally", help="check a vote count: JSON scenario in, verdict JSON out (seed 000 §18)"
    )
    tally.add_argument("file", metavar="FILE.json")
    tally.set_defaults(func=_tally)
    commands.add_parser("manage", help="run Django's manage.py with the given arguments")
    return parser


def _exit_code(error: SystemExit) -> int:
    code = error.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _run_django(argv: list[str]) -> int:
    """Run a Django management command; ``argv`` starts with the command name."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["gongzhi", *argv])
    except SystemExit as error:
        return _exit_code(error)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gongzhi`` console script and ``python -m gongzhi``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "manage":
        return _run_django(args[1:])
    if args and not args[0].startswith("-") and args[0] not in RULES_COMMANDS:
        return _run_django([args[0].replace("-", "_"), *args[1:]])
    parser = _parser()
    try:
        namespace = parser.parse_args(args)
    except SystemExit as error:
        return _exit_code(error)
    if namespace.command is None:
        parser.print_help(sys.stderr)
        return 2
    return int(namespace.func(namespace))


if __name__ == "__main__":
    raise SystemExit(main())
