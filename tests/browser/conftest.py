"""A real Chromium with the unpacked extension, the real server, and policy pages served locally."""

import html
import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import running_server

ROOT = Path(__file__).resolve().parents[2]
POLICIES = ROOT / "tests" / "policies"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("POLICYLENS_CHROMIUM", "/usr/bin/chromium")
FIREFOX = os.environ.get("POLICYLENS_FIREFOX", "/usr/bin/firefox-esr")
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font:16px/1.5 Georgia,serif;margin:0}} nav,footer{{background:#eee;padding:12px}}
main{{max-width:760px;margin:24px auto;padding:0 16px}} #cookie-banner{{position:fixed;bottom:0;left:0;right:0;
background:#222;color:#fff;padding:12px}}</style></head><body>
<nav><a href="/">Home</a> · <a href="/products.html">Products</a> · <a href="/blog.html">Blog</a> · <a href="{policy_link}">Privacy Policy</a></nav>
<main><article>{body}</article></main>
<aside><h3>Related articles</h3><p>Ten tips for a faster website, and other news from our blog this week.</p></aside>
<footer><p>© 2026 Example Corp. All rights reserved. <a href="/terms.html">Terms</a> · <a href="{policy_link}">Privacy</a></p></footer>
<div id="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
</body></html>"""


def policy_page(name):
    """Turn a policy text into a realistic page: headings, paragraphs with inline markup, chrome."""
    blocks = []
    for index, line in enumerate(l.strip() for l in (POLICIES / f"{name}.txt").read_text(encoding="utf-8").splitlines()):
        line = line.lstrip("#> ").strip()
        if not line:
            continue
        text = html.escape(line)
        if len(line) < 60 and not line.endswith("."):
            blocks.append(f"<h2>{text}</h2>")
        else:
            # Inline markup inside sentences, as real pages have: a bold word and a link.
            words = text.split(" ")
            if len(words) > 8 and index % 2:
                words[3] = f"<b>{words[3]}</b>"
                words[6] = f'<a href="#s{index}">{words[6]}</a>'
            blocks.append(f"<p>{' '.join(words)}</p>")
    return PAGE.format(title=f"{name.title()} Privacy Policy", body="\n".join(blocks), policy_link=f"/{name}.html")


NEWS = PAGE.format(
    title="Example News: the week in review",
    policy_link="/planio.html",
    body="<h1>The week in review</h1>" + "".join(
        f"<p>Story {i}: the city council met on Tuesday to discuss the new bicycle lanes, and residents "
        "shared their views on parking, trees and the weekend market that opens next month.</p>" for i in range(12)
    ),
)
XSS = PAGE.format(
    title="Hostile Privacy Policy",
    policy_link="/xss.html",
    body="<h1>Privacy Policy</h1>" + "".join(
        f"<p>{html.escape(s)}</p>" for s in [
            "We may sell your personal information to advertisers <img src=x onerror=\"window.__pwned=1\"> and partners.",
            "We use cookies <script>window.__pwned=2</script> and web beacons to track your visits.",
            "We may change this policy at any time without notice to you.",
            "We share your personal data with third parties for their own marketing purposes.",
        ]
    ),
)


class Site(str):
    """The test site's address, with the folder it serves."""

    def __new__(cls, url, folder):
        site = super().__new__(cls, url)
        site.folder = folder
        return site


class QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without a log line per request."""

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not installed at {CHROMIUM}: apt-get install chromium (or set POLICYLENS_CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def firefox_binary():
    if not Path(FIREFOX).exists():
        message = f"Firefox ESR is not installed at {FIREFOX}: apt-get install firefox-esr (or set POLICYLENS_FIREFOX)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return FIREFOX


@pytest.fixture(scope="session")
def server_url():
    with running_server() as server:
        yield server.url


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    for name in ("plesk", "planio", "mailplanet", "mailee", "planetmirror", "example-terms"):
        (folder / f"{name}.html").write_text(policy_page(name), encoding="utf-8")
    (folder / "news.html").write_text(NEWS, encoding="utf-8")
    (folder / "xss.html").write_text(XSS, encoding="utf-8")
    handler = partial(QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield Site(f"http://127.0.0.1:{httpd.server_address[1]}", folder)
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser(chromium, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),
            executable_path=chromium,
            headless=False,
            viewport={"width": 1100, "height": 800},
            args=["--headless=new", f"--disable-extensions-except={ROOT}", f"--load-extension={ROOT}", "--no-sandbox",
                  "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-first-run"],
        )  # fmt: skip
        worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
        context.extension_id = worker.url.split("/")[2]
        context.worker = worker
        yield context
        context.close()


@pytest.fixture(scope="session")
def extension(browser, server_url):
    """The browser with the extension pointed at the test server through its options page."""
    configure(browser, serverUrl=server_url)
    return browser


def configure(browser, **fields):
    """Save settings through the options page, as a user would."""
    page = browser.new_page()
    page.goto(f"chrome-extension://{browser.extension_id}/extension/options/options.html")
    page.wait_for_selector("body[data-ready=true]")
    for name, value in fields.items():
        page.fill(f"#{name}", str(value))
    page.click("#save")
    page.wait_for_selector("body[data-saved=true]")
    page.close()


def open_policy(browser, url):
    """Open a page and return it with its tab id."""
    page = browser.new_page()
    page.goto(url)
    tab_id = browser.worker.evaluate(
        "async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url).id", url
    )
    return page, tab_id


def open_popup(browser, tab_id):
    """Open the popup for a tab (as a tab of its own) and wait until it has rendered."""
    popup = browser.new_page()
    popup.set_viewport_size({"width": 440, "height": 900})
    popup.goto(f"chrome-extension://{browser.extension_id}/extension/popup/popup.html?tab={tab_id}")
    popup.wait_for_selector("body[data-ready=true]", timeout=30_000)
    return popup


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def store_result(browser, tab_id, result, source="selection", **extra):
    """Keep an analysis as a tab's last result, as the service worker does, for pages to render."""
    browser.worker.evaluate(
        "([key, entry]) => chrome.storage.session.set({[key]: entry})",
        [f"result:{tab_id}", {"result": result, "source": source, "at": 1_700_000_000_000, **extra}],
    )
