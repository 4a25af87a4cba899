"""Bar charts drawn as SVG in pure Python (this Pyodide has no numpy or matplotlib), each with its text."""

import html
from dataclasses import dataclass
from decimal import Decimal

BAR_HEIGHT, BAR_GAP, GUTTER, PLOT_WIDTH, TOP, RIGHT = 22, 8, 110, 400, 34, 110
COLOUR = "#2b8cbe"


@dataclass(frozen=True)
class BarChart:
    """One bar per label: notebooks show it as SVG, text-only places (and screen readers) as its summary."""

    title: str
    bars: tuple[tuple[str, object], ...]
    unit: str = ""

    def summary(self) -> str:
        """The text alternative: every bar's value in words, and the largest."""
        if not self.bars:
            return f"{self.title}: no bars."
        largest = max(self.bars, key=lambda bar: bar[1])
        values = "; ".join(f"{label}: {self.amount(value)}" for label, value in self.bars)
        return f"{self.title}, {len(self.bars)} bars. {values}. Largest: {largest[0]}."

    def amount(self, value) -> str:
        """A bar's value as people read it: thousands grouped, cents kept, with the unit."""
        text = f"{value:,.2f}" if isinstance(value, Decimal | float) else f"{value:,}"
        return f"{text} {self.unit}".strip()

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        return (f'<figure class="course-chart" style="margin:0.5em 0">{self.svg()}'
                f'<figcaption style="font-size:0.85em;color:#444">{html.escape(self.summary())}'
                "</figcaption></figure>")

    def svg(self) -> str:
        """The chart as inline SVG, its title and description read out by screen readers."""
        top = max((value for _, value in self.bars), default=0) or 1
        height = TOP + len(self.bars) * (BAR_HEIGHT + BAR_GAP)
        width = GUTTER + PLOT_WIDTH + RIGHT
        uid = f"chart{id(self)}"
        parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
                 f'viewBox="0 0 {width} {height}" aria-labelledby="{uid}-t {uid}-d" '
                 'style="font-family:sans-serif;font-size:12px">',
                 f'<title id="{uid}-t">{html.escape(self.title)}</title>',
                 f'<desc id="{uid}-d">{html.escape(self.summary())}</desc>',
                 f'<text x="0" y="16" font-weight="bold">{html.escape(self.title)}</text>']
        for row, (label, value) in enumerate(self.bars):
            y = TOP + row * (BAR_HEIGHT + BAR_GAP)
            length = max(float(value), 0) / float(top) * PLOT_WIDTH
            parts += [f'<text x="{GUTTER - 8}" y="{y + BAR_HEIGHT - 6}" text-anchor="end">'
                      f"{html.escape(str(label))}</text>",
                      f'<rect x="{GUTTER}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
                      f'fill="{COLOUR}"/>',
                      f'<text x="{GUTTER + length + 6:.1f}" y="{y + BAR_HEIGHT - 6}">'
                      f"{html.escape(self.amount(value))}</text>"]
        return "".join(parts) + "</svg>"


def bar_chart(title: str, labels, values, unit: str = "") -> BarChart:
    """A bar chart of values (numbers, one per label, in the order given); ValueError if they do not pair."""
    labels, values = list(labels), list(values)
    if len(labels) != len(values):
        raise ValueError(f"{len(labels)} labels but {len(values)} values: give one value per label")
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise ValueError(f"the value {value!r} is not a number; a bar's length needs one")
    return BarChart(title, tuple(zip(labels, values)), unit)
