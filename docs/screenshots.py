"""Take the README's screenshots: the HTML report of examples/ and the drafting page (needs the serve and test extras and Chromium).

    .venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from vmlint.serve.command import build

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def browser(profile: str, size: str):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS + [f"--user-data-dir={profile}", f"--window-size={size}"]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="vmlint-shots-"))
    try:
        report = work / "report.html"
        subprocess.run([sys.executable, "-m", "vmlint", "--format", "html", "--no-cache", "-o", str(report), "examples/"],
                       cwd=ROOT, check=False)
        d = browser(str(work / "profile-1"), "1100,1300")
        d.get(report.as_uri())
        d.execute_script("document.getElementById('file-3').scrollIntoView()")
        d.save_screenshot(str(ROOT / "docs" / "report.png"))
        d.quit()

        drafts = work / "examples"
        shutil.copytree(ROOT / "examples", drafts)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        app, _ = build(str(drafts), host="127.0.0.1", port=port)
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        d = browser(str(work / "profile-2"), "1280,900")
        d.get(f"http://127.0.0.1:{port}/")
        wait = WebDriverWait(d, 30)
        wait.until(lambda x: x.execute_script("return document.body.dataset.ready") == "true")
        d.find_element("css selector", 'button[data-path="step1-bad.txt"]').click()
        wait.until(lambda x: x.find_elements("css selector", "#backdrop mark"))
        d.save_screenshot(str(ROOT / "docs" / "serve.png"))
        d.quit()
        server.should_exit = True
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
