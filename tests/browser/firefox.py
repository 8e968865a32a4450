"""Drive Debian's firefox-esr through its own Marionette protocol (no geckodriver, no download)."""

import json
import os
import signal
import subprocess
import warnings

with warnings.catch_warnings():
    # Its dependencies (mozinfo, mozrunner) call deprecated distro and telnetlib APIs on import.
    warnings.simplefilter("ignore", DeprecationWarning)
    from marionette_driver.addons import Addons
    from marionette_driver.marionette import Marionette
    from marionette_driver.wait import Wait

from tests.conftest import free_port

STARTUP_SECONDS = 60
COMMAND_SECONDS = 60  # a Marionette command that takes longer has hung: fail instead of waiting 6 minutes
SCRIPT_MS = 30_000
PAGE_LOAD_MS = 30_000
# A quiet, throwaway profile: no first-run pages, no update or telemetry traffic.
PREFS = {
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.aboutwelcome.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "browser.safebrowsing.update.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "app.normandy.enabled": False,
}


class Firefox:
    """A headless Firefox on a throwaway profile, and a Marionette session with it."""

    def __init__(self, binary, profile, addon_uuids=None, log=None):
        self.binary = binary
        self.profile = profile
        self.port = free_port()
        self.addon_uuids = addon_uuids or {}
        self.log = log
        self.process = None
        self.client = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        """Write the profile's preferences, start Firefox and open a Marionette session."""
        prefs = dict(PREFS, **{"marionette.port": self.port})
        if self.addon_uuids:
            # Fixes each add-on's moz-extension://UUID/ address, so its pages can be opened by URL.
            prefs["extensions.webextensions.uuids"] = json.dumps(self.addon_uuids)
        lines = [f"user_pref({json.dumps(name)}, {json.dumps(value)});" for name, value in prefs.items()]
        (self.profile / "user.js").write_text("\n".join(lines) + "\n", encoding="utf-8")
        # -remote-allow-system-access lets the chrome context open extension pages in tabs,
        # which WebDriver:Navigate refuses from web content.
        command = [self.binary, "-marionette", "-remote-allow-system-access", "-headless", "-no-remote",
                   "-profile", str(self.profile)]  # fmt: skip
        self.process = subprocess.Popen(
            command, env=dict(os.environ, MOZ_HEADLESS="1"), stdin=subprocess.DEVNULL,
            stdout=self.log or subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            self.client = Marionette(host="127.0.0.1", port=self.port, socket_timeout=COMMAND_SECONDS)
            self.client.raise_for_port(timeout=STARTUP_SECONDS)
            self.client.start_session(timeout=STARTUP_SECONDS)
            self.client.timeout.script = SCRIPT_MS / 1000
            self.client.timeout.page_load = PAGE_LOAD_MS / 1000
        except BaseException:
            self.stop()
            raise

    def stop(self):
        """End the session and kill Firefox and its content processes."""
        if self.client is not None:
            try:
                self.client.delete_session()
            except Exception:  # noqa: BLE001 - Firefox may already be gone; it is killed below anyway
                pass
            self.client.cleanup_ran = True  # nothing more for marionette_driver's __del__ to do
            self.client = None
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)

    def install_addon(self, path):
        """Install an unpacked extension as a temporary add-on; return its id."""
        return Addons(self.client).install(str(path), temp=True)

    def open_tab(self, url):
        """Open a URL (web page or extension page) in a new tab, switch to it, return its handle."""
        before = set(self.client.window_handles)
        with self.client.using_context("chrome"):
            self.client.execute_script("gBrowser.selectedTab = gBrowser.addTrustedTab(arguments[0]);", script_args=[url])
        Wait(self.client, timeout=10).until(lambda client: set(client.window_handles) - before)
        (handle,) = set(self.client.window_handles) - before
        self.client.switch_to_window(handle)
        # A new tab starts on about:blank, itself "complete": wait for the page asked for.
        self.wait_for(f"location.href === {json.dumps(url)} && document.readyState === 'complete'")
        return handle

    def wait_for(self, condition, timeout=30, message=None):
        """Wait until a JavaScript expression is true in the current tab."""
        return Wait(self.client, timeout=timeout, interval=0.1).until(
            lambda client: client.execute_script(f"return Boolean({condition});"),
            message=message or f"timed out after {timeout} s waiting for {condition}",
        )

    def run(self, script, *args):
        """Run a script in the current tab and return its value."""
        return self.client.execute_script(script, script_args=list(args))

    def tab_id(self, url, timeout=10):
        """Return the extension's id for the tab showing a URL; the current tab must be an extension page."""
        # The extension's chrome.* APIs live in the page's own compartment, behind Marionette's sandbox.
        # A tab's new address reaches the extension API a moment after the page has loaded: ask again.
        find = (
            "const [url, done] = arguments;"
            "window.wrappedJSObject.chrome.tabs.query({}).then("
            "  (tabs) => done(tabs.find((tab) => tab.url === url)?.id ?? null), (error) => done(String(error)));"
        )
        found = Wait(self.client, timeout=timeout, interval=0.1).until(
            lambda client: client.execute_async_script(find, script_args=[url]),
            message=f"no tab with {url} among the extension's tabs after {timeout} s",
        )
        assert isinstance(found, int), f"tabs.query failed: {found}"
        return found

    def call(self, expression, *args):
        """Await `chrome.<expression>(...args)` in the current extension page and return its value."""
        return self.client.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "const [api, name] = [arguments[0].split('.').slice(0, -1), arguments[0].split('.').pop()];"
            "const target = api.reduce((object, key) => object[key], window.wrappedJSObject.chrome);"
            "target[name](...arguments[1]).then(done, (error) => done({error: String(error)}));",
            script_args=[expression, list(args)],
        )

    def screenshot(self, path):
        """Save the current tab, whole page, as a PNG."""
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(self.client.screenshot(format="binary", full=True))
