"""The extension in a real Firefox ESR (Marionette), against the real server, on policy pages served locally."""

import pytest

from tests.browser.conftest import ARTIFACTS, ROOT

ADDON_ID = "policylens@policylens.example"
ADDON_UUID = "5f0c7a52-3b8e-4d1f-9c6a-2e7b41d09a3c"  # fixed through extensions.webextensions.uuids
BASE = f"moz-extension://{ADDON_UUID}/extension"


@pytest.fixture(scope="module")
def firefox(firefox_binary, server_url, tmp_path_factory):
    """Firefox with the unpacked extension installed and pointed at the test server through its options page."""
    from tests.browser.firefox import Firefox

    profile = tmp_path_factory.mktemp("firefox-profile")
    with open(tmp_path_factory.mktemp("firefox-log") / "firefox.log", "wb") as log:
        with Firefox(firefox_binary, profile, addon_uuids={ADDON_ID: ADDON_UUID}, log=log) as browser:
            browser.client.set_window_rect(width=1100, height=800)
            assert browser.install_addon(ROOT) == ADDON_ID
            browser.options = browser.open_tab(f"{BASE}/options/options.html")
            browser.wait_for("document.body.dataset.ready === 'true'")
            # Firefox grants a Manifest V3 add-on's host_permissions at install (since 127), so the
            # extension may read and mark pages on 127.0.0.1 and reach the server there.
            loopback = {"origins": ["http://127.0.0.1/*"]}
            assert browser.call("permissions.contains", loopback) is True, "127.0.0.1 was not granted at install"
            field = browser.client.find_element("id", "serverUrl")
            field.clear()
            field.send_keys(server_url)
            browser.client.find_element("id", "save").click()
            browser.wait_for("document.body.dataset.saved === 'true'", message="the options page did not save")
            yield browser


def open_policy(firefox, url):
    """Open a page in a tab; return its Marionette handle and the extension's tab id for it."""
    handle = firefox.open_tab(url)
    firefox.client.switch_to_window(firefox.options)
    return handle, firefox.tab_id(url)


def open_popup(firefox, tab_id):
    """Open the popup for a tab (as a tab of its own) and wait until it has rendered."""
    handle = firefox.open_tab(f"{BASE}/popup/popup.html?tab={tab_id}")
    firefox.wait_for("document.body.dataset.ready === 'true'", message="the popup did not render")
    return handle


def test_popup_shows_grade_flags_and_badge(firefox, site):
    _, tab_id = open_policy(firefox, f"{site}/plesk.html")
    open_popup(firefox, tab_id)
    assert firefox.run("return document.getElementById('error')") is None
    assert firefox.run("return document.getElementById('grade').textContent") in list("ABCDE")
    flags = firefox.run("return document.querySelectorAll('.item.high, .item.medium, .item.low').length")
    assert flags >= 4
    quotes = firefox.run("return [...document.querySelectorAll('#red-flags .item.medium .quote')].map((q) => q.textContent)")
    assert "“You cannot opt-out of these messages.”" in quotes
    assert firefox.run("return document.querySelectorAll('#highlights .quote').length") == 7
    # The background script (an event page in Firefox) set the toolbar badge for the policy's tab.
    assert firefox.call("action.getBadgeText", {"tabId": tab_id}) == str(flags)
    firefox.screenshot(ARTIFACTS / "firefox-popup-plesk.png")


def test_clicking_a_flag_marks_the_sentence_in_the_page(firefox, site):
    page, tab_id = open_policy(firefox, f"{site}/planio.html")
    popup = open_popup(firefox, tab_id)
    sentence = "This website uses the following analytics, retargeting"
    button = firefox.run(
        "return [...document.querySelectorAll('.item .quote')].find((q) => q.textContent.includes(arguments[0]))", sentence
    )
    assert button is not None, "the flag's sentence is not in the popup"
    # The flag opens to its first sentences, then "Show all": as a user would, open what hides it.
    firefox.run("return arguments[0].closest('.item').querySelector('summary')", button).click()
    if not firefox.run("return arguments[0].checkVisibility()", button):
        firefox.run("return arguments[0].closest('.item').querySelector('.show-all')", button).click()
    button.click()
    firefox.wait_for("document.body.dataset.marked", message="the popup got no answer about the mark")
    assert firefox.run("return document.body.dataset.marked") == "true", "the sentence was not found in the page"
    firefox.client.switch_to_window(page)
    marked = firefox.run("return [...document.querySelectorAll('mark.policylens-mark')].map((m) => m.textContent).join('')")
    assert marked.startswith(sentence)
    assert firefox.run(
        "const r = document.querySelector('mark.policylens-mark').getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= innerHeight;"
    ), "the marked sentence was not scrolled into view"
    firefox.screenshot(ARTIFACTS / "firefox-page-planio-marked.png")
    firefox.client.switch_to_window(popup)
    firefox.client.find_element("id", "clear").click()
    firefox.wait_for("document.getElementById('clear').hidden")
    firefox.client.switch_to_window(page)
    assert firefox.run("return document.querySelectorAll('mark.policylens-mark').length") == 0
