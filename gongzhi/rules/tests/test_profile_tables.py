"""Profile "table" parameters: a list of tables read by the owning domain's parser."""

from dataclasses import dataclass

import pytest

from gongzhi.rules.profiles.schema import InvalidValue, _spec


@dataclass(frozen=True)
class Item:
    code: str
    points: int


def parse_items(raw: object) -> tuple[object, ...]:
    assert isinstance(raw, list)
    items = []
    for index, entry in enumerate(raw):
        if not isinstance(entry, dict) or not isinstance(entry.get("points"), int):
            raise InvalidValue(f"[{index}].points", "an integer", repr(entry))
        items.append(Item(entry["code"], entry["points"]))
    return tuple(items)


SPEC = _spec(
    "test_items", "table", "credit", "Test items.", parser=parse_items,
    shape='{ code = "x", points = 1 }',
)  # fmt: skip


def test_table_is_parsed_by_the_domain_parser():
    assert SPEC.coerce([{"code": "a", "points": 2}]) == (Item("a", 2),)


def test_table_must_be_a_list_and_names_the_bad_entry():
    with pytest.raises(InvalidValue) as error:
        SPEC.coerce({"code": "a"})
    assert "a list of tables like" in error.value.expected
    with pytest.raises(InvalidValue) as error:
        SPEC.coerce([{"code": "a", "points": 1}, {"code": "b", "points": "x"}])
    assert error.value.where == "[1].points"


def test_table_spec_needs_parser_and_shape():
    with pytest.raises(TypeError):
        _spec("bad", "table", "credit", "No parser.")
