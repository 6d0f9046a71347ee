"""The charts are PNG images set in Noto Sans CJK SC."""

from io import BytesIO

from PIL import Image

from rixin.reports import charts


def test_the_set_up_font_is_found():
    found = charts.font_file()
    assert found is not None and "NotoSansCJK" in found[0]


def test_a_bar_chart_is_a_png_of_the_chart_size():
    png = charts.bar_chart(
        "同比增长", ["地区生产总值", "固定资产投资"], [charts.Series("寿阳县", [6.2, -1.5])], "%"
    )
    image = Image.open(BytesIO(png))
    assert image.format == "PNG" and image.size == (charts.WIDTH, charts.HEIGHT)


def test_a_line_chart_skips_missing_points():
    png = charts.line_chart(
        "计划与实际",
        ["1月", "2月", "3月"],
        [charts.Series("计划", [1, 2, 3]), charts.Series("实际", [1, None, None])],
    )
    assert Image.open(BytesIO(png)).size == (charts.WIDTH, charts.HEIGHT)
