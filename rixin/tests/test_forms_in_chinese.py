"""Validators answer in Chinese in the Chinese UI, and a select's empty choice reads 请选择
(a filter's: 全部), never "---------"."""

import pytest
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from rixin.projects.filters import PeriodForm, ProjectFilter
from rixin.projects.models import Project


def test_every_password_validator_answers_in_chinese():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_password("1234")
    messages = refused.value.messages
    assert "密码太短,至少需要 8 个字符。" in messages
    assert all(not any("a" <= c.lower() <= "z" for c in m) for m in messages), messages


def test_a_missing_foreign_key_is_refused_in_chinese(db):
    field = Project._meta.get_field("department")
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        field.validate(999999, Project())
    assert refused.value.messages == ["所选的部门(id为 999999)不是有效的选项。"]


class Form(forms.Form):
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "甲")], required=False)


def test_a_forms_empty_choice_reads_choose(db):
    with translation.override("zh-hans"):
        html = str(Form()["kind"])
    assert '<option value="" selected>请选择</option>' in html
    assert "---------" not in html


def test_a_filters_empty_choice_reads_all(personas):
    with translation.override("zh-hans"):
        filters = ProjectFilter({}, Project.objects.none(), user=personas.officer)
        html = str(filters.form["department"]) + str(PeriodForm()["health"])
    assert html.count(">全部</option>") == 2
    assert "---------" not in html


def test_no_page_of_the_library_shows_dashes(personas, client_for):
    client = client_for(personas.officer)
    for url in ("/projects/", "/projects/new/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "---------" not in response.content.decode(), url
