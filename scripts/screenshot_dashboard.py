"""Take the README's screenshot of the dashboard (docs/dashboard.png) from a running demo.

Run by hand, not a test. Start the demo first, e.g.

    DATABASE_URL=sqlite:////tmp/demo.db .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/demo.db .venv/bin/python manage.py seed_demo
    DATABASE_URL=sqlite:////tmp/demo.db .venv/bin/python manage.py runserver 127.0.0.1:8765

then

    .venv/bin/python scripts/screenshot_dashboard.py --url http://127.0.0.1:8765

It drives Debian's Chromium through Playwright (CHROMIUM_PATH, or `chromium` on the PATH;
never a downloaded browser), logs in as a demo user (HR by default: the whole branch,
with its sub-branches compared), waits for the charts and saves a 1280-pixel-wide,
full-page PNG.
"""

import argparse
import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
DEMO_PASSWORD = "Demo@2026"  # printed by `manage.py seed_demo`
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the demo server")
    parser.add_argument("--user", default="hr", help="demo login (hr, head, admin…)")
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "dashboard.png")
    parser.add_argument("--width", type=int, default=1280)
    return parser.parse_args()


def main() -> int:
    args = arguments()
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not executable:
        sys.exit("Debian's chromium is not installed (apt-get install chromium).")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        context = browser.new_context(
            locale="zh-CN", viewport={"width": args.width, "height": 900}, device_scale_factor=1
        )
        page = context.new_page()
        page.goto(f"{args.url}/login/")
        page.fill("#id_username", args.user)
        page.fill("#id_password", args.password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/login/" not in url)
        page.goto(f"{args.url}/performance/dashboard/")
        expect(page.get_by_test_id("attention")).to_be_visible()
        charts = page.locator("[data-chart]:not([hidden])")
        for index in range(charts.count()):
            expect(charts.nth(index).locator("canvas")).to_have_count(1)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1500)  # the charts' entry animation
        page.screenshot(path=str(args.out), full_page=True)
        browser.close()
    print(f"Saved {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
