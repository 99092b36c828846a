"""Keyboard only: log in and reach an agreement with Tab, Shift+Tab, Enter and Space; the
skip link comes first and moves focus to the main content; focus is always visible."""

import pytest

from tests.e2e.conftest import heading

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    cls: el.className,
    name: el.getAttribute('name'),
    text: (el.innerText || el.value || '').trim().slice(0, 80),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    inAgreementTable: !!el.closest('section[aria-labelledby="agreements-heading"] table'),
    href: el.getAttribute('href'),
    inMain: !!el.closest('main'),
  };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def assert_focus_visible(state: dict) -> None:
    assert state["outlineStyle"] != "none" and state["outlineWidth"] >= 2, state


def test_log_in_and_open_an_agreement_with_the_keyboard_only(demo_data, browser_page):
    page, a11y = browser_page
    page.goto("/logga-in/")
    a11y.check()

    # Django's login form puts focus on the username field. Going backwards from there
    # passes the site name and reaches the skip link, the first focusable element.
    state = focused(page)
    assert state["name"] == "username", state
    page.keyboard.press("Shift+Tab")
    assert focused(page)["text"] == "IOP-registret"
    page.keyboard.press("Shift+Tab")
    state = focused(page)
    assert state["cls"] == "skip-link" and state["text"] == "Hoppa till huvudinnehållet", state
    assert_focus_visible(state)
    page.keyboard.press("Shift+Tab")
    assert focused(page)["tag"] == "body"  # nothing before the skip link

    page.keyboard.press("Tab")
    assert focused(page)["cls"] == "skip-link"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    state = focused(page)
    assert state["name"] == "username", state
    assert_focus_visible(state)
    page.keyboard.type("handlaggare")
    page.keyboard.press("Tab")
    state = focused(page)
    assert state["name"] == "password", state
    assert_focus_visible(state)
    page.keyboard.type("iop-demo-2026")
    page.keyboard.press("Tab")
    state = focused(page)
    assert state["tag"] == "button" and state["text"] == "Logga in", state
    assert_focus_visible(state)
    page.keyboard.press("Shift+Tab")  # back, and forth again
    assert focused(page)["name"] == "password"
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert heading(page) == "Start"
    a11y.check()

    # On the start page the first Tab lands on the skip link, which is then shown; Enter
    # moves focus to the main content, so the next Tab skips the header and its menu.
    assert focused(page)["tag"] == "body"
    page.keyboard.press("Tab")
    state = focused(page)
    assert state["cls"] == "skip-link", state
    assert_focus_visible(state)
    assert page.locator(".skip-link").is_visible()
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0  # on screen, not at -9999px
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert focused(page)["id"] == "main"

    # Tab through the start page to the first agreement in the table; every stop is outlined.
    stops = []
    for _ in range(80):
        page.keyboard.press("Tab")
        state = focused(page)
        stops.append(f"{state['tag']}:{state['text'][:30]}")
        assert state["tag"] != "body", f"focus fell off the page after {stops}"
        assert state["inMain"], f"Tab after the skip link left the main content: {stops}"
        assert_focus_visible(state)
        if state["inAgreementTable"] and state["tag"] == "a":
            break
    else:
        pytest.fail(f"no agreement link reached with Tab: {stops}")
    title = state["text"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert heading(page).startswith(title)
    a11y.check()
    a11y.assert_clean()
