"""`vmlint lsp` end to end: the real server in a subprocess, driven over stdio by pytest-lsp's client.

Positions are checked against UTF-16 columns computed here from the text itself (an emoji
counts two units), and edits are applied the way an editor applies them.
"""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SERVER = [sys.executable, "-m", "vmlint", "lsp"]
WAIT = 60.0  # seconds before a missing notification fails the test (a hang guard, not a speed check)

DRAFT = ("Hi Marco 😀, um, Dee from Harbor Lane. I was um thinking about your onboarding. We cut onboarding "
         "time in half for teams like yours. Call me at 617-555-0110. Again, 617-555-0110.\n")

pytestmark = pytest.mark.asyncio(loop_scope="module")


def _record(client: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def _register(client: LanguageClient, params: lsp.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record,
                                   lsp.CLIENT_REGISTER_CAPABILITY: _register})
    return client


CAPABILITIES = lsp.ClientCapabilities(
    workspace=lsp.WorkspaceClientCapabilities(
        workspace_edit=lsp.WorkspaceEditClientCapabilities(document_changes=True), configuration=True,
        did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)),
    text_document=lsp.TextDocumentClientCapabilities(
        hover=lsp.HoverClientCapabilities(content_format=[lsp.MarkupKind.Markdown])),
)


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=CAPABILITIES))
    yield
    await lsp_client.shutdown_session()


# -- helpers: what an editor does ----------------------------------------------------------


def utf16_position(text: str, offset: int) -> lsp.Position:
    before = text[:offset]
    line = len(re.findall(r"\r\n|\r|\n", before))
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return lsp.Position(line=line, character=len(before[line_start:].encode("utf-16-le")) // 2)


def utf16_offset(text: str, pos: lsp.Position) -> int:
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    start = starts[pos.line]
    units = 0
    i = start
    while units < pos.character:
        units += len(text[i].encode("utf-16-le")) // 2
        i += 1
    return i


def apply_edit(text: str, edit: lsp.WorkspaceEdit) -> str:
    edits = [e for change in edit.document_changes for e in change.edits]
    spans = [(utf16_offset(text, e.range.start), utf16_offset(text, e.range.end), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


async def published(client: LanguageClient, uri: str, version: int | None = None) -> list[lsp.Diagnostic]:
    """The diagnostics published for this version of the document (waits for them)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while loop.time() < deadline:
        for p in reversed(client.published):
            if p.uri == uri and (version is None or p.version == version):
                return list(p.diagnostics)
        await asyncio.sleep(0.02)
    raise AssertionError(f"no diagnostics for {uri} version {version}")


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "plaintext", version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


def change_doc(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))


def codes(diagnostics) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- diagnostics ---------------------------------------------------------------------------


async def test_open_gives_findings_at_utf16_ranges_after_an_emoji(client: LanguageClient, tmp_path):
    write(tmp_path / "vmlint.toml", 'step = "generic"\n')
    uri = open_doc(client, tmp_path / "draft.txt", DRAFT)
    diags = await published(client, uri, 1)
    filler = sorted((d for d in diags if d.code == "VM405"), key=lambda d: d.range.start.character)
    first = DRAFT.index("um")
    assert filler[0].range.start == utf16_position(DRAFT, first)
    assert filler[0].range.end == utf16_position(DRAFT, first + 2)
    # The emoji is two UTF-16 units: the column is one more than the character count.
    assert filler[0].range.start.character == first + 1
    assert filler[0].severity == lsp.DiagnosticSeverity.Information
    assert filler[0].source == "vmlint"
    assert "filler" in filler[0].message
    assert {str(d.code) for d in diags} >= {"VM405", "VM406"}
    assert next(d for d in diags if d.code == "VM406").severity == lsp.DiagnosticSeverity.Warning
    # The code links to the rule's documentation.
    page = Path(unquote(urlparse(filler[0].code_description.href).path))
    doc = page.read_text(encoding="utf-8")
    assert "VM405 filler-phrase" in doc and "**What it does**" in doc and "**Use instead**" in doc


async def test_change_updates_the_diagnostics(client: LanguageClient, tmp_path):
    write(tmp_path / "vmlint.toml", 'step = "generic"\n')
    uri = open_doc(client, tmp_path / "draft.txt", DRAFT)
    assert "VM405" in codes(await published(client, uri, 1))
    cleaned = DRAFT.replace("um, ", "").replace("um ", "")
    change_doc(client, uri, cleaned, 2)
    change_doc(client, uri, cleaned + "Talk soon.\n", 3)  # typing on: only the last version counts
    after = await published(client, uri, 3)
    assert "VM405" not in codes(after)
    assert "VM406" not in codes(after)
    change_doc(client, uri, "", 4)
    assert codes(await published(client, uri, 4)) == ["VM001"]


async def test_error_severity_and_save(client: LanguageClient, tmp_path):
    path = write(tmp_path / "step1.txt", "---\nstep: 1\n---\nHi Ana, Jo from Pinecrest, 617-555-0110. I'll call you Thursday at 2 p.m.\n")
    uri = open_doc(client, path, path.read_text())
    diags = await published(client, uri, 1)
    number = next(d for d in diags if d.code == "VM202")
    assert number.severity == lsp.DiagnosticSeverity.Error
    assert number.range.start == utf16_position(path.read_text(), path.read_text().index("617"))
    before = len(client.published)
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    assert codes(await _next_publish(client, uri, before)) == codes(diags)


async def _next_publish(client: LanguageClient, uri: str, after: int) -> list[lsp.Diagnostic]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while loop.time() < deadline:
        for p in client.published[after:]:
            if p.uri == uri:
                return list(p.diagnostics)
        await asyncio.sleep(0.02)
    raise AssertionError(f"no new diagnostics for {uri}")


async def test_step_from_config_glob_and_front_matter(client: LanguageClient, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.vmlint]\nstep = "generic"\n\n[tool.vmlint.steps]\n"**/monday*" = 1\n')
    text = "Hi Ana, it's Jo from Pinecrest, 617-555-0110. I'll call you Thursday at 2 p.m.\n"
    by_glob = open_doc(client, tmp_path / "scripts" / "monday-ana.txt", text)
    plain = open_doc(client, tmp_path / "scripts" / "other.txt", text)
    front = open_doc(client, tmp_path / "scripts" / "front.txt", "---\nstep: 1\n---\n" + text)
    assert "VM202" in codes(await published(client, by_glob, 1))
    assert "VM202" not in codes(await published(client, plain, 1))
    assert "VM202" in codes(await published(client, front, 1))


async def test_sequence_findings_land_on_their_lines(client: LanguageClient, tmp_path):
    text = (EXAMPLES / "sequences" / "week-promise-broken.txt").read_text(encoding="utf-8")
    uri = open_doc(client, tmp_path / "week.txt", text)
    diags = await published(client, uri, 1)
    promise = [d for d in diags if d.code == "VM601"]
    assert promise, codes(diags)
    thursday = text.index("day: Thursday")
    assert promise[0].range.start == utf16_position(text, thursday)
    assert "Thursday" in promise[0].message


# -- code actions --------------------------------------------------------------------------


async def actions_at(client: LanguageClient, uri: str, text: str, offset: int) -> list[lsp.CodeAction]:
    pos = utf16_position(text, offset)
    result = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=lsp.Range(start=pos, end=pos),
        context=lsp.CodeActionContext(diagnostics=[])))
    return list(result or [])


async def test_safe_fix_is_the_preferred_quick_fix(client: LanguageClient, tmp_path):
    write(tmp_path / "vmlint.toml", 'step = "generic"\n')
    uri = open_doc(client, tmp_path / "draft.txt", DRAFT)
    await published(client, uri, 1)
    actions = await actions_at(client, uri, DRAFT, DRAFT.index("um") + 1)
    fixes = [a for a in actions if a.title.startswith("Remove")]
    assert len(fixes) == 1 and fixes[0].is_preferred
    assert fixes[0].kind == lsp.CodeActionKind.QuickFix
    assert fixes[0].edit.document_changes[0].text_document.version == 1
    fixed = apply_edit(DRAFT, fixes[0].edit)
    assert fixed.startswith("Hi Marco 😀, Dee from Harbor Lane. I was um thinking")
    change_doc(client, uri, fixed, 2)
    left = [d for d in await published(client, uri, 2) if d.code == "VM405"]
    assert len(left) == 1 and left[0].range.start == utf16_position(fixed, fixed.index("um"))


async def test_unsafe_fix_is_offered_not_preferred(client: LanguageClient, tmp_path):
    write(tmp_path / "vmlint.toml", 'step = "generic"\n')
    uri = open_doc(client, tmp_path / "draft.txt", DRAFT)
    await published(client, uri, 1)
    second = DRAFT.index("um thinking")
    fixes = [a for a in await actions_at(client, uri, DRAFT, second) if a.title.startswith("Remove")]
    assert len(fixes) == 1 and not fixes[0].is_preferred and "unsafe" in fixes[0].title
    assert "I was thinking about" in apply_edit(DRAFT, fixes[0].edit)


async def test_disable_on_next_line_with_a_hash_comment(client: LanguageClient, tmp_path):
    write(tmp_path / "vmlint.toml", 'step = "generic"\n')
    text = "Hi Marco 😀, Dee from Harbor Lane.\r\nI was um thinking about your onboarding. We cut onboarding time in half.\r\nCall me at 617-555-0110. Again, 617-555-0110.\r\n"
    uri = open_doc(client, tmp_path / "draft.txt", text)
    assert "VM405" in codes(await published(client, uri, 1))
    actions = await actions_at(client, uri, text, text.index("um"))
    disable = [a for a in actions if a.title.startswith("Disable filler-phrase")]
    assert len(disable) == 1
    new = apply_edit(text, disable[0].edit)
    assert new.splitlines()[1] == "# vmlint: disable-next-line=filler-phrase"
    assert "\r\n# vmlint: disable-next-line=filler-phrase\r\nI was um" in new  # the file's line endings
    change_doc(client, uri, new, 2)
    after = codes(await published(client, uri, 2))
    assert "VM405" not in after and "VM003" not in after


async def test_disable_on_next_line_in_markdown(client: LanguageClient, tmp_path):
    write(tmp_path / "vmlint.toml", 'step = "generic"\n')
    text = "## Monday voicemail\n\nHi Marco, Dee from Harbor Lane. I was um thinking about your onboarding. Call me at 503-555-0176.\n"
    uri = open_doc(client, tmp_path / "draft.md", text, language="markdown")
    await published(client, uri, 1)
    disable = [a for a in await actions_at(client, uri, text, text.index("um")) if a.title.startswith("Disable filler-phrase")]
    new = apply_edit(text, disable[0].edit)
    assert "\n<!-- vmlint: disable-next-line=filler-phrase -->\nHi Marco" in new
    change_doc(client, uri, new, 2)
    assert "VM405" not in codes(await published(client, uri, 2))


async def test_no_disable_action_inside_front_matter_or_for_cross_message_findings(client: LanguageClient, tmp_path):
    text = (EXAMPLES / "sequences" / "week-promise-broken.txt").read_text(encoding="utf-8")
    uri = open_doc(client, tmp_path / "week.txt", text)
    await published(client, uri, 1)
    actions = await actions_at(client, uri, text, text.index("day: Thursday") + 2)
    assert not [a for a in actions if a.title.startswith("Disable")]


# -- hover ---------------------------------------------------------------------------------


async def test_hover_shows_the_rule_documentation(client: LanguageClient, tmp_path):
    write(tmp_path / "vmlint.toml", 'step = "generic"\n')
    uri = open_doc(client, tmp_path / "draft.txt", DRAFT)
    await published(client, uri, 1)
    offset = DRAFT.index("um thinking") + 1
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=utf16_position(DRAFT, offset)))
    assert hover.contents.kind == lsp.MarkupKind.Markdown
    value = hover.contents.value
    for part in ("VM405 filler-phrase", "**What it does**", "**Why**", "**Example**", "**Use instead**", "'um' is filler"):
        assert part in value
    assert hover.range.start == utf16_position(DRAFT, offset - 1)
    nothing = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=utf16_position(DRAFT, DRAFT.index("Harbor"))))
    assert nothing is None


# -- documents that cannot be linted -------------------------------------------------------


async def test_binary_and_too_large_documents_get_one_diagnostic(client: LanguageClient, tmp_path):
    write(tmp_path / "vmlint.toml", "max-file-bytes = 300\n")
    binary = open_doc(client, tmp_path / "blob.txt", "Hi\x00\x01\x02 there")
    large = open_doc(client, tmp_path / "long.txt", "Hi Ana, it's Jo from Pinecrest. " * 20)
    (b,) = await published(client, binary, 1)
    assert "binary" in b.message and "blob.txt" in b.message
    (big,) = await published(client, large, 1)
    assert "max-file-bytes" in big.message and "long.txt" in big.message
    assert any("max-file-bytes" in m.message for m in client.log_messages)
    # Still serving: a draft opened next is linted.
    fine = open_doc(client, tmp_path / "fine.txt", "Hi Ana, um, Jo from Pinecrest.\n")
    assert "VM405" in codes(await published(client, fine, 1))


async def test_a_bad_config_is_one_diagnostic_naming_the_file(client: LanguageClient, tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.vmlint]\nmax-wrods = 40\n")
    uri = open_doc(client, tmp_path / "draft.txt", DRAFT)
    (d,) = await published(client, uri, 1)
    assert "pyproject.toml:2" in d.message and "max-wrods" in d.message
    write(tmp_path / "pyproject.toml", "[tool.vmlint]\nmax-words = 40\n")
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    change_doc(client, uri, DRAFT, 2)
    assert "VM405" in codes(await published(client, uri, 2))


async def test_a_changed_config_file_relints_open_documents(client: LanguageClient, tmp_path):
    watched = [w["globPattern"] for r in client.registrations if r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES
               for w in r.register_options["watchers"]]
    assert "**/pyproject.toml" in watched and "**/vmlint.toml" in watched
    config = write(tmp_path / "vmlint.toml", 'step = "generic"\n')
    uri = open_doc(client, tmp_path / "draft.txt", DRAFT)
    assert "VM405" in codes(await published(client, uri, 1))
    config.write_text('step = "generic"\nignore = ["filler-phrase"]\n', encoding="utf-8")
    before = len(client.published)
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        changes=[lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Changed)]))
    assert "VM405" not in codes(await _next_publish(client, uri, before))


async def test_other_files_are_not_linted_and_close_clears(client: LanguageClient, tmp_path):
    script = open_doc(client, tmp_path / "notes.py", "um = 1\n", language="python")
    uri = open_doc(client, tmp_path / "draft.txt", "Hi Ana, um, Jo from Pinecrest.\n")
    assert "VM405" in codes(await published(client, uri, 1))
    assert not [p for p in client.published if p.uri == script]
    assert any(script in m.message and "not linted" in m.message for m in client.log_messages)
    before = len(client.published)
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    assert await _next_publish(client, uri, before) == []


# -- settings ------------------------------------------------------------------------------


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
async def configured(lsp_client: LanguageClient):
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=CAPABILITIES, initialization_options={"vmlint": {"ignore": ["filler-phrase"], "step": "generic"}}))
    yield
    await lsp_client.shutdown_session()


async def test_settings_from_initialization_options_and_changes(configured: LanguageClient, tmp_path):
    client = configured
    uri = open_doc(client, tmp_path / "draft.txt", DRAFT)
    first = codes(await published(client, uri, 1))
    assert "VM405" not in first and "VM406" in first
    # New settings lint the open documents again.
    before = len(client.published)
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"vmlint": {"select": ["too-many-words"], "max-words": 5}}))
    assert codes(await _next_publish(client, uri, before)) == ["VM101"]
    # A bad value is shown to the user and the settings in force are kept.
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings={"vmlint": {"max-words": "many"}}))
    change_doc(client, uri, DRAFT, 2)
    assert codes(await published(client, uri, 2)) == ["VM101"]
    assert any("max-words" in m.message for m in client.messages)
    # No settings pushed: the server asks for the "vmlint" section.
    client.set_configuration({"step": "1"}, section="vmlint")
    before = len(client.published)
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
    assert "VM202" in codes(await _next_publish(client, uri, before))


# -- another position encoding -------------------------------------------------------------


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
async def utf8_client(lsp_client: LanguageClient):
    caps = lsp.ClientCapabilities(general=lsp.GeneralClientCapabilities(position_encodings=[lsp.PositionEncodingKind.Utf8]))
    result = await lsp_client.initialize_session(lsp.InitializeParams(capabilities=caps))
    assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()


async def test_a_client_that_prefers_utf8_gets_byte_columns(utf8_client: LanguageClient, tmp_path):
    write(tmp_path / "vmlint.toml", 'step = "generic"\n')
    uri = open_doc(utf8_client, tmp_path / "draft.txt", DRAFT)
    filler = min((d for d in await published(utf8_client, uri, 1) if d.code == "VM405"), key=lambda d: d.range.start.character)
    assert filler.range.start.character == len(DRAFT[:DRAFT.index("um")].encode("utf-8"))


async def test_a_long_document_does_not_hold_up_a_short_one(client: LanguageClient, tmp_path):
    write(tmp_path / "vmlint.toml", 'step = "generic"\n')
    sentence = "Hi Ana, um, it's Jo from Pinecrest and we cut your invoice time in half. "
    long = open_doc(client, tmp_path / "long.txt", sentence * 1000)  # 14,000 words
    short = open_doc(client, tmp_path / "short.txt", "Hi Ana, um, Jo from Pinecrest.\n")
    assert "VM405" in codes(await published(client, short, 1))
    finished = {p.uri for p in client.published}
    assert long not in finished  # the short draft was answered while the long one was still being linted
    assert "VM101" in codes(await published(client, long, 1))


async def test_fix_all_applies_every_safe_fix_and_honours_only(client: LanguageClient, tmp_path):
    write(tmp_path / "vmlint.toml", 'step = "generic"\n')
    text = "Hi Sam 😀, um, Lia at Copperfield, 4155550123. We cut your payroll errors by half. Give me a call.\n"
    uri = open_doc(client, tmp_path / "draft.txt", text)
    await published(client, uri, 1)
    pos = utf16_position(text, 0)
    only = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=lsp.Range(start=pos, end=pos),
        context=lsp.CodeActionContext(diagnostics=[], only=[lsp.CodeActionKind.SourceFixAll])))
    assert [a.kind for a in only] == ["source.fixAll.vmlint"]
    fixed = apply_edit(text, only[0].edit)
    assert fixed == ("Hi Sam 😀, Lia at Copperfield, (415) 555-0123. We cut your payroll errors by half. "
                     "Give me a call. Again, my number is (415) 555-0123.\n")
    quick = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=lsp.Range(start=pos, end=pos),
        context=lsp.CodeActionContext(diagnostics=[], only=[lsp.CodeActionKind.QuickFix])))
    assert quick is None or all(a.kind == lsp.CodeActionKind.QuickFix for a in quick)
