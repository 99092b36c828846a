"""A server-rendered bar chart (inline SVG) of compensation per year: geometry only."""

from __future__ import annotations

from dataclasses import dataclass

from partnerships.formatting import format_sek

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 90, 10, 20, 40


@dataclass(frozen=True)
class Bar:
    year: int
    value: int | None
    x: float
    y: float
    width: float
    height: float
    label: str

    @property
    def label_x(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline: float = HEIGHT - BOTTOM

    @property
    def description(self) -> str:
        return "; ".join(f"{bar.year}: {bar.label}" for bar in self.bars)


def _nice_max(value: int) -> int:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return 10 * magnitude


def bar_chart(points: list[tuple[int, int | None]]) -> Chart | None:
    if not points:
        return None
    highest = max((v or 0) for _, v in points)
    top = _nice_max(highest)
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(points)
    bars = []
    for i, (year, value) in enumerate(points):
        height = 0 if value is None else plot_h * value / top
        bars.append(
            Bar(
                year=year,
                value=value,
                x=LEFT + i * slot + slot * 0.15,
                y=HEIGHT - BOTTOM - height,
                width=slot * 0.7,
                height=height,
                label="okänt" if value is None else format_sek(value),
            )
        )
    if highest <= 0:
        # Nothing to scale: one line at 0 kr, not an axis running "0 kr … 1 kr".
        return Chart(bars=bars, ticks=[Tick(HEIGHT - BOTTOM, format_sek(0))])
    ticks = [Tick(HEIGHT - BOTTOM - plot_h * k / 4, format_sek(top * k // 4)) for k in range(5)]
    return Chart(bars=bars, ticks=ticks)
