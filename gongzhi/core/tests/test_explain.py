"""One stored shape of a rule's explanation and one renderer (gongzhi.core.explain)."""

from __future__ import annotations

import json

import pytest
from django.template import Context, Template
from django.utils import translation

from gongzhi.core.explain import explain, stored
from gongzhi.rules.explain import Explanation

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
