"""Rules of follow-up indicators, pure (no database): how a value reads, what a party may
report, and Linköping's indicators as a template for its agreements and the demo."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from partnerships.formatting import NBSP

NUMBER, RANGE, SHARE = "number", "range", "share"


@dataclass(frozen=True)
class Spec:
    name: str
    unit: str = ""
    kind: str = NUMBER
    maximum: int | None = None
    target: int | None = None


# Linköping's figures (seeds/001) as indicators, in the order the follow-up report prints.
LINKOPING_TEMPLATE = [
    Spec("Öppet", "timmar per dag", RANGE, 24),
    Spec("Öppna dagar under perioden", "", NUMBER, 366),
    Spec("Besökare per dag (ungefär)", "", NUMBER, 100_000),
    Spec("Återkommande besökare (stammisar)", "", NUMBER, 100_000),
    Spec("Unika personer under perioden", "", NUMBER, 100_000),
    Spec("Andel som kommer ofta", "%", SHARE, 100),
    Spec("Andel som kommer ibland", "%", SHARE, 100),
    Spec("Andel som kommer sällan", "%", SHARE, 100),
    Spec("Personer i arbetsträning", "", NUMBER, 100_000),
    Spec("Arbetsträning", "timmar i veckan", RANGE, 60),
]


def number_text(value: Decimal | int | None, *, grouped: bool = False) -> str:
    """5 -> "5", 1.50 -> "1,5", None -> ""; Swedish decimal comma, no trailing zeros.
    ``grouped``: thousands apart as Swedes print them, 1130 -> "1 130" (a non-breaking
    space; not for a form's field, which reads the digits back)."""
    if value is None:
        return ""
    value = Decimal(value)
    text = str(int(value)) if value == value.to_integral_value() else f"{value.normalize():f}"
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = digits.partition(".")
    if grouped:
        whole = f"{int(whole):,}".replace(",", NBSP)
    return sign + whole + (f",{fraction}" if fraction else "")


def value_text(low, high=None, unit: str = "") -> str:
    """A reported value as it is printed: "90", "5–9 timmar per dag", "34 %"."""
    low_text, high_text = number_text(low, grouped=True), number_text(high, grouped=True)
    if low_text and high_text and low_text != high_text:
        text = f"{low_text}–{high_text}"
    else:
        text = low_text or high_text
    if not text:
        return ""
    return f"{text} {unit}".strip() if unit else text


@dataclass(frozen=True)
class Rule:
    """What validation needs of an indicator (built from the model, or in tests by hand)."""

    key: str  # the form field's name; a range's high value is ``f"{key}_max"``
    kind: str = NUMBER
    maximum: Decimal | int | None = None
    group: object = None  # shares of the same group (goal) add up to 100


def _bounds_problem(number, maximum) -> str:
    if number is None:
        return ""
    if number < 0:
        return "Värdet kan inte vara negativt."
    if maximum is not None and number > Decimal(maximum):
        return f"Värdet kan inte vara större än {number_text(Decimal(maximum))}."
    return ""


def check_values(
    rules: Iterable[Rule], values: Mapping[str, tuple[Decimal | None, Decimal | None]]
) -> dict[str, list[str]]:
    """Problems with a party's reported values, keyed by form field; {} when all is well.

    ``values``: rule key -> (value, high value); empty fields are None."""
    errors: dict[str, list[str]] = {}
    shares: dict[object, list[tuple[Rule, Decimal]]] = {}
    for rule in rules:
        low, high = values.get(rule.key, (None, None))
        for key, number in ((rule.key, low), (f"{rule.key}_max", high)):
            problem = _bounds_problem(number, rule.maximum)
            if problem:
                errors.setdefault(key, []).append(problem)
        if rule.kind == RANGE and high is not None and low is None:
            errors.setdefault(rule.key, []).append("Ange det lägsta värdet också.")
        if (
            rule.kind == RANGE
            and low is not None
            and high is not None
            and high < low
            and f"{rule.key}_max" not in errors
        ):
            errors.setdefault(f"{rule.key}_max", []).append(
                "Det högsta värdet kan inte vara lägre än det lägsta."
            )
        if rule.kind == SHARE:
            shares.setdefault(rule.group, []).append((rule, low))
    for group in shares.values():
        given = [number for _rule, number in group if number is not None]
        if given and len(group) > 1 and sum(given) != 100:
            total = number_text(sum(given))
            errors.setdefault(group[0][0].key, []).append(
                f"Andelarna måste tillsammans bli 100 % (nu {total} %)."
            )
    return errors


def reported_text(indicator, value) -> str:
    """An indicator's stored value (an ``IndicatorValue`` or None) as it is printed."""
    if value is None:
        return ""
    return value_text(value.value, value.value_max, indicator.unit)


def chart_number(indicator, value) -> Decimal | None:
    """The number a chart shows: a range's high value, else the value."""
    if value is None:
        return None
    if indicator.kind == RANGE and value.value_max is not None:
        return value.value_max
    return value.value


def chart_title(indicator) -> str:
    name = f"{indicator.name}, {indicator.unit}" if indicator.unit else indicator.name
    return f"{name} (högst)" if indicator.kind == RANGE else name
