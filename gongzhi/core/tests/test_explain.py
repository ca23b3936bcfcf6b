"""One stored shape of a rule's explanation and one renderer (gongzhi.core.explain)."""

from __future__ import annotations

import json

import pytest
from django.template import Context, Template
from django.utils import translation

from gongzhi.core.explain import explain, stored
from gongzhi.rules.explain import Explanation, terms
from gongzhi.rules.lifecycle import PARTIES

MET = (
    "Participation by exclusive area: %(part)s of %(whole)s m² (%(share)s); "
    "required %(required)s: met."
)
PARAMS = {"part": "800", "whole": "1000", "share": "80%", "required": "2/3"}
CITED = Explanation.of(MET, "民法典 art. 278", **PARAMS)


def test_stored_is_the_json_shape_of_an_explanation():
    # when
    data = stored(CITED)
    # then it survives a JSONField round trip unchanged
    assert data == {"message": MET, "params": PARAMS, "citation": "民法典 art. 278"}
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize("value", [CITED, stored(CITED)], ids=["explanation", "stored"])
def test_the_value_and_its_stored_form_read_the_same_in_chinese(value):
    with translation.override("zh-hans"):
        text = explain(value)
    assert text.startswith("参与表决的专有部分面积：800 / 1000 平方米（80%）")
    assert text.endswith("已达到。 [民法典 art. 278]")


def test_english_readers_get_the_msgid_filled_in():
    with translation.override("en"):
        assert explain(CITED) == MET % PARAMS + " [民法典 art. 278]"


def test_cite_false_leaves_the_source_out():
    with translation.override("en"):
        assert explain(stored(CITED), cite=False) == MET % PARAMS


def test_a_message_without_parameters_is_not_formatted():
    # a literal % in a parameterless message must not be taken for a placeholder
    assert explain(Explanation.of("100% of owners")) == "100% of owners"


@pytest.mark.parametrize("value", [None, {}, {"message": ""}, {"params": {"a": "b"}}])
def test_nothing_to_explain_is_empty(value):
    assert explain(value) == ""


def test_template_filter_shows_the_same_words():
    template = Template(
        "{% load explain %}{{ value|explain }}|{{ value|explain:False }}|{{ x|explain }}"
    )
    with translation.override("zh-hans"):
        page = template.render(Context({"value": stored(CITED), "x": "not an explanation"}))
        assert page == f"{explain(CITED)}|{explain(CITED, cite=False)}|"


# --- parameters that hold codes (rules.explain.terms) ---------------------------------------

MISSING = "Missing: %(missing)s (required: %(required)s)."
CODED = Explanation.of(
    MISSING,
    "seed 004 §8",
    missing=terms(["tenderer", "experts"], PARTIES),
    required=terms(["new_city", "street", "tenderer", "experts"], PARTIES),
)


def test_stored_keeps_the_codes_and_adds_their_label_msgids():
    data = stored(CODED)
    assert data["params"] == {
        "missing": "tenderer, experts",
        "required": "new_city, street, tenderer, experts",
    }
    assert data["labels"]["missing"] == ["Tenderer", "Property-management experts"]
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize("value", [CODED, stored(CODED)], ids=["explanation", "stored"])
def test_codes_read_as_labels_joined_by_the_enumeration_comma_in_chinese(value):
    # seed 004 §8: 评标委员会由新城、镇街、招标人和物业管理专家组成
    with translation.override("zh-hans"):
        text = explain(value, cite=False)
    assert text.startswith("缺少：招标人、物业管理专家（应有：新城、")
    assert "tenderer" not in text and "," not in text


def test_codes_read_as_english_labels_joined_by_commas_in_english():
    with translation.override("en"):
        assert explain(stored(CODED), cite=False) == (
            "Missing: Tenderer, Property-management experts (required: New city (新城), "
            "Street / town office, Tenderer, Property-management experts)."
        )


def test_a_row_stored_before_labels_renders_as_it_always_did():
    old = {"message": MISSING, "params": {"missing": "tenderer", "required": "tenderer"}}
    with translation.override("en"):
        assert explain(old) == "Missing: tenderer (required: tenderer)."


def test_a_code_outside_the_vocabulary_shows_as_itself():
    odd = Explanation.of("The group has no member from: %(parties)s.", parties=terms(
        ["street", "mayor"], {"street": "Street / town"}))  # fmt: skip
    with translation.override("zh-hans"):
        assert explain(odd).endswith("：街道（乡镇）、mayor。")
