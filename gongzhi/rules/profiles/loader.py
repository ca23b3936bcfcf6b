"""Loading policy profiles: TOML files, validation, inheritance and the cached lookup.

Owns reading ``<id>.toml`` files with ``tomllib``, turning every problem into a
:class:`ProfileError` that names the file, the key and what was expected, resolving
``extends`` chains (a child overrides its parent key by key; unknown parents and cycles
are errors; a profile without ``extends`` must define every key of the schema), and the
effective :class:`PolicyProfile` with typed accessors. Shipped profiles live next to this
module; :func:`get_profile` caches them.
"""

from __future__ import annotations

import difflib
import functools
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar, cast

from gongzhi.rules.decisions import DecisionRule
from gongzhi.rules.params import GradeBand, InvalidValue, show
from gongzhi.rules.profiles.schema import SCHEMA, ParamValue, check_effective, format_value
from gongzhi.rules.thresholds import Threshold

PROFILE_DIR = Path(__file__).resolve().parent
DEFAULT_PROFILE_ID = "national"

_ID = re.compile(r"[a-z][a-z0-9-]{0,62}")
_TOP_KEYS = ("id", "name", "extends", "description", "params")
_PARAM_FIELDS = ("value", "null", "source")
T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a profile file."""

    path: Path | None
    key: str
    message: str

    def __str__(self) -> str:
        return ": ".join(str(part) for part in (self.path, self.key, self.message) if part)


class ProfileError(ValueError):
    """A profile that cannot be used; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class UnknownProfileError(ProfileError, LookupError):
    """No profile with the requested id."""


@dataclass(frozen=True)
class Parameter:
    """One effective parameter: its value, its source, and the profile that set it."""

    key: str
    value: ParamValue
    source: str
    defined_in: str

    @property
    def display(self) -> str:
        """The value for people (``¥300,000.00``, ``≥ 2/3``, ``—``)."""
        return format_value(self.key, self.value)


@dataclass(frozen=True)
class ProfileSummary:
    id: str
    name: str
    extends: str | None
    description: str
    path: Path


@dataclass(frozen=True)
class _RawProfile:
    summary: ProfileSummary
    params: Mapping[str, Parameter]


@dataclass(frozen=True, eq=False)
class PolicyProfile:
    """A jurisdiction's effective policy: every schema key, inheritance resolved."""

    id: str
    name: str
    extends: str | None
    description: str
    path: Path
    chain: tuple[str, ...]
    params: Mapping[str, Parameter]

    def param(self, key: str) -> Parameter:
        """The parameter ``key`` (``KeyError`` naming close matches for unknown keys)."""
        try:
            return self.params[key]
        except KeyError:
            close = difflib.get_close_matches(key, list(SCHEMA), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise KeyError(f"unknown profile parameter {key!r}{hint}") from None

    def value(self, key: str) -> ParamValue:
        return self.param(key).value

    @property
    def levels(self) -> tuple[str, ...]:
        """The jurisdiction levels, top first (e.g. ``("district", "street", "community")``)."""
        return self.strings("jurisdiction_levels")

    def _set(self, key: str) -> ParamValue:
        value = self.value(key)
        if value is None:
            raise ValueError(f"{self.id}: parameter {key!r} is not set (null) in this profile")
        return value

    def int_value(self, key: str) -> int:
        """An integer parameter; ``ValueError`` if it is null in this profile."""
        return _as_int(key, self._set(key))

    def optional_int(self, key: str) -> int | None:
        value = self.value(key)
        return None if value is None else _as_int(key, value)

    def fen(self, key: str) -> int:
        """A money parameter in integer fen."""
        return self.int_value(key)

    def optional_fen(self, key: str) -> int | None:
        return self.optional_int(key)

    def fraction(self, key: str) -> Fraction:
        """A ratio or percentage parameter as a share (5 % → ``Fraction(1, 20)``)."""
        return _as(key, self._set(key), Fraction)

    def optional_fraction(self, key: str) -> Fraction | None:
        value = self.value(key)
        return None if value is None else _as(key, value, Fraction)

    def threshold(self, key: str) -> Threshold:
        return _as(key, self._set(key), Threshold)

    def decision_rule(self, key: str) -> DecisionRule:
        """A decision rule whose ``citation`` is the parameter's source."""
        return _as(key, self._set(key), DecisionRule)

    def text(self, key: str) -> str:
        return _as(key, self._set(key), str)

    def optional_text(self, key: str) -> str | None:
        value = self.value(key)
        return None if value is None else _as(key, value, str)

    def flag(self, key: str) -> bool:
        return _as(key, self._set(key), bool)

    def strings(self, key: str) -> tuple[str, ...]:
        value = _as(key, self._set(key), tuple)
        if not all(isinstance(item, str) for item in value):
            raise TypeError(f"parameter {key!r} is not a list of strings")
        return cast(tuple[str, ...], value)

    def grade_bands(self, key: str = "credit_grade_bands") -> tuple[GradeBand, ...]:
        value = _as(key, self._set(key), tuple)
        if not all(isinstance(item, GradeBand) for item in value):
            raise TypeError(f"parameter {key!r} is not a list of grade bands")
        return cast(tuple[GradeBand, ...], value)

    def table(self, key: str, item_type: type[T]) -> tuple[T, ...]:
        """A "table" parameter: the tuple of ``item_type`` values its parser made."""
        value = _as(key, self._set(key), tuple)
        if not all(isinstance(item, item_type) for item in value):
            raise TypeError(f"parameter {key!r} is not a list of {item_type.__name__}")
        return cast(tuple[T, ...], value)

    def summary(self) -> ProfileSummary:
        return ProfileSummary(self.id, self.name, self.extends, self.description, self.path)


def _as(key: str, value: ParamValue, kind: type[T]) -> T:
    if not isinstance(value, kind):
        raise TypeError(f"parameter {key!r} is a {type(value).__name__}, not a {kind.__name__}")
    return value


def _as_int(key: str, value: ParamValue) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"parameter {key!r} is a {type(value).__name__}, not an int")
    return value


def _problem(path: Path, key: str, expected: str, got: str) -> Problem:
    return Problem(path, key, f"expected {expected}, got {got}")


def _read_param(
    path: Path, profile_id: str, key: str, entry: object, problems: list[Problem]
) -> Parameter | None:
    where = f"params.{key}"
    spec = SCHEMA.get(key)
    if spec is None:
        close = difflib.get_close_matches(key, list(SCHEMA), n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        problems.append(
            _problem(path, where, f"a parameter declared in the schema{hint}", "an unknown key")
        )
        return None
    if not isinstance(entry, Mapping):
        problems.append(
            _problem(
                path,
                where,
                f'a table [{where}] with value = … (or null = true) and source = "…"',
                show(entry),
            )
        )
        return None
    ok = True
    for field in sorted(set(entry) - set(_PARAM_FIELDS)):
        problems.append(
            _problem(path, f"{where}.{field}", "only value, null and source", "an unknown field")
        )
        ok = False
    source = entry.get("source")
    if not isinstance(source, str) or not source.strip():
        got = "nothing" if source is None else show(source)
        problems.append(
            _problem(path, f"{where}.source", 'a non-empty string such as "seed 000 §24"', got)
        )
        ok = False
    null = entry.get("null", False)
    if null not in (True, False):
        problems.append(_problem(path, f"{where}.null", "true", show(null)))
        return None
    if null and "value" in entry:
        problems.append(_problem(path, where, "either value or null = true, not both", "both"))
        return None
    if null and not spec.nullable:
        problems.append(
            _problem(
                path, where, f"{spec.expected()} (this parameter cannot be null)", "null = true"
            )
        )
        return None
    if not null and "value" not in entry:
        problems.append(_problem(path, f"{where}.value", spec.expected(), "nothing"))
        return None
    value: ParamValue = None
    if not null:
        try:
            value = spec.coerce(entry["value"])
        except InvalidValue as error:
            sub = (
                f".{error.where}"
                if error.where and not error.where.startswith("[")
                else error.where
            )
            problems.append(_problem(path, where + sub, error.expected, error.got))
            return None
    if not ok or not isinstance(source, str):
        return None
    if isinstance(value, DecisionRule):
        value = replace(value, citation=source)
    return Parameter(key, value, source.strip(), profile_id)


def _read(path: Path) -> _RawProfile:
    """Read and validate one file on its own (no inheritance)."""
    problems: list[Problem] = []
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise ProfileError([Problem(path, "", f"cannot read file: {error.strerror}")]) from None
    except tomllib.TOMLDecodeError as error:
        raise ProfileError([Problem(path, "", f"invalid TOML: {error}")]) from None
    for key in sorted(set(data) - set(_TOP_KEYS)):
        problems.append(_problem(path, key, "one of " + ", ".join(_TOP_KEYS), "an unknown key"))
    profile_id = data.get("id")
    if not isinstance(profile_id, str) or not _ID.fullmatch(profile_id):
        problems.append(
            _problem(path, "id", "lower-case letters, digits and hyphens", show(profile_id))
        )
        profile_id = path.stem
    elif profile_id != path.stem:
        problems.append(_problem(path, "id", f'the file name stem "{path.stem}"', show(profile_id)))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(_problem(path, "name", "a non-empty display name", show(name)))
        name = ""
    extends = data.get("extends")
    if extends is not None and (not isinstance(extends, str) or not _ID.fullmatch(extends)):
        problems.append(_problem(path, "extends", "the id of another profile", show(extends)))
        extends = None
    description = data.get("description", "")
    if not isinstance(description, str):
        problems.append(_problem(path, "description", "a string", show(description)))
        description = ""
    raw_params = data.get("params", {})
    params: dict[str, Parameter] = {}
    if not isinstance(raw_params, Mapping):
        problems.append(_problem(path, "params", "a table of parameters", show(raw_params)))
    else:
        for key, entry in raw_params.items():
            parameter = _read_param(path, profile_id, key, entry, problems)
            if parameter is not None:
                params[key] = parameter
    if problems:
        raise ProfileError(problems)
    summary = ProfileSummary(profile_id, name.strip(), extends, description.strip(), path)
    return _RawProfile(summary, MappingProxyType(params))


def _search_dirs(path: Path, search_dir: Path | Sequence[Path] | None) -> tuple[Path, ...]:
    if search_dir is None:
        dirs: Iterable[Path] = (path.parent, PROFILE_DIR)
    elif isinstance(search_dir, Path):
        dirs = (search_dir,)
    else:
        dirs = search_dir
    unique: dict[Path, None] = {}
    for directory in dirs:
        unique.setdefault(Path(directory).resolve(), None)
    return tuple(unique)


def _known_ids(dirs: Sequence[Path]) -> list[str]:
    return sorted({file.stem for directory in dirs for file in directory.glob("*.toml")})


def _resolve(leaf: _RawProfile, dirs: Sequence[Path]) -> PolicyProfile:
    chain = [leaf]
    while (parent_id := chain[-1].summary.extends) is not None:
        child = chain[-1].summary
        ids = [raw.summary.id for raw in chain]
        if parent_id in ids:
            cycle = " → ".join([*ids[ids.index(parent_id) :], parent_id])
            raise ProfileError(
                [
                    _problem(
                        child.path,
                        "extends",
                        'a chain that ends in a profile without "extends"',
                        f"a cycle {cycle}",
                    )
                ]
            )
        parent_path = next(
            (d / f"{parent_id}.toml" for d in dirs if (d / f"{parent_id}.toml").is_file()), None
        )
        if parent_path is None:
            known = ", ".join(_known_ids(dirs)) or "none"
            raise ProfileError(
                [
                    _problem(
                        child.path,
                        "extends",
                        f"the id of a known profile ({known})",
                        show(parent_id),
                    )
                ]
            )
        chain.append(_read(parent_path))
    root = chain[-1]
    missing = [key for key in SCHEMA if key not in root.params]
    if missing:
        raise ProfileError(
            [
                _problem(
                    root.summary.path,
                    f"params.{key}",
                    f'{SCHEMA[key].expected()} (a profile without "extends" sets every key)',
                    "nothing",
                )
                for key in missing
            ]
        )
    merged: dict[str, Parameter] = {}
    for raw in reversed(chain):
        merged.update(raw.params)
    values = {key: parameter.value for key, parameter in merged.items()}
    errors = check_effective(values)
    if errors:
        lineage = " → ".join(raw.summary.id for raw in chain)
        raise ProfileError(
            [
                _problem(
                    leaf.summary.path,
                    f"params.{error.where}",
                    f"{error.expected} (effective value, inherited along {lineage})",
                    error.got,
                )
                for error in errors
            ]
        )
    ordered = MappingProxyType({key: merged[key] for key in SCHEMA})
    summary = leaf.summary
    return PolicyProfile(
        summary.id,
        summary.name,
        summary.extends,
        summary.description,
        summary.path,
        tuple(raw.summary.id for raw in chain),
        ordered,
    )


def load_profile_file(
    path: str | Path, search_dir: Path | Sequence[Path] | None = None
) -> PolicyProfile:
    """Load, validate and resolve one profile file.

    Parents named by ``extends`` are looked up as ``<id>.toml`` in ``search_dir`` (default:
    the file's own directory, then the shipped profiles).
    """
    file = Path(path)
    return _resolve(_read(file), _search_dirs(file, search_dir))


def list_profiles(directory: Path | None = None) -> list[ProfileSummary]:
    """The profiles in ``directory`` (default: shipped), national first, then by id."""
    folder = directory or PROFILE_DIR
    summaries = [_read(file).summary for file in sorted(folder.glob("*.toml"))]
    return sorted(summaries, key=lambda s: (s.id != DEFAULT_PROFILE_ID, s.id))


@functools.cache
def get_profile(profile_id: str = DEFAULT_PROFILE_ID) -> PolicyProfile:
    """The effective shipped profile ``profile_id`` (cached for the process)."""
    path = PROFILE_DIR / f"{profile_id}.toml"
    if not _ID.fullmatch(profile_id) or not path.is_file():
        known = ", ".join(_known_ids([PROFILE_DIR]))
        raise UnknownProfileError(
            [Problem(None, "", f"unknown profile {profile_id!r}; known profiles: {known}")]
        )
    return load_profile_file(path, PROFILE_DIR)
