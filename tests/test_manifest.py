"""The repo root is what a browser loads: its manifest must be sound for Chromium and Firefox."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = json.loads((ROOT / "manifest.json").read_text())


def test_no_root_entry_starts_with_an_underscore():
    # Chromium's "Load unpacked" refuses such a folder, though --load-extension in tests does not.
    assert [p.name for p in ROOT.iterdir() if p.name.startswith("_")] == []


def test_every_file_the_manifest_names_exists():
    named = [
        *MANIFEST["icons"].values(), *MANIFEST["action"]["default_icon"].values(), MANIFEST["action"]["default_popup"],
        MANIFEST["background"]["service_worker"], *MANIFEST["background"]["scripts"], MANIFEST["options_ui"]["page"],
    ]  # fmt: skip
    assert all((ROOT / path).is_file() for path in named)


def test_least_privilege():
    assert set(MANIFEST["permissions"]) == {"activeTab", "scripting", "storage", "contextMenus"}
    assert MANIFEST["host_permissions"] == ["http://127.0.0.1/*", "http://localhost/*"]
    assert "'unsafe" not in MANIFEST["content_security_policy"]["extension_pages"]


def test_extension_code_builds_no_html_from_strings():
    for path in (ROOT / "extension").rglob("*.js"):
        source = path.read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in source, f"{path.name} uses {sink}"


def test_package_holds_only_the_extension(tmp_path):
    subprocess.run(["bash", "bin/package"], cwd=ROOT, check=True, capture_output=True)
    import zipfile

    names = zipfile.ZipFile(ROOT / "dist" / f"policylens-{MANIFEST['version']}.zip").namelist()
    assert "manifest.json" in names and all(n == "manifest.json" or n.startswith("extension/") for n in names)


def test_web_ext_lint_passes_for_firefox():
    if not shutil.which("npx"):
        message = "npx (Node.js) is missing: web-ext lint cannot run"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    subprocess.run(["bash", "bin/package"], cwd=ROOT, check=True, capture_output=True)
    run = subprocess.run(
        ["npx", "--yes", "web-ext@10", "lint", "--source-dir", "dist/policylens", "--output", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    report = json.loads(run.stdout[run.stdout.index("{") :])
    assert report["summary"]["errors"] == 0, report["errors"]
