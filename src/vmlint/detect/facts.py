"""Judgement facts read off the token stream and the phrase-family matches.

Each function takes the annotated spaCy ``doc`` and the matches of every phrase family
(``{family: [(start_token, end_token), ...]}``) and returns spans. Nothing here looks
at the step: rules decide what a fact means for a step.
"""

from __future__ import annotations

import re

from ..models import Commitment, Idea, Span
from . import acts
from ..phrases import DAYS, MONTHS, TokenMask

Matches = dict[str, list[tuple[int, int]]]

_DATE = re.compile(
    r"\b(?:" + "|".join(MONTHS) + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
    r"|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\s+of\s+(?:" + "|".join(MONTHS) + r")\b"
    r"|\b\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\b\.?"
    r"|\b\d{1,2}:\d{2}\b"
    r"|\bthis\s+(?:morning|afternoon|evening)\b"
    r"|\bwed\b(?=\s+(?:at|@|\d|morning|afternoon|evening|am|pm|a\.m|p\.m))"  # "wed at 4" (spaCy reads "wed" as "we'd")
    r"|\b(?:noon|midday|end of (?:the )?day today)\b"
    r"|\bin\s+(?:an?|half\s+an|\d{1,3}|one|two|three|four|five|ten|fifteen|twenty|thirty|forty(?:[- ]five)?)\s+(?:hours?|minutes|mins)\b",
    re.IGNORECASE,
)
_TRAILING = {".", ",", ";", ":", "!", "?", "…", "-", "—", "–", '"', "'", "”", "’"}
_DAY_WORDS = set(DAYS) | {"weekday"}
_ANAPHORS = {"that", "this", "which", "it", "they", "those", "these", "so", "and", "we'd", "happy"}
_STOP = {
    "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "by", "from",
    "i", "you", "we", "they", "he", "she", "it", "me", "us", "them", "my", "your", "our", "their",
    "be", "have", "do", "will", "would", "can", "could", "should", "may", "might", "must", "not",
    "this", "that", "these", "those", "so", "just", "also", "very", "really", "about", "how", "what",
    "when", "who", "which", "if", "as", "than", "then", "there", "here", "more", "most", "some", "any",
    "get", "help", "want", "like", "love", "think", "know", "let", "make", "see", "go", "come", "give",
}
REASON_STOP = _STOP | {
    "i'm", "it's", "is", "are", "was", "were", "been", "am", "has", "had", "did", "does", "done", "going", "gonna",
    "here", "there", "where", "why", "whether", "yours", "mine", "ours", "all", "each", "every", "both", "either",
    "neither", "only", "even", "still", "already", "yet", "now", "ago", "since", "until", "while", "because", "though",
    "over", "under", "into", "onto", "out", "off", "up", "down", "through", "around", "away", "per", "via", "too",
    "much", "many", "such", "own", "same", "other", "others", "way", "ever", "never", "always", "often", "soon",
    "take", "put", "keep", "say", "said", "tell", "told", "ask", "look", "find", "use", "try", "work", "call", "ring",
    "okay", "well", "please", "kindly", "just", "once", "twice", "able", "unable", "shall", "yourself", "myself",
    "hmm", "uh", "um", "er", "ah", "oh", "whatever", "whoever", "whenever", "wherever", "anytime", "someday",
}
NAME_STOP = {
    "just", "me", "calling", "really", "the", "a", "an", "your", "so", "sorry", "again", "reaching",
    "following", "going", "not", "here", "now", "back", "trying", "still", "also", "about", "on", "in",
    "at", "from", "with", "and", "to", "for", "that", "this", "it", "great", "good", "hi", "hey",
    "hello", "glad", "happy", "calling", "circling", "checking", "touching", "hoping", "wondering",
    "sure", "afraid", "sorry", "excited", "thrilled", "the", "our", "my", "i", "we", "you", "what",
    "why", "how", "when", "who", "one", "someone", "somebody", "me", "him", "her", "them", "us",
    "leaving", "getting", "looking", "interested", "available", "busy", "around", "out", "away",
    "too", "very", "quick", "quickly", "easy", "hard", "been", "being", "is", "was", "are", "a",
    "all", "okay", "ok", "yes", "no", "actually", "finally", "today", "tomorrow", "best", "possible",
    "true", "only", "over", "up", "off", "by", "as", "if", "or", "but", "because", "time", "day",
    "its", "im", "ive", "ill", "id", "thats", "whats", "youre", "theyre", "were", "dont", "cant",
    "wont", "u", "ya", "please", "thanks", "thank", "again", "then", "there",
    "um", "uh", "er", "erm", "hmm", "ah", "uhm", "umm", "uhh", "like", "yeah", "g'day", "gday",
} | set(DAYS) | set(MONTHS)
_COMPANY_GLUE = {"&", "and", "of", "the", "-", "co", "co.", "inc", "inc.", "llc", "ltd", "group", "corp", "corp.", "'s", "’s"}
# Lower-case words that end a company name: "DEF solutions", "LMN company".
_COMPANY_WORDS = {"solutions", "company", "group", "insurance", "partners", "realty", "services", "consulting", "labs",
                  "systems", "agency", "bank", "recovery", "staffing", "media", "health", "logistics", "capital",
                  "charities", "charity", "doors", "windows", "dental", "hvac", "plumbing", "roofing", "team", "care",
                  "clinic", "lending", "finance", "homes", "builders", "electric", "energy", "foundation", "trust"}
_INTRO = re.compile(
    r"\b(?:this\s+is|it['\u2019]?s|it\s+is|my\s+name\s+is|name['\u2019]?s|i['\u2019]?m|i\s+am)\s+[(\u2018'\"\u201c]?$", re.IGNORECASE
)


def _span(doc, start: int, end: int) -> Span:
    s = doc[start:end]
    return Span(text=s.text, start=s.start_char, end=s.end_char)


def spans(doc, matches: Matches, family: str) -> list[Span]:
    """A family's matches as spans."""
    return [_span(doc, s, e) for s, e in matches.get(family, [])]


def _join_by_sentence(doc, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges, sorted, with those that overlap or share a sentence joined into one."""
    joined: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if joined and (s < joined[-1][1] or doc[s].sent.start == doc[joined[-1][0]].sent.start):
            joined[-1] = (joined[-1][0], max(e, joined[-1][1]))
        else:
            joined.append((s, e))
    return joined


def _clean_end(sent, end_tok: int) -> int:
    """Trim trailing punctuation and space tokens from a token range ending at end_tok."""
    while end_tok > sent.start and (sent.doc[end_tok - 1].text in _TRAILING or sent.doc[end_tok - 1].is_space):
        end_tok -= 1
    return end_tok


def _day_in(doc, start: int, end: int) -> str | None:
    for tok in doc[start:end]:
        if tok.lemma_ in _DAY_WORDS:
            return tok.text
    m = _DATE.search(doc[start:end].text) if end > start else None
    return m.group(0) if m else None


def ownership(doc, matches: Matches) -> list[Span]:
    """Ownership phrases, and every missed-connection target with an ownership modifier in its sentence.

    A target ("the worst possible times", "your week is packed", "now isn't the moment") is about
    the missed connection; a modifier ("I imagine", "could be", "totally fine", "sorry") makes it the
    caller's no-fault account of it. Neither alone is ownership: "a soggy week" has no target,
    "the parking has been terrible" no modifier either. An ownership phrase inside blame is not
    ownership, but a composed one may sit beside blame ("clearly I haven't managed to reach you").
    """
    blame = TokenMask(len(doc), matches.get("blame", []))
    found = [m for m in matches.get("ownership", []) if not blame.hits(*m)]
    mods = matches.get("ownership_modifier", [])
    for s, e in matches.get("ownership_target", []):
        sent = doc[s].sent
        near = [(ms, me) for ms, me in mods if sent.start <= ms < sent.end]
        if near:
            found.append((min(s, near[0][0]), max(e, near[0][1])))
    return [_span(doc, s, e) for s, e in _join_by_sentence(doc, found)]


def speech_acts(doc, matches: Matches) -> list[acts.Act]:
    return acts.analyse(doc, matches, acts.verb_lemmas())


def _first_word(doc, s: int, e: int) -> int:
    """The first token in [s, e) that is said (a merged number or slot counts, "###-####" too); s if none is."""
    i = s
    while i < e and (doc[i].is_space or (doc[i].is_punct and not doc[i].lemma_.startswith("-"))):
        i += 1
    return i if i < e else s


def _clause_span(doc, clause: acts.Clause) -> Span:
    s = _first_word(doc, clause.start, clause.end)
    sent = doc[clause.sent_start:clause.sent_end]
    e = _clean_end(sent, clause.end)
    return _span(doc, s, max(e, s + 1))


def calls_to_action(doc, found: list[acts.Act]) -> list[Span]:
    """The clauses in which the listener is invited to act, joined per sentence."""
    out = []
    for s, e in _join_by_sentence(doc, [(a.clause.start, a.clause.end) for a in found if a.kind == "invite"]):
        s = _first_word(doc, s, e)
        sent = doc[s].sent
        out.append(_span(doc, s, max(_clean_end(sent, e), s + 1)))
    return out


def commitments(doc, matches: Matches, found: list[acts.Act]) -> list[Commitment]:
    """Outreach the caller promises without condition; specific when its clause names a day, date or time."""
    reported = TokenMask(len(doc), matches.get("promise_reference", []))
    out: list[Commitment] = []
    cls = acts.clauses(doc)
    taken = {b.clause for b in found}
    for a in found:
        if a.kind != "commit" or not a.outreach or a.conditional or reported.hits(a.start, a.end):
            continue
        clause = a.clause
        if out and out[-1].end > doc[clause.start].idx:
            continue
        day = _day_in(doc, clause.start, clause.end)
        if day is None:
            # "Thursday at four, I'll try you again": a time set off before the clause, with no act of its own
            same = [c for c in cls if c.sent_start == clause.sent_start and c.end <= clause.start]
            if same and same[-1] not in taken:
                day = _day_in(doc, same[-1].start, same[-1].end)
            nxt = [c for c in cls if c.sent_start == clause.sent_start and c.start >= clause.end]
            if day is None and nxt and nxt[0] not in taken and nxt[0].opener not in ("if", "or", "but"):
                day = _day_in(doc, nxt[0].start, nxt[0].end)
        span = _clause_span(doc, clause)
        out.append(Commitment(**span.model_dump(), specific=day is not None, day=day))
    return out


def promise_references(doc, matches: Matches, found: list[acts.Act]) -> list[Span]:
    """'As promised', 'I said I'd call Tuesday'; 'like I mentioned' only before a commitment in its sentence."""
    spans = [(s, e) for s, e in matches.get("promise_reference", [])]
    for s, e in matches.get("promise_mention", []):
        sent = doc[s].sent
        if any(a.kind == "commit" and a.outreach and a.start >= e and a.start < sent.end for a in found):
            spans.append((s, e))
    return [_span(doc, s, e) for s, e in sorted(set(spans))]


_CONNECTORS = {"from", "with", "at", "of", "w/", "w", "@", "frm", "de", "here", "over"}
_INTRO_CONNECTORS = {"from", "with", "at", "w/", "w", "@", "frm"}
_THEIR_COMPANY = ("business", "their", "contact", "lead", "prospect", "client", "customer", "target", "recipient",
                  "account", "debtor", "patient", "donor", "employer")
_CALLING = {"calling", "ringing", "phoning", "speaking", "reaching"}
_REINTRO = {"again", "once", "calling", "ringing", "phoning", "speaking"}
_LISTENER_SLOT_WORDS = ("lead", "contact", "prospect", "recipient", "client", "customer", "first_name", "firstname",
                        "first name", "fname", "greeting", "borrower")


def _listener_slot(tok) -> bool:
    """A placeholder whose name says it is the listener's ({lead_name}, {{contact.firstName}})."""
    low = tok.lower_
    if any(w in low for w in ("your", "my", "sender", "rep", "agent", "me.", "caller", "sdr", "user", "owner")):
        return False
    return tok.lemma_.startswith("-") and any(w in low for w in _LISTENER_SLOT_WORDS)
_GREETINGS = {"hi", "hey", "hello", "good", "morning", "afternoon", "evening", "dear", "yo"}


_SOFT = {"um", "uh", "er", "erm", "uhm", "umm", "uhh", "again"}


def _skip_soft(doc, i: int) -> int:
    """The next token from ``i`` that is not a comma, a hesitation sound, 'again' or space."""
    while i < len(doc) and (doc[i].text in (",", ")", "’", "'", "”", ".’", ".'") or doc[i].lower_ in _SOFT or doc[i].is_space):
        i += 1
    return i


def is_name_token(tok, lower_ok: bool = False, caps_ok: bool = True) -> bool:
    """A token that can be a person's name: a name placeholder, or a word that is not a common word."""
    if tok.lemma_ in ("-name-", "-other-"):
        return True
    text = tok.text
    if not text.isalpha() or len(text) < 2 or text.lower() in NAME_STOP:
        return False
    if text.isupper() and not caps_ok:  # an acronym (AWS) in a mixed-case draft is not a name
        return False
    if text[0].isupper():
        return True
    return lower_ok and not text.endswith("ing")


def _clause_start(doc, i: int) -> bool:
    """At the start of the message or right after punctuation, a symbol or a greeting."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return j < 0 or not doc[j].is_alpha or doc[j].lower_ in _GREETINGS


def _is_recipient(doc, i: int, end: int) -> bool:
    """'Greta,' or 'Hi Greta,' at the very start is the listener, not the caller."""
    j = i - 1
    while j >= 0 and (doc[j].is_space or doc[j].lower_ in _GREETINGS or doc[j].is_punct):
        j -= 1
    nxt = doc[end] if end < len(doc) else None
    return j < 0 and nxt is not None and nxt.text in {",", "-", "—", "–", ":", "!"}


def _company_after(doc, i: int, all_lower: bool) -> tuple[int, int] | None:
    """The company name that starts at token i, if one does."""
    if i < len(doc) and doc[i].lower_ in {"at", "with"}:  # "over at", "here at", "here with"
        i += 1
    if i + 1 < len(doc) and doc[i].lower_ == "the" and (doc[i + 1].text[:1].isupper() or doc[i + 1].lemma_ == "-company-"):
        i += 1  # "at the Private Client Group"
    start = i
    while i < len(doc) and i - start < 5:
        t = doc[i]
        if t.lemma_ in ("-company-", "-other-"):
            i += 1
            break
        upper = t.text[:1].isupper() or t.text[:1].isdigit()
        if upper and t.lower_ not in NAME_STOP | {"i"} and not t.is_punct:
            i += 1
            continue
        if i > start and t.lower_ in _COMPANY_GLUE:
            i += 1
            continue
        if all_lower and t.is_alpha and t.lower_ not in NAME_STOP and i - start < 2:
            i += 1
            continue
        if i > start and t.lower_ in _COMPANY_WORDS:
            i += 1
            break
        break
    while i > start and doc[i - 1].lower_ in _COMPANY_GLUE - {"inc.", "inc", "llc", "ltd", "corp", "corp.", "co", "co."}:
        i -= 1
    return (start, i) if i > start else None


def caller_identity(doc, matches: Matches) -> tuple[Span | None, Span | None]:
    """The caller's name and company: 'this is Sam from Acme', 'Sam Ortiz here with Acme',
    'Hi Dana, Sam at Acme', 'it's [Your Name] with {{company}}', 'sam @ acme'."""
    limit = min(len(doc), 80)
    head = doc[:limit]
    head_text = head.text
    all_lower = head_text == head_text.lower()
    letters = "".join(filter(str.isalpha, head_text))
    all_caps = bool(letters) and sum(map(str.isupper, letters)) > 0.8 * len(letters)
    referral_starts = {s for s, _ in matches.get("referral", [])}
    name: tuple[int, int] | None = None
    company: tuple[int, int] | None = None
    for tok in head:
        if tok.is_space or (tok.is_punct and not tok.lemma_.startswith("-")):
            continue
        i = tok.i
        if not is_name_token(tok, lower_ok=True, caps_ok=True) or _listener_slot(tok):
            continue  # a common word in any case: no need to look for an intro before it
        before = doc[max(0, i - 4):i].text + (doc[i - 1].whitespace_ if i else "")
        intro = bool(_INTRO.search(before)) if i else False
        if intro and not all_lower and re.search(r"\bits\s+$", before) and not (
                i + 1 < len(doc) and doc[_skip_soft(doc, i + 1)].lower_ in _CONNECTORS):
            intro = False  # "its premium next year" is a possessive; "its jo from pinecrest" an intro
        # Right after "this is" / "it's" / "my name is", case says little: "its jo from acme", "THIS IS JO";
        # after "I'm" it does: "I'm reachable", "I'm free" are not names.
        im = intro and bool(re.search(r"\bi['\u2019]?m\s+[(\u2018'\"\u201c]?$|\bi\s+am\s+$", doc[max(0, i - 3):i].text + doc[i - 1].whitespace_, re.IGNORECASE))
        if not is_name_token(tok, lower_ok=all_lower or (intro and not im), caps_ok=all_caps or intro):
            continue
        end = i + 1
        if end < len(doc) and is_name_token(doc[end], lower_ok=all_lower) and (doc[end].text[:1].isupper() or all_lower) and doc[end].lower_ not in _CONNECTORS:
            end += 1
        right_after = end
        while right_after < len(doc) and (doc[right_after].is_space or doc[right_after].text == ","):
            right_after += 1
        c = _skip_soft(doc, end)  # "Lisa, uh, from Acme": commas and hesitations may come between
        nxt = doc[c] if c < len(doc) else None
        if nxt is not None and nxt.lower_ in _CALLING and c + 1 < len(doc) and doc[_skip_soft(doc, c + 1)].lower_ in _INTRO_CONNECTORS:
            c = _skip_soft(doc, c + 1)  # "Dominic Farrow ringing from Acme"
            nxt = doc[c]
        connected = nxt is not None and nxt.lower_ in _CONNECTORS
        if right_after < len(doc) and doc[right_after].lower_ == "again":
            nxt, c = doc[right_after], right_after
        again = nxt is not None and (nxt.lower_ in _REINTRO or (nxt.lower_ == "for" and c + 2 < len(doc)
                                                                 and doc[c + 2].lower_ in ("final", "last")))
        if again and not intro and _clause_start(doc, i) and i not in referral_starts and not _listener_slot(tok):
            name = (i, end)  # "Hi Denise, Carla again", "Renata once more", "Cole for the final time"
            after = _skip_soft(doc, c + 1)
            if after < len(doc) and doc[after].lower_ in _INTRO_CONNECTORS:
                company = _company_after(doc, _skip_soft(doc, after + 1), all_lower)  # "Theresa again at Keystone"
            break
        if intro or (connected and _clause_start(doc, i) and i not in referral_starts):
            if not intro and _is_recipient(doc, i, end):
                continue
            name = (i, end)
            if connected and nxt.lower_ != "here":
                company = _company_after(doc, _skip_soft(doc, c + 1), all_lower or intro)  # "from, um, Starlight"
            elif connected:  # "Nate here, from Acme", "Sam here with Acme"
                after = _skip_soft(doc, c + 1)
                if after < len(doc) and doc[after].lower_ in {"at", "with", "from", "w", "w/"}:
                    company = _company_after(doc, after + 1, all_lower or intro)
                elif after < len(doc) and doc[after].lemma_ == "-company-":
                    company = (after, after + 1)  # "{{me.name}} here, {{company.name}}"
            break
    if name is None:
        # "Greta, Theo Brandt, Lumen Solar." : a name and a company set off by commas
        for tok in head:
            i = tok.i
            if not ((tok.text[:1].isupper() or tok.lemma_ == "-name-") and is_name_token(tok) and _clause_start(doc, i)) or _listener_slot(tok):
                continue
            end = i + 2 if i + 1 < len(doc) and is_name_token(doc[i + 1]) and doc[i + 1].text[:1].isupper() else i + 1
            if _is_recipient(doc, i, end) or end + 1 >= len(doc) or doc[end].text != ",":
                continue
            found = _company_after(doc, end + 1, all_lower)
            if found and found[1] < len(doc) and doc[found[1]].text in {".", ",", ";"}:
                name, company = (i, end), found
                break  # "..., Karen, and I ...": a name followed by something else; look further
    if name is None or company is None:
        # Named at the end: "It'll arrive from Riley at GrindWorks", "This is Ravi Mehta, Tideline Freight"
        for tok in doc:
            if tok.lower_ != "from" or tok.i + 2 >= len(doc):
                continue
            j = tok.i + 1
            if not (is_name_token(doc[j]) and (doc[j].text[:1].isupper() or doc[j].lemma_ == "-name-")):
                continue
            k = j + 1 if not (j + 1 < len(doc) and is_name_token(doc[j + 1]) and doc[j + 1].text[:1].isupper()) else j + 2
            if k < len(doc) and doc[k].lower_ in ("at", "with"):
                found = _company_after(doc, k + 1, all_lower)
                if found:
                    name = name or (j, k)
                    company = company or found
                    break
    if company is None:
        for tok in head:  # a company alone: "LMN Insurance calling", "a follow-up from Art of Tidy"
            if tok.lower_ in _CALLING | {"here"} and tok.i >= 2 and doc[tok.i - 1].text[:1].isupper():
                s = tok.i - 1
                while s > 0 and doc[s - 1].text[:1].isupper() and doc[s - 1].is_alpha and doc[s - 1].lower_ not in NAME_STOP:
                    s -= 1
                if doc[tok.i - 1].lower_ in _COMPANY_WORDS or tok.i - s >= 3:
                    company = (s, tok.i)  # "LMN Insurance calling", "Sterling Pest Control here"
                    break
            if tok.lower_ == "from" and tok.i and doc[tok.i - 1].lower_ in ("follow-up", "followup", "up", "message", "note", "reminder", "call", "voicemail"):
                company = _company_after(doc, tok.i + 1, all_lower)
                if company:
                    break
    if company is None:
        for tok in head:  # "You've reached Heritage Funeral Home", "that's the number for Sequoia Home Health"
            if (tok.lower_ == "reached" and tok.i and doc[tok.i - 1].lower_ in ("'ve", "have")) or (
                    tok.lower_ == "for" and tok.i and doc[tok.i - 1].lower_ in ("number", "line")):
                found = _company_after(doc, tok.i + 1, all_lower)
                if found and found[1] - found[0] >= 2:
                    company = found
                    break
    if company is None:
        for tok in head:  # "calling on behalf of Pinewood Realty", "in behalf of Paddle-On Naples"
            if tok.lower_ == "behalf" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of" and tok.i and doc[tok.i - 1].lower_ in ("on", "in"):
                company = _company_after(doc, tok.i + 2, all_lower)
                if company:
                    break
    if company is None:
        for tok in head:
            prev = doc[tok.i - 1] if tok.i else None
            # "calling from Acme", "I'm with Acme", "I'm a consultant with Acme", "I work at Acme"
            before = {t.lower_ for t in doc[max(0, tok.i - 6):tok.i]}
            if tok.lower_ in _INTRO_CONNECTORS and prev is not None and (
                    prev.lower_ in {"calling", "here", "over", "'m", "am", "’m", "work", "works"}
                    or before & {"'m", "am", "’m"}
                    # "Luis Ortega, a recruiter with Fieldstone", "the scheduling desk at Greenleaf Lawn Care"
                    or (name is not None and tok.i - name[1] <= 6 and before & {"a", "an", "the"})
                    or prev.lower_ in {"desk", "team", "office", "department", "counselor", "counsellor", "manager",
                                       "executive", "recruiter", "advisor", "adviser", "agent", "rep", "director"}):
                company = _company_after(doc, tok.i + 1, all_lower)
                if company:
                    break
    if name is not None and company is None:
        run = name[1]
        while run < len(doc) and doc[run].text[:1].isupper() and doc[run].is_alpha and doc[run].lower_ not in NAME_STOP:
            run += 1
        if run < len(doc) and doc[run].lower_ in _COMPANY_WORDS:
            run += 1
        if doc[run - 1].lower_ in _COMPANY_WORDS or run - name[0] >= 3:
            # "this is Harborview Insurance", "Pacific Gas Plus calling": a company, not a person
            name, company = None, (name[0], run)
        else:
            c = name[1]
            while c < len(doc) and doc[c].is_space:
                c += 1
            if c + 1 < len(doc) and doc[c].text == ",":
                found = _company_after(doc, _skip_soft(doc, c + 1), all_lower)
                if found and (found[1] >= len(doc) or doc[found[1]].text in {".", ",", ";", "!", "?"}) and \
                        (found[1] - found[0] >= 2 or doc[found[1] - 1].lower_ in _COMPANY_WORDS):
                    company = found  # "it's Kathleen, Silver Birch Home Care."
    if company is None:
        # A slot for the caller's company anywhere ("Call [Company] at [Phone]"); one named or placed
        # for the listener's ("for [Business Name]", "{{contact.company}}") is not the caller's.
        for tok in doc:
            if tok.lemma_ != "-company-" or any(w in tok.lower_ for w in _THEIR_COMPANY):
                continue
            j = tok.i - 1
            while j >= 0 and doc[j].is_space:
                j -= 1
            if j >= 0 and doc[j].lower_ in ("your", "for", "like", "to", "about", "at your"):
                continue
            company = (tok.i, tok.i + 1)
            break
    return (_span(doc, *name) if name else None), (_span(doc, *company) if company else None)


def referral(doc, matches: Matches) -> Span | None:
    """The first referral phrase (``rules/phrases/referral.toml``): who prompted the call.

    A phrase that opens on a capitalised word needs a person there: "Dana at Crestline suggested",
    not "I sent" or "That gave"; a company slot ("{company_name} carried") is no person, and a
    phrase broken by "and" or a comma joins two clauses, not a referrer and a verb.
    """
    for s, e in matches.get("referral", []):
        first = doc[s]
        if first.lemma_ == "-company-" or (first.text[:1].isupper() and not is_name_token(first)
                                            and first.lower_ not in ("your", "mutual", "friend", "friends", "at", "on", "the",
                                                                     "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr")):
            continue
        if (first.lemma_.startswith("-") or first.text[:1].isupper()) and first.lower_ not in ("your", "mutual"):
            if any(t.lower_ in ("and", ",", ";") and doc[t.i + 1].lower_ != "i" for t in doc[s + 1:e - 1]):
                continue
        return _span(doc, s, e)
    return None


def _clauses(doc, sent, additive: set[int]):
    """Split a sentence at additive markers, semicolons and dashes: (start, end, additive?)."""
    cuts = [(sent.start, False)]
    words = [t for t in sent if not t.is_space and not t.is_punct]
    lead = {t.i for t in words[:3]}  # "We also handle ...": a marker this early makes the whole sentence additive
    for tok in sent:
        if tok.i == sent.start:
            continue
        if tok.i in additive:
            if tok.i in lead and len(cuts) == 1:
                cuts[0] = (sent.start, True)
            else:
                cuts.append((tok.i, True))
        elif tok.text in {";", "—", "–"} or (tok.text == "-" and tok.whitespace_):
            cuts.append((tok.i + 1, False))
    if sent.start in additive:
        cuts[0] = (sent.start, True)
    if words and words[-1].lower_ == "too":
        # "..., and our billing team can recover old claims too": the clause after the last "and" adds a point
        ands = [t.i for t in words[2:-1] if t.lower_ == "and" and t.i > cuts[-1][0]]
        if ands:
            cuts.append((ands[-1], True))
        elif len(cuts) == 1:
            cuts[0] = (sent.start, True)  # "I'll send over our promo template too": the sentence adds a point
    out = []
    carry = False  # "Another thing - we just launched ...": the marker stands alone before a dash
    for (s, add), (e, _) in zip(cuts, cuts[1:] + [(sent.end, False)]):
        if e > s:
            out.append((s, e, add or carry))
            carry = (add or carry) and sum(1 for t in doc[s:e] if t.is_alpha) <= 3
    return out


_JOINERS = {"and", "plus", "or"}
# Verbs that are a benefit by themselves after "and" / "or": "cut what your documents cost or raise what they're worth".
_BENEFIT_VERBS = {"cut", "raise", "lower", "save", "reduce", "increase", "boost", "grow", "double", "halve", "trim",
                  "shave", "slash", "lift", "speed", "protect", "recover", "eliminate", "widen", "extend", "improve"}
# Verbs that after "and" go on with the same point or turn to contact, not to a second benefit.
_NOT_BENEFIT_VERBS = {"call", "ring", "talk", "chat", "speak", "meet", "see", "let", "make", "get", "be", "have", "do",
                      "go", "come", "keep", "stay", "look", "hear", "tell", "ask", "find", "send", "reach", "text",
                      "email", "give", "take", "show", "walk", "help", "start", "try", "check", "follow"}


def _has_object(doc, i: int, end: int) -> bool:
    """Two or more content words follow: 'and add spoilage coverage you don't have today'."""
    return sum(1 for t in doc[i:end] if t.is_alpha and t.lower_ not in _STOP) >= 2
_PEERS = {"client", "customer", "dealer", "shop", "firm", "practice", "clinic", "team", "company", "manager", "cfo",
          "owner", "agency", "business", "one", "peer", "other", "store", "office", "group", "contractor", "brand"}


def _split_joined(doc, parts, valued: set[int], offers: set[int] = frozenset()):
    """Two benefits joined by 'and' are two ideas: 'trim your premium and add spoilage coverage'.

    A clause is cut at 'and' / 'plus' / 'or' when value words stand on both sides of it and the
    words after it open a new predicate (a verb in its base form, or 'we' / 'our').
    """
    out = []
    for s, e, add in parts:
        cut, forced = s, False
        for tok in doc[s:e]:
            if tok.lower_ not in _JOINERS or tok.i <= cut:
                continue
            nxt = tok.i + 1
            while nxt < e and (doc[nxt].is_space or doc[nxt].lower_ in ("also", "then", "even")):
                nxt += 1
            if nxt >= e:
                continue
            left = any(i in valued or i in offers for i in range(cut, tok.i))
            right = any(i in valued for i in range(tok.i, e))
            subject = doc[nxt].lower_ in ("we", "our", "we'll", "we've", "they", "it", "i")
            base = doc[nxt].lower_ == doc[nxt].lemma_ and doc[nxt].lower_ in acts.verb_lemmas()
            verb = base and doc[nxt].lower_ not in _NOT_BENEFIT_VERBS
            benefit_head = nxt in valued or (base and doc[nxt].lemma_ in _BENEFIT_VERBS)
            if left and ((right and (subject or base)) or benefit_head or (verb and _has_object(doc, nxt + 1, e))):
                out.append((cut, tok.i, add, forced))
                cut, add, forced = tok.i, True, True
        out.append((cut, e, add, forced))
    return out


def _list_items(doc, sent) -> list[tuple[int, int]]:
    """The items of 'A, B, and C' in a sentence (each at most eight tokens), or [] when there is no such list."""
    commas = [t.i for t in sent if t.text == ","]
    if len(commas) < 2:
        return []
    last = commas[-1]
    joiner = next((t.i for t in doc[last + 1:min(sent.end, last + 10)] if t.lower_ in ("and", "or", "plus")), None)
    if joiner is None and not (last + 1 < sent.end and doc[last + 1].lower_ in ("and", "or", "plus")):
        return []
    # walk back from the last comma over commas no more than eight tokens apart
    cuts = [last]
    for c in reversed(commas[:-1]):
        if cuts[0] - c > 9:
            break
        cuts.insert(0, c)
    if len(cuts) < 2:
        return []
    start = max(sent.start, cuts[0] - 9)
    items, s = [], start
    for c in cuts:
        items.append((s, c))
        s = c + 1
    items.append((s, min(sent.end, (joiner or last) + 9)))
    # list items are short and parallel: "cut fees, pay on time, and close faster" (each at most six words)
    words = [sum(1 for t in doc[a:b] if t.is_alpha) for a, b in items[1:]]
    return items if all(1 <= w <= 6 for w in words) else []


def _topic_pairs(doc):
    """'about X and Y' where X and Y each name a subject: two reasons for one call."""
    for tok in doc:
        if tok.lower_ not in ("about", "regarding", "concerning", "re"):
            continue
        sent = tok.sent
        for t in doc[tok.i + 1:sent.end]:
            if t.text in (".", ";", "?", "!"):
                break
            if t.lower_ == "and" and t.i + 1 < sent.end and doc[t.i + 1].lower_ in ("the", "your", "a", "an", "our"):
                left = [x for x in doc[tok.i + 1:t.i] if x.is_alpha and x.lower_ not in _STOP]
                end = next((x.i for x in doc[t.i + 1:sent.end] if x.text in (".", ";", "?", "!", ",")), sent.end)
                right = [x for x in doc[t.i + 1:end] if x.is_alpha and x.lower_ not in _STOP]
                if len(left) >= 2 and len(right) >= 2:
                    yield (tok.i + 1, t.i), (t.i + 1, end)
                break


def ideas(doc, matches: Matches, not_ideas: list[tuple[int, int]]) -> list[Idea]:
    """Distinct value ideas: benefit/offer clauses, merged when they elaborate the same point."""
    blocked = TokenMask(len(doc), not_ideas)

    def keep(m: tuple[int, int]) -> bool:
        first = doc[m[0]]
        proper = first.text[:1].isupper() and not first.is_sent_start and first.lower_ != "i"
        return not proper and not blocked.hits(*m)

    benefit_at = {m[0] for m in matches.get("value", []) if keep(m)}
    offer_at = {m[0] for m in matches.get("offer", []) + matches.get("value_offer", []) if keep(m)}
    additive_at = {s for s, _ in matches.get("additive", [])}
    groups: list[dict] = []
    for sent in doc.sents:
        for s, e, add, forced in _split_joined(doc, _clauses(doc, sent, additive_at), benefit_at, offer_at):
            ben = forced or any(i in benefit_at for i in range(s, e))
            off = any(i in offer_at for i in range(s, e))
            # "..., and we also handle payroll": an added clause about what we do is an idea of its own
            off = off or (add and any(t.lower_ in {"we", "our"} for t in doc[s:e]))
            if not ben and not off:
                continue
            content = {t.lemma_ for t in doc[s:e] if t.is_alpha and t.lemma_ not in _STOP and len(t) > 2}
            first_word = next((t.lower_ for t in doc[s:e] if not t.is_punct and not t.is_space), "")
            new = not groups or add
            if not new and ben and sent.start != groups[-1]["sent"]:
                # A proof point for the same benefit stays one idea: "One dealer we work with took
                # time-on-lot from 75 days to 42" after the benefit it proves.
                proof = bool(content & _PEERS) and any(t.like_num for t in doc[s:e])
                new = first_word not in _ANAPHORS and not (content & groups[-1]["content"]) and not proof
            if new:
                groups.append({"start": s, "end": e, "content": set(content), "sent": sent.start})
            else:
                g = groups[-1]
                g["end"] = max(g["end"], e)
                g["content"] |= content
                g["sent"] = sent.start
    # A stack of claims about the caller's side is several ideas: "the largest provider in Ohio, three
    # national awards, and an app rated 4.9 stars".
    claims = sorted(matches.get("claim", []))
    if len(claims) >= 2 and len(groups) < 2:
        groups = [g for g in groups if not any(g["start"] <= s < g["end"] for s, _ in claims)]
        groups += [{"start": s, "end": e, "content": set(), "sent": doc[s].sent.start} for s, e in claims]
    # Two subjects of one call: "about the naming opportunity we discussed and the board seat that opened".
    for s, e in _topic_pairs(doc):
        if len(groups) >= 2:
            break
        groups = [g for g in groups if not (g["start"] <= s[0] < g["end"] or g["start"] <= e[0] < g["end"])]
        for part in (s, e):
            groups.append({"start": part[0], "end": part[1], "content": set(), "sent": doc[part[0]].sent.start})
    # A list of three or more points in a sentence that offers or claims something is several
    # ideas: "they watch cash live, decide faster, and see close time fall by 65 percent".
    if len(groups) < 2:
        for sent in doc.sents:
            if not any(i in benefit_at or i in offer_at for i in range(sent.start, sent.end)) and not any(
                    sent.start <= s < sent.end for s, _ in claims):
                continue
            parts = _list_items(doc, sent)
            if len(parts) >= 3:
                groups = [g for g in groups if not (sent.start <= g["start"] < sent.end)]
                groups += [{"start": s, "end": e, "content": set(), "sent": sent.start} for s, e in parts[:2]]
                break
    groups.sort(key=lambda g: g["start"])
    out = []
    for g in groups:
        sent = doc[g["start"]].sent
        end = _clean_end(sent, g["end"])
        start = g["start"]
        while start < end and (doc[start].is_space or doc[start].is_punct):
            start += 1
        out.append(Idea(**_span(doc, start, end).model_dump()))
    return out
