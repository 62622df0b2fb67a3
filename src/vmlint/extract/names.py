"""What a key, a column or a heading says: a voicemail, another channel, a part of one, or nothing.

Names are split into words across naming styles (``vm_script``, ``voicemailText``,
``VoicemailScript``, ``voicemail-template``, ``Touch 3 (Day 8)``), and the words decide:

- ``VOICEMAIL``: the name says the thing *is* a voicemail (``voicemail``, ``vm``,
  ``voice mail``, ``if no answer, leave``, ``mensaje de voz``), with common misspellings;
- ``OTHER``: another channel or a live conversation (email, text, LinkedIn, call script,
  objection handling), so what sits under it is not a voicemail;
- ``PART``: a part of a voicemail or an instruction about it (``voicemail_disclaimer``,
  ``vm_notes``, ``vmDropEnabled``, ``Voicemail tips``, ``Why it works``): not a message;
- ``None``: the name says nothing about a channel (``Even shorter version``,
  ``Webinar sign-ups (came in by email)``): the nearest name that does decides.

Words after a word that introduces a qualifier (``by``, ``via``, ``from``, ``after``, ``for``,
``who``, ``that``) and words in parentheses describe something else (a lead source, a
timing), so they do not decide the channel: ``Email after voicemail`` is an email.
"""

from __future__ import annotations

import re
from enum import Enum


class Verdict(str, Enum):
    VOICEMAIL = "voicemail"
    OTHER = "other"
    PART = "part"


_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\W\d_]+", re.UNICODE)

# Misspellings seen in real playbooks are folded into these before matching.
_SPELLING = {
    "voicemal": "voicemail", "voicmail": "voicemail", "voicemial": "voicemail", "voiceamil": "voicemail",
    "voicemails": "voicemail", "voicemale": "voicemail", "vociemail": "voicemail", "voicemil": "voicemail",
    "vms": "vm", "vmail": "voicemail", "voicemessage": "voicemail", "emails": "email", "texts": "text",
    "calls": "call", "scripts": "script", "templates": "template", "notes": "note", "tips": "tip",
    "messages": "message", "voicemaildrop": "voicemail",
}
_VOICEMAIL_WORDS = {"voicemail", "vm", "vmdrop", "buzon", "buzón", "anrufbeantworter", "mailbox", "messagerie", "voicedrop",
                    "sprachnachricht", "mailboxnachricht", "segreteria", "voicemailbox", "répondeur", "repondeur"}
# Two-word spellings: "voice mail", "voice message", "mensaje de voz", "correo de voz", "message vocal".
_VOICEMAIL_PAIRS = {("voice", "mail"), ("voice", "message"), ("voice", "drop"), ("message", "vocal"),
                    ("mensaje", "voz"), ("correo", "voz"), ("nota", "voz"), ("sprach", "nachricht"), ("ringless", "drop"),
                    ("mensagem", "voz"), ("correio", "voz"), ("messaggio", "vocale"), ("answering", "machine"),
                    ("mailbox", "nachricht")}
_VOICEMAIL_PHRASES = re.compile(
    r"\b(?:if\s+(?:there'?s\s+)?no\s+(?:answer|pick[- ]?up)|(?:goes|go|went|sent|going)\s+(?:straight\s+)?to\s+(?:voice\s*mail|vm)"
    r"|leave\s+(?:(?:a|this|the\s+following)\s+(?:message|voice\s*mail|vm)|(?:voice\s*mail|vm)\b)|leave\s+a\s+msg|no\s+answer\s*[-—:]|dejar\s+(?:un\s+)?mensaje"
    r"|(?:get|reach|hit|hear|land\s+in|end\s+up\s+in)\s+(?:a\s+|the\s+|their\s+)?(?:voice\s*mail|vm|answering\s+machine|machine)"
    r"|(?:if|when)\s+(?:you\s+get\s+)?(?:voice\s*mail|vm|no\s+one\s+picks\s+up)"
    r"|(?:if|when)\s+(?:they|he|she|the\s+prospect|nobody|no\s+one)\s+(?:don'?t|doesn'?t|do\s+not|does\s+not|didn'?t|can'?t|won'?t)\s+(?:answer|pick\s+up)"
    r"|(?:if|when)\s+(?:nobody|no\s+one)\s+answers"
    r"|si\s+no\s+contesta)\b",
    re.IGNORECASE,
)
_OTHER_WORDS = {
    "email", "e-mail", "mail", "inmail", "subject", "sms", "text", "texting", "linkedin", "li", "dm", "whatsapp",
    "call", "calling", "cold", "opener", "opening", "live", "talk", "track", "conversation", "dialogue", "dialog",
    "objection", "objections", "rebuttal", "rebuttals", "gatekeeper", "discovery", "pitch", "demo", "meeting",
    "social", "twitter", "letter", "postcard", "chat", "correo", "sms", "connect", "connection", "reply", "replies",
    "response", "responses", "pickup", "answered", "answers", "conversations", "qualification", "questions",
    "linked", "llamada", "objeciones", "objecion", "objeción", "appel", "objections", "anruf", "ligação", "ligacao",
    "chiamata", "courriel", "mensaje_texto", "whatsapp",
}
# Words that name a part of a message or an instruction about it, not a message.
_PART_WORDS = {
    "disclaimer", "note", "notes", "tip", "tips", "enabled", "enable", "disabled", "flag", "id", "ids", "url", "audio",
    "file", "recording", "duration", "length", "seconds", "count", "status", "practice", "practices", "framework",
    "structure", "checklist", "rule", "rules", "stats", "statistics", "why", "works", "mistake", "mistakes", "avoid",
    "dont", "guideline", "guidelines", "principle", "principles", "metric", "metrics", "tracking", "log", "logging",
    "disposition", "dispositions", "outcome", "outcomes", "reference", "overview", "prompt", "instruction",
    "instructions", "setup", "settings", "config", "configuration", "faq", "anatomy", "formula", "breakdown",
    "psychology", "timing", "delivery", "goal", "goals", "purpose", "reason", "reasons", "strategy", "explanation",
    "analysis", "feedback", "result", "results", "reality", "truth", "benefits", "checklist", "title", "name",
    "label", "type", "channel", "kind", "date", "time", "day", "step", "order", "owner", "author", "created",
    "updated", "attempts", "rate", "rates", "cta", "variables", "fields", "placeholder", "placeholders", "comment",
    "comments", "description", "summary", "consejos", "notas", "when", "how", "best", "dos", "don", "t",
    "lengths", "max", "min", "limit", "voice", "phone", "number", "tone", "pace", "speed", "persona", "personas",
    "compliance", "legal", "consent", "optout", "opt", "out", "example", "examples",
}
# Channels that, named last in a heading, make it that channel even with a voicemail word before them.
_HEAD_CHANNELS = {"email", "e-mail", "inmail", "sms", "text", "linkedin", "dm", "whatsapp", "letter", "postcard"}
# Part words that still name a message when they come with a voicemail word ("voicemail example").
_MESSAGE_WORDS = {"script", "template", "message", "text", "body", "copy", "content", "version", "example", "examples",
                  "sample", "draft", "msg", "wording", "transcript", "guion", "plantilla", "mensaje", "variant", "option"}
# In a heading, these are kinds of examples, so "Voicemail examples" holds messages.
_HEADING_MESSAGE_PARTS = {"example", "examples", "sample", "samples"}
_QUALIFIERS = {"by", "via", "from", "after", "for", "who", "that", "which", "when", "if", "with", "without", "about", "before",
               "vs", "versus", "than", "to", "on", "in", "de", "por", "tras", "después", "despues",
               # "after" / "before" in Portuguese, French, German and Italian
               "depois", "após", "apos", "antes", "après", "apres", "avant", "nach", "vor", "dopo", "prima"}


def words(name: str) -> list[str]:
    """Split an identifier or a heading into lower-case words: ``voicemailText`` -> ``['voicemail', 'text']``."""
    out: list[str] = []
    for chunk in re.split(r"[\s_\-./:,;|()\[\]{}#*`'\"!?&+=<>—–]+", name):
        if not chunk:
            continue
        camel = chunk.isascii() and not chunk.islower() and not chunk.isupper()
        parts = _CAMEL.findall(chunk) if camel else [chunk]
        for p in parts:
            w = p.lower()
            out.append(_SPELLING.get(w, w))
    return _join_compounds(out)


def _join_compounds(ws: list[str]) -> list[str]:
    """'voice mail' -> 'voicemail'; 'voicemail' written as one lower-case run ('voicemailscript') is split."""
    out: list[str] = []
    i = 0
    while i < len(ws):
        w = ws[i]
        pair = (w, ws[i + 1]) if i + 1 < len(ws) else None
        triple = (w, ws[i + 2]) if i + 2 < len(ws) and ws[i + 1] == "de" else None
        if pair == ("e", "mail"):  # "E-mail" split at its hyphen
            out.append("email")
            i += 2
            continue
        if pair in _VOICEMAIL_PAIRS or triple in _VOICEMAIL_PAIRS:
            out.append("voicemail")
            i += 3 if triple in _VOICEMAIL_PAIRS else 2
            continue
        for head in ("voicemail", "vm"):
            if w.startswith(head) and w != head and w[len(head):] in _MESSAGE_WORDS | _PART_WORDS | {"drop"}:
                out.extend([head, _SPELLING.get(w[len(head):], w[len(head):])])
                break
        else:
            out.append(w)
        i += 1
    return out


_FOLLOW = {"follow", "followup", "after", "post"}


def _head(ws: list[str]) -> list[str]:
    for i, w in enumerate(ws):
        if w in _QUALIFIERS and i > 0:
            return ws[:i]
    return ws


def _strip_parentheses(text: str) -> str:
    return re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)


def classify_key(name: str) -> Verdict | None:
    """A data key or a column: ``vm_script`` -> VOICEMAIL, ``email_subject`` -> OTHER, ``vm_notes`` -> PART."""
    ws = words(name)
    if not ws:
        return None
    if _VOICEMAIL_PHRASES.search(" ".join(ws)) and not any(w in _PART_WORDS and w not in _MESSAGE_WORDS for w in ws):
        return Verdict.VOICEMAIL  # if_no_answer, leaveAMessage
    if any(w in _VOICEMAIL_WORDS for w in ws):
        rest = [w for w in ws if w not in _VOICEMAIL_WORDS]
        if ws[-1] in _HEAD_CHANNELS and _FOLLOW & set(ws):
            return Verdict.OTHER  # voicemail_follow_up_text: the text sent after a voicemail
        if any(w in _PART_WORDS and w not in _MESSAGE_WORDS for w in rest) or any(w in _OTHER_WORDS and w not in _MESSAGE_WORDS for w in rest):
            return Verdict.PART
        return Verdict.VOICEMAIL
    if any(w in _OTHER_WORDS for w in ws):
        return Verdict.OTHER
    return None


# A heading that is only the outcome of the call: "No answer", "Unanswered"
_NO_ANSWER = re.compile(r"\W*(?:no\s+(?:answer|pick[- ]?up|one\s+answers)|not\s+answered|unanswered)\W*", re.IGNORECASE)
_MISSED_CALL = re.compile(r"\bmissed\s+(?:phone\s+)?calls?\b", re.IGNORECASE)


def classify_heading(text: str) -> Verdict | None:
    """A heading or a label line: what it says about the channel of the blocks under it."""
    quoted = text.strip().strip("*_ #")
    if len(quoted) > 2 and quoted[0] in "\"“'‘" and quoted[-1] in "\"”'’":
        return None  # a quoted utterance ('"Just leave me a voicemail"' under objection handling) names no channel
    if _VOICEMAIL_PHRASES.search(text) or _NO_ANSWER.fullmatch(quoted):
        return Verdict.VOICEMAIL
    # "Missed calls" names what happened to a lead (a topic), not the live-call channel
    text = _MISSED_CALL.sub(" ", text)
    full = words(_strip_parentheses(text))
    ws = _head(full)
    if not ws:
        return None
    # "text" right after "voicemail" or "script" is the message's text, not the texting channel
    channels = [w for i, w in enumerate(ws) if w in _VOICEMAIL_WORDS or (
        w in _HEAD_CHANNELS and not (w == "text" and i and (ws[i - 1] in _VOICEMAIL_WORDS or ws[i - 1] in _MESSAGE_WORDS)))]
    if channels and channels[-1] in _HEAD_CHANNELS and any(w in _VOICEMAIL_WORDS for w in ws):
        # English compounds put the head last: "Voicemail follow-up email" is an email, "Call + VM" a voicemail
        return Verdict.OTHER
    if any(w in _VOICEMAIL_WORDS for w in ws):
        rest = {w for w in ws if w not in _VOICEMAIL_WORDS}
        parts = {w for w in rest if w in _PART_WORDS} - _MESSAGE_WORDS - _HEADING_MESSAGE_PARTS
        parts -= {"voice", "phone", "number", "day", "step", "time", "when", "how", "best", "name", "title", "type"}
        if parts & {"tip", "tips", "practice", "practices", "framework", "structure", "checklist", "rule", "rules",
                    "stats", "statistics", "why", "works", "mistake", "mistakes", "avoid", "dont", "guideline",
                    "guidelines", "principle", "principles", "metric", "metrics", "tracking", "log", "logging",
                    "disposition", "dispositions", "overview", "prompt", "instruction", "instructions", "setup",
                    "settings", "faq", "anatomy", "formula", "breakdown", "psychology", "timing", "delivery",
                    "strategy", "analysis", "feedback", "result", "results", "reality", "benefits", "note", "notes",
                    "disclaimer", "compliance", "legal", "consejos", "notas", "length", "lengths", "goal", "goals",
                    "purpose", "outcome", "outcomes"}:
            return Verdict.PART
        return Verdict.VOICEMAIL
    if any(w in _OTHER_WORDS for w in ws):
        # "Text" alone as a heading word is a channel only when it is not "text of the message".
        return Verdict.OTHER
    if len(full) <= 4 and ws[0] in {"why", "tip", "tips", "note", "notes", "delivery", "timing", "log", "logging", "disposition",
                 "dispositions", "goal", "purpose", "reason", "strategy", "analysis", "feedback", "result", "results",
                 "checklist", "rules", "metrics", "tracking", "overview", "prompt", "instructions", "setup", "faq",
                 "consejos", "notas", "best", "avoid", "dont", "mistakes", "framework", "structure", "psychology",
                 "anatomy", "breakdown", "formula", "reality", "benefits", "guidelines", "principles", "stats",
                 "statistics", "compliance", "legal", "what", "how", "when", "coaching", "coach", "rep", "manager"}:
        return Verdict.PART
    return None


_STEP = re.compile(r"\b(?:step|touch|attempt|vm|voicemail|voice\s*mail|message|msg|paso|intento|toque|#)\s*#?\s*(\d{1,2})\b", re.IGNORECASE)
_DAY_N = re.compile(r"\b(?:day|d[ií]a)\s*(\d{1,3})\b", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    r"|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)\b", re.IGNORECASE)
_ORDINAL = re.compile(r"(?<!\d-)(?<!\d\s)(?<!\d–)\b(first|second|third|final|last)\s+(?:voice\s*mail|vm|touch|attempt|message|step)\b", re.IGNORECASE)
_ORDINALS = {"first": "1", "second": "2", "third": "3"}


def step_and_day(text: str) -> tuple[str | None, str | None]:
    """The step and send day a heading names: ``Touch 2 — Wednesday`` -> ('2', 'Wednesday'), ``Day 3 voicemail`` -> (None, 'Day 3')."""
    step = day = None
    m = _STEP.search(text)
    if m:
        step = str(int(m.group(1)))
    else:
        o = _ORDINAL.search(text)
        if o and o.group(1).lower() in _ORDINALS:
            step = _ORDINALS[o.group(1).lower()]
    d = _WEEKDAY.search(text)
    if d:
        day = d.group(1).capitalize()
    else:
        n = _DAY_N.search(text)
        if n:
            day = f"Day {int(n.group(1))}"
    return step, day
