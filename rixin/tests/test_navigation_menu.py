"""The menu keeps to one line: the groups that do not fit the bar's budget go under 更多."""

from rixin.navigation import MENU_BUDGET_EM, label_width_em, split_menu


def _groups(*names):
    return {name: [{"label": name, "url_name": name}] for name in names}


def test_a_short_menu_is_shown_whole():
    groups = _groups("驾驶舱", "项目")
    assert split_menu(groups) == (list(groups.items()), [])


def test_a_long_menu_keeps_its_order_and_folds_the_rest():
    names = [f"Group number {i}" for i in range(12)]
    primary, more = split_menu(_groups(*names))
    assert [g for g, _ in primary] + [g for g, _ in more] == names
    assert more and sum(label_width_em(g) for g, _ in primary) <= MENU_BUDGET_EM


def test_latin_labels_take_less_room_per_letter_than_chinese():
    assert label_width_em("经济运行") > label_width_em("Econ")
