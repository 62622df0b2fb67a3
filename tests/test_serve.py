"""vmlint serve over plain HTTP against a real server on a free loopback port: the API, and the attacks it refuses."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from vmlint import Config, lint
from vmlint.serve.command import allowed_hosts, writes_allowed

from live_server import LiveServer

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCHEMA = json.loads((Path(__import__("vmlint").__file__).parent / "report" / "report.schema.json").read_text())
DRAFT = "Hi Sam, um, Lia at Copperfield, 4155550123. We cut your payroll errors by half. Give me a call."


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("drafts")
    shutil.copy(EXAMPLES / "step1-bad.txt", root / "step1-bad.txt")
    shutil.copy(EXAMPLES / "sequences" / "week-promise-broken.txt", root / "week.txt")
    (root / "sub").mkdir()
    (root / "sub" / "generic.md").write_text(DRAFT + "\n", encoding="utf-8")
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text("Hi, this is not yours to read.\n", encoding="utf-8")
    (root / "escape.txt").symlink_to(outside / "secret.txt")
    (root / "escape-dir").symlink_to(outside, target_is_directory=True)
    (root / ".hidden.txt").write_text("hidden\n", encoding="utf-8")
    shutil.copytree(EXAMPLES / "week", root / "week")
    return root


@pytest.fixture(scope="module")
def server(folder):
    s = LiveServer(str(folder))
    yield s
    s.stop()


@pytest.fixture(scope="module")
def bare():
    s = LiveServer()
    yield s
    s.stop()


def _sha(path: Path) -> str:
    from vmlint.source import read_path

    return hashlib.sha256(read_path(path).encode()).hexdigest()


# -- the page and the API -------------------------------------------------------------------

def test_page_is_served_with_a_strict_policy_and_loads_nothing_from_elsewhere(server):
    status, headers, body = server.request("GET", "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    page = body.decode()
    assert "__TOKEN__" not in page and 'name="vmlint-token"' in page
    for asset in ("/static/page.js", "/static/page.css"):
        status, _, data = server.request("GET", asset)
        assert status == 200
        page += data.decode()
    assert "http://" not in page and "https://" not in page and "//cdn" not in page


def test_lint_returns_the_json_report_of_the_library(server):
    status, doc = server.json("POST", "/api/lint", {"text": DRAFT, "step": "generic"})
    assert status == 200
    jsonschema.validate(doc, SCHEMA)
    expected = lint(DRAFT, step="generic")
    entry = doc["files"][0]
    assert entry["score"] == expected.score
    assert entry["findings"] == [f.model_dump(mode="json") for f in expected.findings]


def test_lint_step_auto_takes_the_front_matter(server):
    _, doc = server.json("POST", "/api/lint", {"text": "---\nstep: 1\n---\n" + DRAFT, "step": "auto"})
    assert doc["files"][0]["step"] == "1"
    assert "phone-number-in-first-message" in {f["rule"] for f in doc["files"][0]["findings"]}


def test_a_draft_is_linted_with_the_config_and_step_globs_found_for_it(tmp_path):
    (tmp_path / "vmlint.toml").write_text('max-words = 12\n[steps]\n"calls/first-*" = 1\n')
    (tmp_path / "calls").mkdir()
    draft = tmp_path / "calls" / "first-ana.txt"
    draft.write_text("Hi Ana, Jo at Pinecrest, 312-555-0147. We cut no-shows by a third for clinics like yours.\n")
    s = LiveServer(str(tmp_path))
    try:
        _, got = s.json("GET", "/api/files/calls/first-ana.txt")
        _, linted = s.json("POST", "/api/lint", {"text": got["text"], "path": "calls/first-ana.txt"})
        for doc in (got["report"], linted):
            entry = doc["files"][0]
            assert entry["path"] == "calls/first-ana.txt" and entry["step"] == "1"
            assert {"too-many-words", "phone-number-in-first-message"} <= {f["rule"] for f in entry["findings"]}
        assert s.json("GET", "/api/info")[1]["max_words"] == 12
    finally:
        s.stop()


def test_a_sequence_text_gets_the_sequence_entry(server):
    text = (EXAMPLES / "sequences" / "week-promise-broken.txt").read_text()
    _, doc = server.json("POST", "/api/lint", {"text": text})
    jsonschema.validate(doc, SCHEMA)
    seq = doc["files"][0]["sequence"]
    assert [m["promise_kept"] for m in seq["messages"]] == [None, False, False]


def test_fix_applies_every_safe_fix_or_one_finding(server):
    status, res = server.json("POST", "/api/fix", {"text": DRAFT, "step": "generic"})
    assert status == 200 and res["applied"] >= 2
    assert "um," not in res["text"] and "(415) 555-0123" in res["text"]
    assert res["report"]["files"][0]["score"] > lint(DRAFT, step="generic").score
    findings = lint(DRAFT, step="generic").findings
    index = next(i for i, f in enumerate(findings) if f.rule == "filler-phrase")
    status, one = server.json("POST", "/api/fix", {"text": DRAFT, "step": "generic", "finding": index})
    assert status == 200 and one["applied"] == 1
    assert one["text"] == DRAFT.replace("um, ", "")
    no_fix = next(i for i, f in enumerate(findings) if f.fix is None)
    status, err = server.json("POST", "/api/fix", {"text": DRAFT, "step": "generic", "finding": no_fix})
    assert status == 400 and "no fix" in err["error"]


def test_unsafe_fixes_are_applied_only_when_asked(server):
    text = "Hi Ana, Jo at Pinecrest, 312-555-0147. I just wanted to say we cut no-shows by a third. Call me at 312-555-0147."
    findings = lint(text, step="generic").findings
    assert any(f.fix and not f.fix.safe for f in findings)
    _, safe = server.json("POST", "/api/fix", {"text": text, "step": "generic"})
    _, both = server.json("POST", "/api/fix", {"text": text, "step": "generic", "unsafe_fixes": True})
    from vmlint.fixes import fix_text
    from vmlint.engine import linter

    def again(t):
        return linter().lint_text(t, step="generic")

    assert safe["text"] == fix_text(text, again)[0]
    assert both["text"] == fix_text(text, again, unsafe=True)[0] != safe["text"]


def test_spoken_text_leaves_out_front_matter_and_directives(server):
    _, res = server.json("POST", "/api/spoken", {"text": "---\nstep: 2\n---\n# vmlint: disable-file\nHi Ana, Jo here."})
    assert res["spoken"] == "Hi Ana, Jo here."


def test_a_sub_folder_is_checked_as_one_sequence(server, folder, capsys):
    from vmlint.cli import main

    status, doc = server.json("GET", "/api/sequence?folder=week")
    assert status == 200, doc
    jsonschema.validate(doc, SCHEMA)
    seq = doc["files"][0]["sequence"]
    assert doc["files"][0]["path"] == "week"
    assert [m["path"] for m in seq["messages"]] == ["week/1-monday.txt", "week/2-wednesday.txt", "week/3-friday.txt"]
    main(["--format", "json", "--no-cache", "--sequence", str(folder / "week")])
    cli = json.loads(capsys.readouterr().out)["files"][0]["sequence"]
    assert seq["score"] == cli["score"] and seq["findings"] == cli["findings"]
    for name, code in (("sub", 400), ("../", 403), ("escape-dir", 403), ("nope", 404), ("week/1-monday.txt", 404)):
        status, err = server.json("GET", f"/api/sequence?folder={name}")
        assert status == code and err["error"], (name, status, err)


def test_files_are_listed_read_and_saved_atomically(server, folder):
    status, listing = server.json("GET", "/api/files")
    names = {f["path"]: f["kind"] for f in listing["files"]}
    assert names == {"step1-bad.txt": "draft", "week.txt": "sequence", "sub/generic.md": "draft",
                     "week/1-monday.txt": "draft", "week/2-wednesday.txt": "draft", "week/3-friday.txt": "draft"}
    status, got = server.json("GET", "/api/files/sub/generic.md")
    assert status == 200 and got["text"] == DRAFT + "\n" and got["report"]["files"][0]["path"] == "sub/generic.md"
    new = got["text"].replace("um, ", "")
    status, saved = server.save("sub/generic.md", new, got["sha256"])
    assert status == 200, saved
    assert (folder / "sub" / "generic.md").read_text() == new
    assert saved["sha256"] == _sha(folder / "sub" / "generic.md")
    assert not [p for p in (folder / "sub").iterdir() if p.name != "generic.md"]  # no temporary file left behind


def test_saving_keeps_the_encoding_and_line_endings(server, folder):
    path = folder / "crlf.txt"
    path.write_bytes("\ufeffHi Ana, Jo at Pinecrest.\r\nI'll call you Thursday at 2 p.m.\r\n".encode("utf-8"))
    _, got = server.json("GET", "/api/files/crlf.txt")
    assert got["text"].startswith("Hi Ana")
    text = got["text"].replace("Jo", "Jo Park")
    status, _ = server.save("crlf.txt", text, got["sha256"])
    assert status == 200
    assert path.read_bytes() == "\ufeffHi Ana, Jo Park at Pinecrest.\r\nI'll call you Thursday at 2 p.m.\r\n".encode("utf-8")
    path.unlink()


def test_a_file_changed_on_disk_since_it_was_opened_is_not_overwritten(server, folder):
    path = folder / "step1-bad.txt"
    before = path.read_text()
    _, got = server.json("GET", "/api/files/step1-bad.txt")
    path.write_text(before + "Edited elsewhere.\n")
    status, err = server.save("step1-bad.txt", "Mine.", got["sha256"])
    assert status == 409 and "changed on disk" in err["error"]
    assert path.read_text() == before + "Edited elsewhere.\n"
    path.write_text(before)


# -- the attacks it refuses -------------------------------------------------------------------

@pytest.mark.parametrize("host", ["evil.example", f"evil.example:80", "127.0.0.1:1", "localhost.evil.example", ""])
def test_a_foreign_host_header_is_refused(server, host):
    status, headers, body = server.request("GET", "/api/files/step1-bad.txt", headers={"Host": host})
    assert status == 421
    assert "is not this server" in json.loads(body)["error"]
    assert b"Marco" not in body


def test_localhost_names_are_this_server(server):
    for name in ("localhost", "127.0.0.1", "[::1]"):
        status, _, _ = server.request("GET", "/api/info", headers={"Host": f"{name}:{server.port}"})
        assert status == 200


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Origin": "http://127.0.0.1:1"},
    {"Origin": None, "Sec-Fetch-Site": "cross-site"},
])
def test_a_cross_origin_write_is_refused_and_the_file_is_unchanged(server, folder, headers):
    path = folder / "step1-bad.txt"
    before = path.read_bytes()
    status, err = server.save("step1-bad.txt", "pwned", _sha(path), headers=headers)
    assert status == 403, err
    assert "cross" in err["error"]
    assert path.read_bytes() == before
    status, _ = server.json("POST", "/api/fix", {"text": DRAFT}, headers=headers)
    assert status == 403


def test_a_write_without_the_token_is_refused(server, folder):
    path = folder / "step1-bad.txt"
    before = path.read_bytes()
    for token in (None, "", "not-the-token"):
        status, err = server.json("PUT", "/api/files/step1-bad.txt", {"text": "pwned", "sha256": _sha(path)},
                                  {"X-Vmlint-Token": token})
        assert status == 403 and "X-Vmlint-Token" in err["error"]
    assert path.read_bytes() == before


def test_a_cross_site_read_is_refused_but_the_page_opens(server):
    status, err = server.json("GET", "/api/files/step1-bad.txt", headers={"Sec-Fetch-Site": "cross-site"})
    assert status == 403 and "cross-site" in err["error"]
    status, _, _ = server.request("GET", "/", headers={"Sec-Fetch-Site": "cross-site"})
    assert status == 200


def test_a_form_post_is_refused(server):
    status, _, body = server.request("POST", "/api/lint", b"text=hi", {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 415 and "JSON" in json.loads(body)["error"]


@pytest.mark.parametrize("name", [
    "../outside.txt", "..%2F..%2Fetc%2Fpasswd", "sub/../../x.txt", "%2Fetc%2Fpasswd", "escape.txt",
    "escape-dir/secret.txt", ".hidden.txt", "missing.txt", "sub", "C:%5Cwindows%5Cwin.ini", "a%00.txt",
])
def test_paths_outside_the_folder_are_refused(server, name):
    for method, body in (("GET", None), ("PUT", {"text": "pwned", "sha256": "0" * 64})):
        status, headers, data = server.request(method, f"/api/files/{name}", body, {"X-Vmlint-Token": server.token})
        assert 400 <= status < 500, (name, method, status)
        assert headers["content-type"] == "application/json"
        assert b"not yours" not in data and b"Traceback" not in data


def test_symbolic_links_out_of_the_folder_are_not_listed_and_not_written(server, folder):
    _, listing = server.json("GET", "/api/files")
    assert not any(f["path"].startswith("escape") for f in listing["files"])
    status, err = server.json("GET", "/api/files/escape.txt")
    assert status == 403 and "outside the folder" in err["error"]
    assert (folder / "escape.txt").read_text() == "Hi, this is not yours to read.\n"


def test_an_oversized_body_is_refused_with_413(folder):
    s = LiveServer(str(folder), config=Config(max_file_bytes=1000))
    try:
        status, _, body = s.request("POST", "/api/lint", {"text": "word " * 60_000})  # 300 kB, over the body cap
        assert status == 413 and "limit" in json.loads(body)["error"]
        status, err = s.json("POST", "/api/lint", {"text": "word " * 400})  # 2 kB: under the cap, over max-file-bytes
        assert status == 413 and "max-file-bytes" in err["error"]
        status, _, body = s.request("POST", "/api/lint", b"x" * 10, {"Content-Type": "application/json",
                                                                      "Content-Length": "999999999"})
        assert status == 413
    finally:
        s.stop()


@pytest.mark.parametrize("body, words", [
    (b"{not json", "not JSON"),
    (b"[1, 2]", "bad request"),
    (json.dumps({"text": 5}).encode(), "text"),
    (json.dumps({"text": "hi", "step": "4"}).encode(), "step"),
    (json.dumps({"text": "hi", "extra": 1}).encode(), "extra"),
    (b"\xff\xfe", "not JSON"),
    (b"[" * 100_000 + b"]" * 100_000, "JSON"),
])
def test_bad_input_gets_a_clear_json_error_not_a_traceback(server, body, words):
    status, headers, data = server.request("POST", "/api/lint", body, {"Content-Type": "application/json"})
    assert status == 400
    err = json.loads(data)["error"]
    assert words in err and "Traceback" not in err


def test_unknown_pages_and_methods_answer_in_json(server):
    status, err = server.json("GET", "/nope")
    assert status == 404 and err["error"]
    status, err = server.json("DELETE", "/api/files/step1-bad.txt", headers={"Content-Type": "application/json"})
    assert status == 405


def test_without_a_folder_nothing_is_listed_or_written(bare):
    assert bare.json("GET", "/api/files") == (200, {"folder": None, "files": []})
    status, err = bare.save("x.txt", "pwned", "0" * 64)
    assert status == 403 and "nothing was saved" in err["error"]
    _, info = bare.json("GET", "/api/info")
    assert info["writable"] is False


def test_off_loopback_it_is_read_only_unless_allowed(folder):
    assert writes_allowed("127.0.0.1", "f", False) and writes_allowed("::1", "f", False)
    assert not writes_allowed("0.0.0.0", "f", False) and writes_allowed("0.0.0.0", "f", True)
    assert not writes_allowed("127.0.0.1", None, True)
    assert "evil.example:8000" not in allowed_hosts("0.0.0.0", 8000)
    s = LiveServer(str(folder), policy_host="0.0.0.0")
    try:
        path = folder / "step1-bad.txt"
        before = path.read_bytes()
        status, err = s.save("step1-bad.txt", "pwned", _sha(path))
        assert status == 403 and "read-only" in err["error"]
        assert path.read_bytes() == before
        assert s.json("GET", "/api/info")[1]["writable"] is False
    finally:
        s.stop()


def test_the_command_prints_a_loopback_link_and_serves_it(folder):
    import urllib.request

    proc = subprocess.Popen([sys.executable, "-m", "vmlint", "serve", str(folder)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = proc.stdout.readline()
        assert line.startswith("vmlint serve: http://127.0.0.1:"), line + proc.stderr.read()
        url = line.split()[2]
        with urllib.request.urlopen(url + "api/info", timeout=60) as res:
            assert json.load(res)["writable"] is True
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_the_command_refuses_a_missing_folder(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "vmlint", "serve", str(tmp_path / "nope")], capture_output=True, text=True)
    assert proc.returncode == 2 and "not a folder" in proc.stderr
