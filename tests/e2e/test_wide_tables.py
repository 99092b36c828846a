"""At 1280 px nothing on the agreement page or its economy tab runs wider than the page
(issue 14: tables overflowed); a wide table scrolls inside its own region instead."""

import os
import re

import pytest

from tests.e2e.conftest import login

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OVERFLOW = """() => {
  const main = document.querySelector('main').getBoundingClientRect();
  const out = [];
  for (const el of document.querySelectorAll('main table, main pre, main svg, main dl')) {
    if (el.closest('.table-scroll')) continue;
    const box = el.getBoundingClientRect();
    if (box.right > main.right + 1) out.push(el.tagName + '.' + el.className + ' ' + box.right);
  }
  return {page: document.documentElement.scrollWidth, view: window.innerWidth, out};
}"""


def test_agreement_page_and_economy_fit_1280_px(demo_data, browser_page):
    page, a11y = browser_page
    assert page.viewport_size["width"] == 1280
    login(page, "handlaggare")
    page.goto("/overenskommelser/")
    hrefs = page.eval_on_selector_all(
        "main a[href^='/overenskommelser/']", "els => els.map(e => e.getAttribute('href'))"
    )
    ids = sorted({m.group(1) for h in hrefs if (m := re.fullmatch(r"/overenskommelser/(\d+)/", h))})
    assert ids
    shots = os.environ.get("IOP_E2E_SCREENSHOTS")
    for pk in ids:
        for url in (f"/overenskommelser/{pk}/", f"/ekonomi/overenskommelser/{pk}/"):
            page.goto(url)
            state = page.evaluate(OVERFLOW)
            if shots:
                name = url.strip("/").replace("/", "-")
                page.screenshot(path=f"{shots}/{name}.png", full_page=True)
            assert state["page"] <= state["view"], (url, state)
            assert not state["out"], (url, state)
