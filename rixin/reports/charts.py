"""Simple bar and line charts drawn with Pillow, as PNG bytes.

The same images go into the Word file and the PDF, so a report looks the same in both. Text is
set in Noto Sans CJK SC (found with fc-match, as the set-up installs it); without it Pillow's
own font is used and Chinese labels would not show, so the set-up's font is expected.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

FONT_FAMILY = "Noto Sans CJK SC"
WIDTH, HEIGHT = 1600, 760
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 120, 50, 110, 150
COLORS = ["#2f6fb3", "#e07b39", "#3a9e6f", "#c0392b", "#8e6fb3", "#7f8c8d"]
GRID, AXIS, TEXT = "#dde3ea", "#5b6770", "#1f2933"


@cache
def font_file(bold: bool = False) -> tuple[str, int] | None:
    """The file and face index of Noto Sans CJK SC, or None when fontconfig lacks it."""
    pattern = FONT_FAMILY + (":bold" if bold else "")
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}|%{index}|%{family}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, index, family = (found.split("|", 2) + ["", ""])[:3]
    if FONT_FAMILY not in family or not path:
        return None
    return path, int(index or 0)


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    found = font_file(bold)
    if found is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(found[0], size, index=found[1])


@dataclass
class Series:
    name: str
    values: Sequence[float | None]


def _nice_step(span: float) -> float:
    """A round grid step giving about five lines over ``span``."""
    raw = span / 5 or 1
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _scale(values: list[float]) -> tuple[float, float, float]:
    low = min([0.0, *values])
    high = max([0.0, *values]) * 1.12  # room for the value labels above the highest mark
    step = _nice_step(high - low)
    low = step * (low // step)
    high = step * (-(-high // step)) if high > low else low + step
    return low, high, step


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class _Canvas:
    """A plot area with a value axis; subclasses place the marks."""

    def __init__(self, title: str, unit: str, categories: Sequence[str], values: list[float]):
        self.image = Image.new("RGB", (WIDTH, HEIGHT), "white")
        self.draw = ImageDraw.Draw(self.image)
        self.categories = list(categories)
        self.low, self.high, self.step = _scale(values)
        self.left, self.right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
        self.top, self.bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
        self.label_boxes: list[tuple[float, float, float, float]] = []
        self.draw.text((WIDTH / 2, 40), title, fill=TEXT, font=font(40, True), anchor="mt")
        if unit:
            self.draw.text((self.left, self.top - 20), unit, fill=AXIS, font=font(26), anchor="lb")
        self._grid()
        self._category_labels()

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return self.bottom - share * (self.bottom - self.top)

    def slot(self, index: int) -> tuple[float, float]:
        """Left edge and width of the category's slot."""
        width = (self.right - self.left) / max(len(self.categories), 1)
        return self.left + index * width, width

    def _grid(self) -> None:
        value = self.low
        while value <= self.high + self.step / 1000:
            y = self.y(value)
            self.draw.line([(self.left, y), (self.right, y)], fill=GRID, width=2)
            self.draw.text(
                (self.left - 14, y), _number(value), fill=AXIS, font=font(26), anchor="rm"
            )
            value += self.step
        zero = self.y(0)
        self.draw.line([(self.left, zero), (self.right, zero)], fill=AXIS, width=3)

    def _category_labels(self) -> None:
        size = 28 if len(self.categories) <= 8 else 22
        for index, label in enumerate(self.categories):
            x, width = self.slot(index)
            for line_number, line in enumerate(_wrap(label, width, size)):
                self.draw.text(
                    (x + width / 2, self.bottom + 18 + line_number * (size + 6)),
                    line,
                    fill=TEXT,
                    font=font(size),
                    anchor="mt",
                )

    def value_label(self, x: float, y: float, text: str, *, above: bool = True, room=None):
        """Write a value label centred on ``x`` just above (or below) ``y``, shrunk to ``room``
        pixels wide if given, and moved further out while it would overlap a label already
        placed; its box is kept in ``label_boxes``."""
        size = 24
        while room and size > 14 and self.draw.textlength(text, font=font(size)) > room:
            size -= 2
        step = 1 if above else -1
        anchor = "mb" if above else "mt"
        y = y - 8 * step
        while True:
            box = self.draw.textbbox((x, y), text, font=font(size), anchor=anchor)
            box = (box[0] - 2, box[1] - 2, box[2] + 2, box[3] + 2)
            if not any(_overlap(box, other) for other in self.label_boxes):
                break
            y -= (box[3] - box[1]) * step
        self.label_boxes.append(box)
        self.draw.text((x, y), text, fill=TEXT, font=font(size), anchor=anchor)

    def legend(self, series: Sequence[Series]) -> None:
        if len(series) < 2:
            return
        x = self.left
        for index, item in enumerate(series):
            color = COLORS[index % len(COLORS)]
            self.draw.rectangle([x, HEIGHT - 40, x + 28, HEIGHT - 16], fill=color)
            self.draw.text((x + 38, HEIGHT - 28), item.name, fill=TEXT, font=font(26), anchor="lm")
            x += 60 + self.draw.textlength(item.name, font=font(26))

    def png(self) -> bytes:
        buffer = BytesIO()
        self.image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _wrap(text: str, width: float, size: int, lines: int = 2) -> list[str]:
    """Break a label into at most ``lines`` lines that fit ``width`` pixels."""
    result, current = [], ""
    for char in text:
        if font(size).getlength(current + char) > width - 8 and current:
            result.append(current)
            current = char
        else:
            current += char
    result.append(current)
    if len(result) > lines:
        result = result[: lines - 1] + [result[lines - 1][:-1] + "…"]
    return result


def _present(series: Sequence[Series]) -> list[float]:
    return [float(v) for s in series for v in s.values if v is not None]


def bar_chart(
    title: str, categories: Sequence[str], series: Sequence[Series], unit: str = ""
) -> bytes:
    """Grouped vertical bars, each labelled with its value."""
    return draw_bar_chart(title, categories, series, unit).png()


def draw_bar_chart(
    title: str, categories: Sequence[str], series: Sequence[Series], unit: str = ""
) -> _Canvas:
    """The bar chart's canvas, its value labels placed so that none overlaps another."""
    canvas = _Canvas(title, unit, categories, _present(series))
    groups = max(len(series), 1)
    for index in range(len(categories)):
        x, width = canvas.slot(index)
        bar = width * 0.7 / groups
        for number, item in enumerate(series):
            value = item.values[index]
            if value is None:
                continue
            left = x + width * 0.15 + number * bar
            top, base = canvas.y(float(value)), canvas.y(0)
            canvas.draw.rectangle(
                [left, min(top, base), left + bar - 4, max(top, base)],
                fill=COLORS[number % len(COLORS)],
            )
            canvas.value_label(
                left + (bar - 4) / 2,
                top,
                _number(float(value)),
                above=value >= 0,
                room=bar + 2,
            )
    canvas.legend(series)
    return canvas


def line_chart(
    title: str, categories: Sequence[str], series: Sequence[Series], unit: str = ""
) -> bytes:
    """One line per series, a dot and its value at each point."""
    return draw_line_chart(title, categories, series, unit).png()


def draw_line_chart(
    title: str, categories: Sequence[str], series: Sequence[Series], unit: str = ""
) -> _Canvas:
    """The line chart's canvas, its value labels placed so that none overlaps another."""
    canvas = _Canvas(title, unit, categories, _present(series))
    for number, item in enumerate(series):
        color = COLORS[number % len(COLORS)]
        points = []
        for index, value in enumerate(item.values):
            if value is None:
                continue
            x, width = canvas.slot(index)
            points.append((x + width / 2, canvas.y(float(value)), float(value)))
        if len(points) > 1:
            canvas.draw.line([(x, y) for x, y, _v in points], fill=color, width=5)
        for x, y, _value in points:
            canvas.draw.ellipse([x - 9, y - 9, x + 9, y + 9], fill=color)
    for item in series:
        for index, value in enumerate(item.values):
            if value is not None:
                x, width = canvas.slot(index)
                y = canvas.y(float(value))
                canvas.value_label(x + width / 2, y - 8, _number(float(value)), room=width - 4)
    canvas.legend(series)
    return canvas
