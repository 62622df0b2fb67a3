"""End to end in a real headless Chromium: the HTML report of examples/, and the drafting page of vmlint serve.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them); without them
these tests are skipped, saying so.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from vmlint.cli import main

from live_server import LiveServer

CHROMIUM = os.environ.get("VMLINT_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("VMLINT_CHROMEDRIVER", "/usr/bin/chromedriver")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--window-size=1280,1000"]
XSS = '<script>window.__pwned = 1</script> "><img src=x onerror="window.__pwned = 2">'

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)),
                       reason=f"no browser: install Debian's chromium and chromium-driver ({CHROMIUM}, {CHROMEDRIVER})"),
]


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="vmlint-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def wait(driver, condition, what: str):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 30, poll_frequency=0.05, ignored_exceptions=[StaleElementReferenceException]).until(
        lambda d: condition(d), message=what)


def linted(driver) -> bool:
    """The page shows the findings of the text as it is now (no lint pending)."""
    return driver.execute_script("return document.body.dataset.pending") == "false"


def shown_rules(driver) -> set[str]:
    return set(driver.execute_script("return [...document.querySelectorAll('li.finding')].map(li => li.dataset.rule)"))


def mark_texts(driver) -> list[str]:
    return driver.execute_script("return [...document.querySelectorAll('#backdrop mark')].map(m => m.textContent)")


def css(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def policy_violations(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]


def report(capsys, tmp_path, *args) -> Path:
    out = tmp_path / "report.html"
    main(["--format", "html", "--no-cache", "-o", str(out), *args])
    capsys.readouterr()
    return out


# -- the HTML report ------------------------------------------------------------------------------

def test_the_report_shows_every_finding_of_examples(browser, capsys, tmp_path):
    out = report(capsys, tmp_path, str(EXAMPLES))
    main(["--format", "json", "--no-cache", str(EXAMPLES)])
    doc = json.loads(capsys.readouterr().out)
    browser.get(out.as_uri())
    wait(browser, lambda d: css(d, "li.finding"), "the report's findings")
    expected = []
    for entry in doc["files"]:
        seq = entry.get("sequence")
        found = ([f for m in seq["messages"] for f in m["report"]["findings"]] + seq["findings"]) if seq else entry["findings"]
        expected += [(entry["path"], f["code"], f["message"]) for f in found]
    shown = []
    for section in css(browser, "section.file"):
        path = section.find_element("css selector", "h2").text
        for li in section.find_elements("css selector", "li.finding"):
            assert li.is_displayed()
            shown.append((path, li.get_attribute("data-code"), li.find_element("css selector", ".msg").text))
    assert sorted(shown) == sorted(expected)
    marks = css(browser, "pre.draft a.ref")
    assert len(marks) == len(expected) and all(m.is_displayed() for m in marks)
    assert policy_violations(browser) == []


def test_the_report_is_keyboard_navigable(browser, capsys, tmp_path):
    from selenium.webdriver.common.keys import Keys

    browser.get(report(capsys, tmp_path, str(EXAMPLES / "step1-bad.txt")).as_uri())
    body = css(browser, "body")[0]
    body.send_keys("n")
    first = browser.switch_to.active_element
    assert first.get_attribute("class").startswith("ref")
    first.send_keys(Keys.ENTER)  # a mark leads to its finding
    target = "#" + first.get_attribute("href").split("#")[1]
    wait(browser, lambda d: d.execute_script("return location.hash") == target, "the finding the mark links to")
    browser.switch_to.active_element.send_keys("n")  # from the finding, on to the next mark
    assert browser.switch_to.active_element.get_attribute("id") == "m-f-2"
    browser.switch_to.active_element.send_keys("p")
    assert browser.switch_to.active_element.get_attribute("id") == "m-f-1"


def test_markup_in_a_draft_renders_as_text_in_the_report(browser, capsys, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(f"Hi Ana, um, {XSS} I'll call you Thursday at 2 p.m.\n", encoding="utf-8")
    browser.get(report(capsys, tmp_path, str(draft)).as_uri())
    wait(browser, lambda d: css(d, "pre.draft"), "the draft")
    assert browser.execute_script("return window.__pwned") is None
    assert XSS in css(browser, "pre.draft")[0].text
    assert not css(browser, "pre.draft img")


# -- the drafting page ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("drafts")
    (root / "generic.txt").write_text(
        "---\nstep: generic\n---\nHi Sam, um, Lia at Copperfield, 415-555-0123. We cut your payroll errors by half. "
        "Give me a call at 415-555-0123.\n", encoding="utf-8")
    shutil.copy(EXAMPLES / "sequences" / "week-promise-broken.txt", root / "week.txt")
    (root / f"{XSS.replace('/', '')}.txt").write_text("Hi.\n", encoding="utf-8")
    shutil.copytree(EXAMPLES / "week", root / "week")
    shutil.copytree(EXAMPLES / "sequences", root / "seqs")  # sequence files: not a folder sequence
    wednesday = root / "week" / "2-wednesday.txt"
    wednesday.write_text(wednesday.read_text().replace("day: Wednesday", "day: Thursday"))
    return root


@pytest.fixture(scope="module")
def server(folder):
    s = LiveServer(str(folder))
    yield s
    s.stop()


def open_page(browser, server):
    browser.get(server.url)
    wait(browser, lambda d: d.execute_script("return document.body.dataset.ready") == "true", "the page to start")


def test_typing_a_draft_shows_its_marks(browser, server):
    open_page(browser, server)
    draft = css(browser, "#draft")[0]
    draft.send_keys("Hi Sam, um, Lia at Copperfield. We cut payroll errors by half. Give me a call.")
    wait(browser, linted, "the draft's findings")
    assert "um" in mark_texts(browser)
    assert {"filler-phrase", "missing-phone-number"} <= shown_rules(browser)
    assert css(browser, "#score")[0].text.endswith("/100")
    # the marks sit under the words they are about: the mark on 'um' and the textarea share a line box
    box = browser.execute_script(
        "var m=[...document.querySelectorAll('#backdrop mark')].find(x=>x.textContent==='um');"
        "var r=m.getBoundingClientRect(), t=document.getElementById('draft').getBoundingClientRect();"
        "return [r.top - t.top, r.height];")
    assert 0 < box[0] < box[1] * 3
    draft.send_keys(" Call me at 415-555-0123 or 415-555-0123.")
    wait(browser, lambda d: linted(d) and "missing-phone-number" not in shown_rules(d),
         "the finding to go once the number is given")
    assert policy_violations(browser) == []


def test_applying_a_fix_changes_the_text_and_the_file(browser, server, folder):
    open_page(browser, server)
    css(browser, 'button[data-path="generic.txt"]')[0].click()
    wait(browser, lambda d: css(d, 'li.finding[data-rule="filler-phrase"] button.fix'), "the filler finding's fix")
    before = (folder / "generic.txt").read_text()
    css(browser, 'li.finding[data-rule="filler-phrase"] button.fix')[0].click()
    wait(browser, lambda d: linted(d) and "um," not in css(d, "#draft")[0].get_attribute("value"), "the fixed text")
    text = css(browser, "#draft")[0].get_attribute("value")
    assert text == before.replace("um, ", "")
    assert "filler-phrase" not in shown_rules(browser)
    assert (folder / "generic.txt").read_text() == before  # nothing is written until it is saved
    css(browser, "#save")[0].click()
    wait(browser, lambda d: (folder / "generic.txt").read_text() != before, "the saved file")
    assert (folder / "generic.txt").read_text() == text
    wait(browser, lambda d: css(d, "#save")[0].text == "Saved", "the page to say it is saved")


def test_a_crlf_file_is_marked_on_its_words_and_saved_with_its_line_endings(browser, server, folder):
    path = folder / "crlf.txt"
    path.write_bytes(b"---\r\nstep: generic\r\n---\r\nHi Sam, it's Lia at Copperfield.\r\n"
                     b"Um, we cut payroll errors by half. Call me at 415-555-0123 or 415-555-0123.\r\n")
    open_page(browser, server)
    css(browser, 'button[data-path="crlf.txt"]')[0].click()
    wait(browser, lambda d: linted(d) and "filler-phrase" in shown_rules(d), "the filler finding")
    assert "Um" in mark_texts(browser)  # on the word itself, though the page holds the text with \n line breaks
    css(browser, 'li.finding[data-rule="filler-phrase"] button.fix')[0].click()
    wait(browser, lambda d: linted(d) and "filler-phrase" not in shown_rules(d), "the fix")
    css(browser, "#save")[0].click()
    wait(browser, lambda d: b"Um," not in path.read_bytes(), "the saved file")
    assert path.read_bytes() == (b"---\r\nstep: generic\r\n---\r\nHi Sam, it's Lia at Copperfield.\r\n"
                                 b"We cut payroll errors by half. Call me at 415-555-0123 or 415-555-0123.\r\n")
    path.unlink()


def test_a_sequence_file_shows_its_timeline(browser, server):
    open_page(browser, server)
    css(browser, 'button[data-path="week.txt"]')[0].click()
    wait(browser, lambda d: css(d, "#timeline-rows tr"), "the timeline")
    rows = [r.text for r in css(browser, "#timeline-rows tr")]
    assert len(rows) == 3 and "not kept" in rows[1]
    assert shown_rules(browser) == {"promise-not-kept"}
    assert len(mark_texts(browser)) >= 1


def test_a_sub_folder_checked_as_a_sequence_leads_to_its_messages(browser, server):
    open_page(browser, server)
    assert [b.get_attribute("data-folder") for b in css(browser, "button.check-sequence")] == ["week"]
    css(browser, 'button[data-folder="week"]')[0].click()
    wait(browser, lambda d: css(d, "#sequence-rows tr"), "the sequence's messages")
    rows = [r.text for r in css(browser, "#sequence-rows tr")]
    assert len(rows) == 3 and "week/2-wednesday.txt" in rows[1] and "not kept" in rows[1]
    item = css(browser, '#sequence-findings li.finding[data-rule="promise-not-kept"]')[0]
    item.find_element("css selector", "button.open").click()
    wait(browser, lambda d: "day: Thursday" in css(d, "#draft")[0].get_attribute("value"), "the message's file")
    assert css(browser, "#file-name")[0].text == "week/2-wednesday.txt"


def test_markup_typed_or_in_a_file_name_renders_as_text(browser, server):
    open_page(browser, server)
    names = [b.get_attribute("data-path") for b in css(browser, "#file-list button")]
    assert f"{XSS.replace('/', '')}.txt" in names
    draft = css(browser, "#draft")[0]
    draft.send_keys("Hi Sam, um, " + XSS)
    wait(browser, lambda d: linted(d) and mark_texts(d), "the marks")
    assert browser.execute_script("return window.__pwned") is None
    assert not css(browser, "#backdrop img, #findings img, #file-list img")
    assert XSS in css(browser, "#backdrop")[0].get_attribute("textContent")


@pytest.fixture()
def fast_talker():
    from vmlint import Config

    s = LiveServer(config=Config(words_per_minute=180))
    yield s
    s.stop()


def test_listen_reads_the_spoken_words_at_the_configured_rate_and_shows_the_time(browser, fast_talker):
    # Headless Chromium has no voices: the browser's speech engine is replaced by one that records
    # the utterance and finishes when the test says, so what the page asks for and shows is checked.
    open_page(browser, fast_talker)
    browser.execute_script("""
        window.__spoken = [];
        speechSynthesis.speak = function (u) { window.__spoken.push(u); setTimeout(function () { u.onstart(); }, 0); };
        Object.defineProperty(speechSynthesis, 'speaking', {get: function () { return false; }});
    """)
    css(browser, "#draft")[0].send_keys("---\nstep: 1\n---\nHi Ana, Jo at Pinecrest. I'll call you Thursday at 2 p.m.")
    wait(browser, linted, "the draft's findings")
    css(browser, "#listen")[0].click()
    wait(browser, lambda d: d.execute_script("return window.__spoken.length") == 1, "the draft to be spoken")
    text, rate = browser.execute_script("return [window.__spoken[0].text, window.__spoken[0].rate]")
    assert text == "Hi Ana, Jo at Pinecrest. I'll call you Thursday at 2 p.m."  # no front matter
    assert rate == pytest.approx(180 / 150)  # words-per-minute 180; a voice's rate 1 is taken as 150
    wait(browser, lambda d: css(d, "#listen")[0].text.endswith("Stop"), "the button to offer to stop")
    browser.execute_script("window.__spoken[0].onend()")
    shown = css(browser, "#listened")[0]
    assert shown.is_displayed()
    estimate = css(browser, "#seconds")[0].text
    assert f"(vmlint estimates {estimate})" in shown.text and "read aloud in" in shown.text
