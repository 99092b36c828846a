"""FastSelect renders exactly what Django's Select renders (issue 19)."""

import pytest
from django import forms

from common.widgets import FastSelect

CHOICES = [
    ("", "Alla"),
    ("1", 'Föreningen <Hopp> & "Tro"'),
    (2, "Två"),
    ("Grupp & co", [("3", "Tre"), ("4", "Fyra")]),
]


@pytest.mark.parametrize("value", [None, "", "1", 2, "4", ["1", "4"]])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_party", "required": True, "disabled": False, "aria-describedby": 'a"b'}],
)
def test_fast_select_renders_what_django_select_renders(value, attrs):
    django_html = forms.Select(choices=CHOICES).render("party", value, attrs=attrs)
    fast_html = FastSelect(choices=CHOICES).render("party", value, attrs=attrs)
    assert fast_html == django_html


def test_fast_select_in_a_bound_form_keeps_the_choice_and_escapes_labels():
    class Form(forms.Form):
        party = forms.ChoiceField(choices=CHOICES, required=False, widget=FastSelect)

    html = str(Form({"party": "1"})["party"])
    assert (
        '<option value="1" selected>Föreningen &lt;Hopp&gt; &amp; &quot;Tro&quot;</option>' in html
    )
    assert '<optgroup label="Grupp &amp; co">' in html
    assert html == str(
        type("Plain", (forms.Form,), {"party": forms.ChoiceField(choices=CHOICES, required=False)})(
            {"party": "1"}
        )["party"]
    )
