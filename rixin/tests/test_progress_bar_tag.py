"""{% progress_bar value label %}: a bar capped at 100, the value as text, the label escaped."""

from decimal import Decimal

from django.template import Context, Template


def render(value, label="完成率") -> str:
    return Template("{% progress_bar value label %}").render(
        Context({"value": value, "label": label})
    )


def test_a_bar_over_100_is_full_and_says_its_value():
    html = render(Decimal("123.45"))
    assert 'style="width: 100.0%"' in html and "bg-success" in html
    assert "123.5%" in html  # money.plain, one decimal


def test_a_bar_without_value_is_empty_and_shows_a_dash():
    html = render(None)
    assert 'style="width: 0.0%"' in html and "—" in html and "bg-primary" in html


def test_a_missing_value_shows_a_dash():
    assert "—" in Template("{% progress_bar nothing %}").render(Context({}))


def test_the_label_is_escaped():
    html = render(Decimal("50"), '<b>"x"</b>')
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert 'style="width: 50.0%"' in html
