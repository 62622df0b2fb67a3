"""Speech acts: who is asked or promised to act, read as targets decided by modifiers.

The model is the ConText / NegEx family of clinical NLP. *Targets* are actions (the
``act_target`` family: call, ring, reach, text, email, reply, book, meet, look, send ... and
a phone number given). Each target is decided by the *modifiers* that come before it in
its clause (a clause ends at sentence ends, commas, semicolons, colons, dashes and at
"and", "or", "but", "so", "if", "when" ...):

- ``act_listener``: the listener acts ("you can reach me", "feel free to", "would you", "please");
- ``act_caller``: the caller will act ("I'll", "we're going to", "I'm about to", "I plan to");
- ``act_progressive``: a send told in the present ("I'm dropping it in your inbox tonight");
- ``act_wish``: the caller's wish or purpose, neither ask nor promise ("I'd like to", "happy to");
- ``act_past``: a report of what was done ("I've had a look", "I made a point of ringing");
- ``act_negation``: polarity ("you don't have to ring me back", "I'll stop calling").

The nearest modifier wins; with none, a target that opens its clause in its base form is an
imperative ("Ring me back", "Grab a slot"), and one in a question that names "you" is put to
the listener. Conditions are read at clause level: a promise that depends on the listener
("reply and I'll send it", "if the numbers work for you, I'll send the contract") is no
commitment, while a fallback ("if not, I'll try you Friday") still is. A phone number given
on its own ("... {phone}.") or after availability ("I'm at N") invites a call; "my number is N"
invites only after a condition or a time ("when the time's right, my number is N").

Every trigger list is data (``rules/phrases/act_*.toml``), so a team can extend them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..phrases import TokenMask

Matches = dict[str, list[tuple[int, int]]]

_BOUNDARY_TEXT = {",", ";", ":", "—", "–", "(", ")", "…", "...", "..", "•"}
_BOUNDARY_WORDS = {"and", "or", "but", "so", "then", "otherwise", "because", "if", "when", "once", "unless",
                   "whenever", "while", "since", "though", "although", "plus"}
_CONDITION_OPENERS = {"if", "when", "once", "unless", "whenever", "should", "in", "as", "after", "until"}
# Words that may stand before an imperative in its clause: "please just ring me", "or simply answer my text".
_DISCOURSE = {"please", "kindly", "just", "simply", "so", "and", "or", "then", "also", "again", "now", "do", "pls",
              "plz", "oh", "hey", "but", "yeah", "ok", "okay", "even", "maybe", "perhaps", "first", "meanwhile"}
# Outreach the caller can promise: a call, a try, an email, a text, a send, a visit.
_OUTREACH = {"call", "ring", "phone", "dial", "buzz", "ping", "holler", "contact", "reach", "email", "e-mail", "text",
             "message", "try", "get", "catch", "give", "drop", "shoot", "leave", "toss", "send", "fire", "swing",
             "follow", "circle", "loop", "check", "touch", "be", "stop", "pop", "come", "post", "mail", "forward",
             "pass", "share", "connect", "reconnect", "write", "hear", "have", "update", "confirm", "brief", "keep",
             "let"}
_PAST_IRREGULAR = {"rang", "rung", "sent", "left", "gave", "got", "gotten", "caught", "came", "wrote", "written", "spoke",
                   "spoken", "met", "found", "took", "taken", "told", "shot", "fired", "read", "dropped", "made"}
# "to see if you want it": an embedded question, not a condition
_ASK_VERBS = {"see", "know", "check", "ask", "find", "out", "wonder", "whether", "learn", "hear"}
_DROPPED_SUBJECT = {"will", "shall", "going", "gon", "gonna", "planning", "aiming", "'ll", "ll"}
_NEGATIVE_IN_CONDITION = {"not", "never", "no", "nothing", "otherwise"}


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    opener: str  # the boundary word that opened it ("and", "if" ...), "" at a sentence start or after punctuation
    sent_start: int
    sent_end: int
    question: bool
    joined: bool = False  # opened by a bare "and" / "or" with no punctuation before it: it shares the subject


@dataclass(frozen=True)
class Act:
    """One decided target: ``kind`` is invite (listener acts), commit (caller will), wish, past or negated."""

    kind: str
    start: int  # the target's first token
    end: int
    clause: Clause
    outreach: bool = False
    conditional: bool = False


def clauses(doc) -> list[Clause]:
    """The clauses of a doc, computed once per doc (analyse and the commitment reader both need them)."""
    cached = _CLAUSES.get(id(doc))
    if cached is not None and cached[0] is doc:
        return cached[1]
    out = _clauses_of(doc)
    _CLAUSES.clear()  # one doc at a time: the cache never holds more than the doc being read
    _CLAUSES[id(doc)] = (doc, out)
    return out


_CLAUSES: dict[int, tuple[object, list]] = {}


def _clauses_of(doc) -> list[Clause]:
    out: list[Clause] = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        question = bool(words) and any(t.text.endswith("?") for t in words[-3:])
        start, opener, joined = sent.start, "", False
        for tok in sent:
            if tok.i == sent.start:
                continue
            punct = tok.text in _BOUNDARY_TEXT or (tok.text == "-" and bool(tok.whitespace_))
            if not punct and tok.lower_ not in _BOUNDARY_WORDS:
                continue
            if tok.i > start:
                out.append(Clause(start, tok.i, opener, sent.start, sent.end, question, joined))
                joined = not punct and tok.lower_ in ("and", "or")
            start = tok.i + 1 if punct else tok.i
            opener = tok.lower_ if tok.lower_ in _BOUNDARY_WORDS else ""
        if sent.end > start:
            out.append(Clause(start, sent.end, opener, sent.start, sent.end, question, joined))
    return out


def _form(tok) -> str:
    """base, ing or past: the form a verb token is in (blank spaCy has no tagger, so read the word)."""
    low = tok.lower_
    if low.endswith("ing") and tok.lemma_ != low:
        return "ing"
    if low in _PAST_IRREGULAR or (low.endswith("ed") and tok.lemma_ != low):
        return "past"
    if tok.lemma_ != low and low.endswith("s") and low not in ("us",):
        return "third"
    return "base"


class _Index:
    """Modifier matches by kind, with the clause of every token."""

    KINDS = ("act_listener", "act_caller", "act_progressive", "act_wish", "act_past")

    def __init__(self, doc, matches: Matches, cls: list[Clause]) -> None:
        self.doc = doc
        self.clause_at: list[Clause | None] = [None] * len(doc)
        for c in cls:
            for i in range(c.start, c.end):
                self.clause_at[i] = c
        self.mods = sorted((e, s, k) for k in self.KINDS for s, e in matches.get(k, []))
        self.neg_spans = matches.get("act_negation", [])
        self.progressive = matches.get("act_progressive", [])

    def last_in(self, clause: Clause) -> tuple[str, int, int] | None:
        """The last modifier inside a clause, if any (a clause the next one shares its subject with)."""
        found = [(e, s, k) for e, s, k in self.mods if s >= clause.start and e <= clause.end]
        return (found[-1][2], found[-1][1], found[-1][0]) if found else None

    def nearest(self, clause: Clause, target: int, reach: int = 7) -> tuple[str, int, int] | None:
        best = None
        for e, s, k in self.mods:
            if e > target:
                break
            if s >= clause.start and target - e <= reach:
                if best is None or e > best[2] or (e == best[2] and s < best[1]):
                    best = (k, s, e)
        return best


def _content_before(doc, clause: Clause, i: int) -> list:
    return [t for t in doc[clause.start:i] if not t.is_space and not t.is_punct]


def _squeezed(text: str) -> str:
    """A stretched spelling read as the word: "pleeea-ase" is "please", "sooo" is "so"."""
    letters = "".join(c for c in text.lower() if c.isalpha())
    return "".join(c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1])


def _opens_clause(doc, clause: Clause, i: int) -> bool:
    """Only discourse words (or a vocative name set off before) stand before token i in its clause."""
    before = _content_before(doc, clause, i)
    if all(t.lower_ in _DISCOURSE for t in before):
        return True
    return _squeezed("".join(t.text for t in before)) in _DISCOURSE | {"please"}


def looks_imperative(doc, clause: Clause, verbs) -> bool:
    """A clause that opens with a verb in its base form: "Say the word", "Reply yes", "Ring me"."""
    for t in doc[clause.start:clause.end]:
        if t.is_space or t.is_punct or t.lower_ in _DISCOURSE:
            continue
        return t.lower_ == t.lemma_ and t.lower_ in verbs and not t.text.isupper() or t.lemma_ == "let"
    return False


def _condition_on_listener(doc, clause: Clause) -> bool:
    """A condition clause ("if the numbers work for you") that waits on the listener; "if not" does not."""
    if clause.opener not in _CONDITION_OPENERS and doc[clause.start].lower_ not in _CONDITION_OPENERS:
        return False
    words = {t.lower_ for t in doc[clause.start:clause.end]} | {t.lemma_ for t in doc[clause.start:clause.end]}
    if words & _NEGATIVE_IN_CONDITION:
        return False
    return bool(words & {"you", "your", "yours", "interested", "want", "like", "reply", "call", "text"})


def analyse(doc, matches: Matches, verbs: frozenset[str]) -> list[Act]:
    """Every target decided: what kind of act it is, in which clause."""
    cls = clauses(doc)
    idx = _Index(doc, matches, cls)
    acts: list[Act] = []
    seen = TokenMask(len(doc))
    prev: dict[Clause, Clause] = {b: a for a, b in zip(cls, cls[1:]) if a.sent_start == b.sent_start}
    for s, e in sorted(matches.get("act_target", [])):
        clause = idx.clause_at[s]
        if clause is None or seen.hits(s, s + 1):
            continue
        head = doc[s]
        form = _form(head)
        mod = idx.nearest(clause, s)
        # A negation's scope ends at the next modifier: "if I don't hear from you, I'll try again" is not negated.
        negated = any(ns >= clause.start and ns <= s and (mod is None or ns >= mod[1] or ne > mod[1])
                      for ns, ne in idx.neg_spans)
        if any(ps < s < pe or ps == s for ps, pe in idx.progressive):
            mod = ("act_progressive", s, s)
        if mod is None and clause.joined:
            # "I'll keep you on my radar and check back in": the clause shares the subject before "and"
            mod = idx.last_in(prev.get(clause)) if prev.get(clause) else None
        kind = None
        before = _content_before(doc, clause, s)
        if mod is None:
            if before and before[0].lower_ in _DROPPED_SUBJECT and not clause.question:
                mod = ("act_caller", before[0].i, before[0].i + 1)  # "Will try you again Thursday": the caller, unsaid
        if mod is not None:
            kind = {"act_listener": "invite", "act_caller": "commit", "act_progressive": "commit",
                    "act_wish": "wish", "act_past": "past"}[mod[0]]
            if mod[0] == "act_caller" and form in ("past", "third"):
                kind = None
            if mod[0] == "act_progressive" and head.lemma_ not in _OUTREACH:
                kind = None
        if kind is None:
            if form == "base" and _opens_clause(doc, clause, s) and clause.opener not in _CONDITION_OPENERS:
                kind = "invite"
            elif form == "base" and s > clause.start and doc[s - 1].lower_ in ("just", "please", "simply", "kindly", "then"):
                kind = "invite"  # "if anything's unclear just fire me a text": the main clause starts at "just"
            elif form == "base" and clause.question and any(
                    t.lower_ in ("you", "we", "u") for t in doc[clause.sent_start:s]):
                kind = "invite"
            elif form == "base" and clause.question and before and \
                    before[0].lemma_ in ("want", "care", "worth", "like", "fancy"):
                kind = "invite"  # "Want to meet her before Thursday?"
        if kind is None:
            continue
        if negated:
            kind = "negated"
        seen.add(s, e)
        acts.append(Act(kind, s, e, clause, outreach=head.lemma_ in _OUTREACH))
    for s, e in matches.get("act_commit", []):
        clause = idx.clause_at[s]
        if clause is not None and not seen.hits(s, e):
            seen.add(s, e)
            acts.append(Act("commit", s, e, clause, outreach=True))
    for s, e in matches.get("act_available", []):
        clause = idx.clause_at[s]
        if clause is not None and not seen.hits(s, e):
            seen.add(s, e)
            acts.append(Act("invite", s, e, clause))
    acts.extend(_numbers(doc, cls, idx, acts))
    acts.sort(key=lambda a: a.start)
    return [_with_condition(doc, a, cls, acts, verbs) for a in acts]


def _numbers(doc, cls: list[Clause], idx: _Index, acts: list[Act]) -> list[Act]:
    """A phone number given on its own, or after a condition or a time, invites a call."""
    invited = {a.clause for a in acts if a.kind == "invite"}
    out = []
    spoken = [c for c in cls if any(not t.is_space for t in doc[c.start:c.end])]
    first_sentence = spoken[0].sent_start if spoken else -1
    for tok in doc:
        if tok.lemma_ != "-phone-":
            continue
        clause = idx.clause_at[tok.i]
        if clause is None or clause in invited:
            continue
        if clause.sent_start == first_sentence:
            continue  # "Jo at Pinecrest, 312-555-0147": a number given with the intro is part of it
        before = _content_before(doc, clause, tok.i)
        words = [t.lower_ for t in before]
        alone = not [w for w in words if w not in _DISCOURSE | {"again", "once", "more", "or", "that", "'s", "is", "it", "at", "on"}]
        # "my number is N", "My number hasn't changed: N": a statement, said anywhere before it in the sentence
        said = [t.lower_ for t in doc[clause.sent_start:tok.i] if not t.is_space and not t.is_punct]
        statement = bool({"number", "line", "cell", "phone", "mobile", "direct"} & set(said)) and (
            "my" in said or "our" in said)
        after_condition = False
        if statement:
            prev = [c for c in cls if c.sent_start == clause.sent_start and c.end <= clause.start]
            after_condition = any(c.opener in _CONDITION_OPENERS or doc[c.start].lower_ in _CONDITION_OPENERS
                                  or doc[c.start].lower_ == "should" for c in prev)
        if (alone and not statement) or after_condition:
            out.append(Act("invite", tok.i, tok.i + 1, clause))
            invited.add(clause)
    return out


def _with_condition(doc, act: Act, cls: list[Clause], acts: list[Act], verbs) -> Act:
    """A commitment that waits on the listener is conditional: 'reply and I'll send it', 'if you want, I'll call'."""
    if act.kind != "commit":
        return act
    same = [c for c in cls if c.sent_start == act.clause.sent_start]
    pos = same.index(act.clause) if act.clause in same else -1
    conditional = _condition_on_listener(doc, act.clause)
    nxt = same[pos + 1] if 0 <= pos < len(same) - 1 else None
    embedded = nxt is not None and nxt.start > 0 and doc[nxt.start - 1].lower_ in _ASK_VERBS
    if nxt is not None and nxt.opener in ("if", "once", "when", "unless", "whenever") and not embedded \
            and _condition_on_listener(doc, nxt):
        conditional = True  # "I'll send the SOW once you confirm the start date"
    if pos > 0:
        prev = same[pos - 1]
        if _condition_on_listener(doc, prev):
            conditional = True
        elif act.clause.opener == "and" and (looks_imperative(doc, prev, verbs) or any(
                a.kind == "invite" and a.clause == prev and _opens_clause(doc, prev, a.start) for a in acts)):
            # "Text me and I'll pass the link along": the promise waits on the imperative before it
            conditional = True
    if conditional:
        return Act(act.kind, act.start, act.end, act.clause, act.outreach, conditional=True)
    return act


_NOT_IMPERATIVE = {"thank", "thanks", "cheer", "hope", "talk", "speak", "chat", "enjoy", "have", "take", "be", "bye",
                   "welcome", "sorry", "congrat", "congratulations", "best", "love", "miss", "wish", "look", "sound",
                   "seem", "feel", "guess", "bet", "figure", "imagine", "mean", "need", "want", "like", "know"}


def _build_verbs() -> frozenset[str]:
    from ..nlp import lemma_table

    table = lemma_table()
    out = set()
    for form, lemma in table.items():
        if form.endswith("ing") and lemma.isalpha() and len(lemma) > 1:
            out.add(lemma)
    return frozenset(out - _NOT_IMPERATIVE)


_VERBS: frozenset[str] | None = None


def verb_lemmas() -> frozenset[str]:
    """Base forms that the lemma table also knows in an -ing form: a verb test without a tagger."""
    global _VERBS
    if _VERBS is None:
        _VERBS = _build_verbs()
    return _VERBS
