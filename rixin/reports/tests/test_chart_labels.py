"""The value labels of a chart never overlap one another (issue 16: labels collided on the
monthly signing chart, whose bars stand close together)."""

from rixin.reports import charts

MONTHS = [f"{m}月" for m in range(1, 13)]


def _overlapping(boxes):
    return [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


def test_grouped_bars_with_long_values_have_labels_that_do_not_overlap():
    canvas = charts.draw_bar_chart(
        "逐月签约额(亿元)",
        MONTHS,
        [
            charts.Series("当月", [10.31 + m for m in range(12)]),
            charts.Series("累计", [10.31 * (m + 1) + 0.27 for m in range(12)]),
            charts.Series("计划", [12.5 * (m + 1) + 0.33 for m in range(12)]),
        ],
        "亿元",
    )
    assert len(canvas.label_boxes) == 36
    assert _overlapping(canvas.label_boxes) == []


def test_equal_bars_side_by_side_keep_their_labels_apart():
    canvas = charts.draw_bar_chart(
        "同比", ["一", "二"], [charts.Series("甲", [5.55, 5.55]), charts.Series("乙", [5.56, 5.55])]
    )
    assert _overlapping(canvas.label_boxes) == []


def test_lines_meeting_at_a_point_keep_their_labels_apart():
    canvas = charts.draw_line_chart(
        "计划与实际",
        MONTHS[:6],
        [
            charts.Series("计划", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
            charts.Series("实际", [1.01, 2.02, 2.98, 4.05, 5.0, 5.97]),
        ],
    )
    assert len(canvas.label_boxes) == 12
    assert _overlapping(canvas.label_boxes) == []
