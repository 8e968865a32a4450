"""What the extension sends to the server: the text, its format, and nothing about the page."""

import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.browser.conftest import configure, open_policy, open_popup


@pytest.fixture
def recorder(extension, server_url):
    """Point the extension at a relay that keeps each request's JSON body and passes it to the real server."""
    bodies = []

    class Relay(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            bodies.append(json.loads(body))
            request = urllib.request.Request(f"{server_url}{self.path}", data=body, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as answer:
                payload = answer.read()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    relay = ThreadingHTTPServer(("127.0.0.1", 0), Relay)
    threading.Thread(target=relay.serve_forever, daemon=True).start()
    configure(extension, serverUrl=f"http://127.0.0.1:{relay.server_address[1]}")
    yield bodies
    configure(extension, serverUrl=server_url)
    relay.shutdown()


def test_a_page_is_sent_as_text_and_a_linked_policy_as_html(extension, site, recorder):
    page, tab_id = open_policy(extension, f"{site}/mailee.html")
    open_popup(extension, tab_id).close()
    (sent,) = recorder
    assert sent["format"] == "text" and sent["sentences"] is True and sent["max_highlights"] == 7
    assert set(sent) == {"text", "format", "max_highlights", "sentences"}  # no address, no title
    assert "<p>" not in sent["text"] and "Mailee" in sent["text"]
    page.close()
    recorder.clear()
    page, tab_id = open_policy(extension, f"{site}/news.html")
    popup = open_popup(extension, tab_id)
    popup.locator("#not-policy .link", has_text="Privacy Policy").first.click()
    popup.wait_for_selector("body[data-ready=true] #grade")
    (sent,) = recorder
    assert sent["format"] == "html" and sent["text"].startswith("<!doctype html>")
    popup.close()
    page.close()


def test_a_selection_is_sent_as_text(extension, site, recorder):
    page, tab_id = open_policy(extension, f"{site}/news.html")
    popup = open_popup(extension, tab_id)
    recorder.clear()
    popup.evaluate(
        """(tabId) => chrome.runtime.sendMessage({type: "analyze-text", tabId,
            text: "If x <b> y then we may sell your personal information to data brokers."})""",
        tab_id,
    )
    (sent,) = recorder
    assert sent["format"] == "text" and sent["text"] == "If x <b> y then we may sell your personal information to data brokers."
    popup.close()
    page.close()
