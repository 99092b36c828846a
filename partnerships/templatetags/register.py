import datetime as dt
import re

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from common.privacy import PRIVACY_NOTICE
from partnerships.amendments import party_change_texts
from partnerships.formatting import format_date, format_months, format_sek
from partnerships.models import public_body_words

register = template.Library()

_BULLET = re.compile(r"^\s*(?:[-*•●]|\d+[.)])\s+")


@register.filter
def sek(value):
    return format_sek(value)


@register.filter
def isodate(value):
    # A document's snapshot is JSON: its dates come back as ISO strings.
    if isinstance(value, str) and value:
        value = dt.date.fromisoformat(value[:10])
    return format_date(value)


@register.filter
def months(value):
    return format_months(int(value))


@register.filter
def add_days(value: dt.date | None, days: int):
    return value + dt.timedelta(days=int(days)) if value else value


@register.filter
def sections(text: str):
    """Plain text to paragraphs; lines that start with '-', '•' or '●' become a list.

    Everything is escaped: users' text never becomes markup."""
    if not text:
        return ""
    html = []
    items: list[str] = []
    paragraph: list[str] = []

    def flush_paragraph():
        if paragraph:
            html.append("<p>" + "<br>".join(conditional_escape(p) for p in paragraph) + "</p>")
            paragraph.clear()

    def flush_items():
        if items:
            html.append(
                "<ul>" + "".join(f"<li>{conditional_escape(i)}</li>" for i in items) + "</ul>"
            )
            items.clear()

    for line in text.splitlines():
        if not line.strip():
            flush_paragraph()
            flush_items()
        elif _BULLET.match(line):
            flush_paragraph()
            items.append(_BULLET.sub("", line).strip())
        else:
            flush_items()
            paragraph.append(line.strip())
    flush_paragraph()
    flush_items()
    return mark_safe("".join(html))  # noqa: S308 - every piece escaped above


@register.simple_tag
def tab_url(tab, agreement) -> str:
    return reverse(tab.url_name, args=[agreement.pk])


@register.simple_tag
def status_badge(agreement):
    return format_html(
        '<span class="badge badge--{}">{}</span>', agreement.status.value, agreement.status_label
    )


@register.simple_tag
def party_changes(party) -> list[str]:
    """What amendments say about a party joining or leaving (``party.amendments``)."""
    return party_change_texts(party)


@register.simple_tag
def privacy_notice() -> str:
    """The one wording shown near free text about people (``common.privacy``)."""
    return PRIVACY_NOTICE


def _public_body(subject):
    """The public organisation of an agreement (Agreement.municipality), or the organisation
    itself."""
    if hasattr(subject, "public_kind"):
        return subject
    return getattr(subject, "municipality", None)


@register.filter
def public_noun(subject, form: str = ""):
    """{{ agreement|public_noun }} -> "kommunen" or "regionen";
    {{ agreement|public_noun:"genitive" }} -> "kommunens" or "regionens"."""
    body = _public_body(subject)
    definite, genitive = public_body_words(body.public_kind if body is not None else None)
    return genitive if form == "genitive" else definite


@register.filter
def fields(form, names: str) -> list:
    """The form's bound fields named in ``names`` ("title need goals"), in that order: for
    ``{% include "includes/fields.html" with fields=form|fields:"title need" %}``. A name the
form does not have (a field its ``__init__`` left out) is passed over, as ``form.name`` is."""
    return [form[name] for name in names.split() if name in form.fields]
