"""Whether a block of text reads like something said into a phone, not notes about it.

Playbooks hold voicemails beside tips, lists, prompts and logging notes, often under the
same heading. These tests look at the text itself: a voicemail greets, names the caller,
speaks in the first person, gives a number or says when it will call again; notes for the
rep are lists, key: value lines, subject lines or instructions.
"""

from __future__ import annotations

import re

_GREETING = re.compile(
    r"^\W{0,3}(?:hi|hey|hello|hiya|good\s+(?:morning|afternoon|evening)|hola|buenos\s+d[ií]as|buenas\s+tardes|bonjour|hallo"
    r"|guten\s+(?:tag|morgen)|ol[áa]|oi|bom\s+dia|boa\s+tarde|ciao|buongiorno|salut)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|i’m|im|i'll|i’ll|i've|i’ve|i'd|i’d|we|we're|we’re|we've|we’ve|my|our|me|us|this\s+is|it's|it’s|here's|here’s"
    r"|soy|mi|nuestro|nuestra|nosotros|le\s+llamo|te\s+llamo|je|nous|c'est|ici|ich|wir|hier\s+ist|eu|sou|aqui\s+[ée]|sono|mi\s+chiamo)\b",
    re.IGNORECASE)
_CALLBACK = re.compile(
    r"\b(?:call\s+me|give\s+me\s+a\s+(?:call|ring|shout)|call\s+(?:me\s+)?back|reach\s+me|my\s+(?:number|cell|direct\s+line)"
    r"|(?:i'll|i’ll|i\s+will|i'm\s+going\s+to)\s+(?:call|try|follow|reach|circle|ring|send)|talk\s+soon|speak\s+soon"
    r"|text\s+me|ll[áa]m[ae]me|mi\s+n[úu]mero|(?:le|te)\s+(?:vuelvo\s+a\s+)?llamo|(?:le|te)\s+vuelvo\s+a\s+llamar"
    r"|rufen\s+sie\s+(?:mich|uns)|rappelez[- ]moi|je\s+vous\s+rappelle"
    r"|hablamos|number\s+is|reach\s+out|get\s+back\s+to\s+me|ring\s+me|again,?\s+(?:that's|it's|my))\b", re.IGNORECASE)
_PHONE = re.compile(r"\(?\b\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}\b|\[(?:your\s+|tu\s+|su\s+)?(?:phone|number|cell|mobile|direct|line|callback|tel[ée]fono|n[úu]mero|telefone|num[ée]ro|telefon)[^\]]*\]|\{\{?\s*\w*(?:phone|number|mobile|cell|callback)\w*\s*\}?\}", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\[[^\]\n]{2,30}\]|\{\{?[^}\n]{2,30}\}?\}|<[A-Za-z][^>\n]{1,30}>")
_LIST_LINE = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_KEY_LINE = re.compile(r"^\s*[\w\s/-]{1,30}:\s*\S")
_SUBJECT = re.compile(r"^\s*(?:subject|subj|re|asunto)\s*:", re.IGNORECASE | re.MULTILINE)
_PROSPECT_SPEAKER = re.compile(
    r"^\s*\**\s*(?:prospect|them|they|customer|client|buyer|lead|gatekeeper|receptionist|assistant|contact|p|c)\s*\**\s*:",
    re.IGNORECASE | re.MULTILINE)
_INSTRUCTION = re.compile(
    r"^\W{0,3}(?:create|write|generate|use|keep|leave|don't|do\s+not|never|always|make|try|avoid|remember|say|mention|include|"
    r"record|practice|smile|speak|state|end|start|open|close|log|note|tip|pro\s+tip|goal|why|when|if\s+they)\b",
    re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def looks_like_notes(text: str) -> bool:
    """Lists, key: value lines, an email's subject line, a dialogue with the prospect: not one spoken message."""
    lines = _lines(text)
    if not lines:
        return True
    if _SUBJECT.search(text) or _PROSPECT_SPEAKER.search(text):
        return True
    listed = sum(bool(_LIST_LINE.match(line)) for line in lines)
    keyed = sum(bool(_KEY_LINE.match(line)) and not _GREETING.match(line) for line in lines)
    return listed * 2 > len(lines) or (len(lines) >= 3 and keyed * 2 > len(lines))


# A mailbox's own greeting ("You've reached Sam ... leave your name after the tone") is not a message left for someone.
_OWN_GREETING = re.compile(
    r"\byou(?:'ve|’ve|\s+have)\s+reached\b|\b(?:after|at)\s+the\s+(?:tone|beep)\b|\bdespu[ée]s\s+(?:del\s+tono|de\s+la\s+se[ñn]al)"
    r"|\bapr[èe]s\s+le\s+(?:bip|signal)\b|\bnach\s+dem\s+(?:signalton|piepton|ton)\b", re.IGNORECASE)


def spoken(text: str) -> bool:
    """Reads like speech: enough words and a voice (a greeting, the first person, a callback, a number)."""
    if word_count(text) < 6 or looks_like_notes(text) or _OWN_GREETING.search(text):
        return False
    if _INSTRUCTION.match(text) and not _GREETING.match(text):
        return bool(_GREETING.search(text) and _FIRST_PERSON.search(text) and _CALLBACK.search(text))
    return bool(_GREETING.match(text) or _FIRST_PERSON.search(text) or _CALLBACK.search(text) or _PHONE.search(text))


def voicemail_like(text: str) -> bool:
    """Unmistakably a voicemail even with no heading to say so: a greeting, a caller, and a callback or a number."""
    return spoken(text) and bool(_GREETING.match(text)) and bool(_CALLBACK.search(text) or _PHONE.search(text)) \
        and bool(_FIRST_PERSON.search(text))
