"""The change history in the browser's local storage: versions per address, bounded, never the text."""

from tests.browser.test_popup import analysis, finding

RECORD = """async ([url, text, result]) => {
    const {record} = await import("../background/history.js");
    return record(url, text, result);
}"""


def history_page(extension):
    """An extension page from which the history module can be imported and run, as the service worker runs it."""
    page = extension.new_page()
    page.goto(f"chrome-extension://{extension.extension_id}/extension/options/options.html")
    page.wait_for_selector("body[data-ready=true]")
    return page


def stored(page, prefix="seen:"):
    return page.evaluate(
        "async (prefix) => Object.fromEntries(Object.entries(await chrome.storage.local.get(null)).filter(([k]) => k.startsWith(prefix)))",
        prefix,
    )


def test_versions_are_kept_bounded_and_hold_no_text(extension):
    page = history_page(extension)
    url = "https://policies.example/privacy?utm=1#top"
    secret = "The whole text of version {n}, which the history must never keep."
    for n in range(5):
        sentences = [{"position": 0, "text": "We collect data."}, {"position": 1, "text": f"Version {n} adds this."}]
        result = analysis([finding("sale", "high", f"We sell data, version {n}.", 0)], sentences=sentences)
        change = page.evaluate(RECORD, [url, secret.format(n=n), result])
        assert (change is None) == (n == 0)
        if n:
            assert [flag["sentence"] for flag in change["newFlags"]] == [f"We sell data, version {n}."]
    assert page.evaluate(RECORD, [url, secret.format(n=4), result]) is None  # the same text again: no change
    entry = stored(page)["seen:https://policies.example/privacy"]
    assert len(entry["versions"]) == 3  # the last three
    assert [v["flags"][0]["sentence"] for v in entry["versions"]] == [f"We sell data, version {n}." for n in (2, 3, 4)]
    assert all(len(v["sentences"]) == 2 and all(len(f) == 8 for f in v["sentences"]) for v in entry["versions"])
    assert "whole text" not in str(entry)
    page.close()


def test_the_least_recently_seen_addresses_are_forgotten(extension):
    page = history_page(extension)
    page.evaluate("async () => chrome.storage.local.remove(Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('seen:')))")
    result = analysis([])
    for n in range(23):
        page.evaluate(RECORD, [f"https://site{n}.example/privacy", f"text {n}", result])
    kept = stored(page)
    assert len(kept) == 20 and "seen:https://site0.example/privacy" not in kept and "seen:https://site22.example/privacy" in kept
    page.close()


def test_an_entry_from_before_versions_were_kept_still_counts(extension):
    page = history_page(extension)
    page.evaluate(
        "() => chrome.storage.local.set({'seen:https://old.example/terms': {digest: 'abc', at: 1, flags: [{rule: 'sale', sentence: 'Old.'}]}})"
    )
    change = page.evaluate(RECORD, ["https://old.example/terms", "new text", analysis([finding("sale", "high", "New.", 0)])])
    assert change["since"] == 1 and [f["sentence"] for f in change["newFlags"]] == ["New."]
    assert len(stored(page)["seen:https://old.example/terms"]["versions"]) == 2
    page.close()


def test_a_full_session_storage_makes_room_for_the_new_result(extension, site):
    from tests.browser.conftest import open_policy, open_popup

    # Another tab's result fills all but 10 kB of session storage's 10 MiB (10,485,760 bytes).
    extension.worker.evaluate(
        """async () => {
            const free = chrome.storage.session.QUOTA_BYTES - await chrome.storage.session.getBytesInUse(null);
            await chrome.storage.session.set({'result:999999': {filler: 'x'.repeat(free - 10_000)}});
        }"""
    )
    page, tab_id = open_policy(extension, f"{site}/plesk.html")
    popup = open_popup(extension, tab_id)
    assert popup.inner_text("#grade") in "ABCDE"
    keys = extension.worker.evaluate("async () => Object.keys(await chrome.storage.session.get(null))")
    assert f"result:{tab_id}" in keys and "result:999999" not in keys
    popup.close()
    page.close()
