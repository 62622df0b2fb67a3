"""A token-pattern matcher indexed by each pattern's first word.

It runs the token patterns that ``phrases.compile_pattern`` produces (the subset of
spaCy's Matcher language vmlint uses: ``LEMMA``/``LOWER`` equal or ``IN``, ``IS_TITLE``,
``LIKE_NUM``, ``IS_PUNCT``, an empty spec for any token, ``OP`` ``?`` and ``{0,N}``) and
returns what spaCy's ``Matcher`` returns: every (key, start, end) at which a pattern
matches, every length included.

Why not spaCy's Matcher: it tries every pattern at every token. Almost every voicemail
phrase starts with a fixed word ("call", "maybe", "as"), so indexing patterns by the
words they can start with means a token only tries the few patterns that can start
there; on the benchmark drafts that made phrase matching about ten times faster
(BENCHMARKS.md). ``tests/test_phrases.py`` checks that both give the same matches.

Work is bounded: from each start, a pattern is walked as a set of (item, position)
states, each visited once, so a match attempt costs at most the pattern's length times
its longest reach, and the whole scan is linear in the number of tokens.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

# An item: (feature, wanted, min, max). feature picks a per-token value; wanted is a
# value, a frozenset of values, or None for "any token".
Item = tuple[str, object, int, int]
_FEATURES = ("LEMMA", "LOWER", "IS_TITLE", "LIKE_NUM", "IS_PUNCT", "IS_SENT_START")
_FLAGS = ("IS_TITLE", "LIKE_NUM", "IS_PUNCT")
# The doc attributes read for each feature, in the same order (IS_SENT_START is read as SENT_START).
_ATTRS = ["LEMMA", "LOWER", "IS_TITLE", "LIKE_NUM", "IS_PUNCT", "SENT_START"]
# How many distinct (lemma, lower, flags) words keep their candidate patterns between drafts.
_CACHE_WORDS = 50_000


def _item(spec: dict) -> Item:
    op = spec.get("OP", "1")
    lo, hi = 1, 1
    if op == "?":
        lo = 0
    elif op.startswith("{0,"):
        lo, hi = 0, int(op[3:-1])
    elif op != "1":
        raise ValueError(f"unsupported operator {op!r}")
    tests = [(k, v) for k, v in spec.items() if k != "OP"]
    if not tests:
        return ("ANY", None, lo, hi)
    if len(tests) != 1 or tests[0][0] not in _FEATURES:
        raise ValueError(f"unsupported token spec {spec!r}")
    feature, wanted = tests[0]
    if isinstance(wanted, dict):
        if set(wanted) != {"IN"}:
            raise ValueError(f"unsupported token spec {spec!r}")
        wanted = frozenset(wanted["IN"])
    return (feature, wanted, lo, hi)


def _columns(doc) -> dict[str, list]:
    """A spaCy Doc's values of each feature, token by token (``tokens.Tokens`` has them ready as ``columns``)."""
    columns = dict(zip(_FEATURES, zip(*doc.to_array(_ATTRS).tolist())))
    strings = doc.vocab.strings
    # Words are compared as text: only the distinct hashes of this doc are looked up.
    for feature in ("LEMMA", "LOWER"):
        names = {h: strings[h] for h in set(columns[feature])}
        columns[feature] = [names[h] for h in columns[feature]]
    columns["IS_SENT_START"] = [v == 1 for v in columns["IS_SENT_START"]]
    for feature in ("IS_TITLE", "LIKE_NUM", "IS_PUNCT"):
        columns[feature] = [bool(v) for v in columns[feature]]
    return columns


def _gate(items: tuple[Item, ...]) -> tuple[int, int, str, object, bool] | None:
    """A word a pattern cannot match without, and the offsets from the start at which it must be.

    The first required item after the first, preferring a word (LEMMA, LOWER) to a flag: it
    is consumed at the start plus at least the sum of the minimum lengths of the items
    before it and at most the sum of their maximum lengths. If no token in that window
    passes its test, the pattern cannot match here.
    """
    required = [k for k, (f, _, lo, _) in enumerate(items) if k > 0 and lo >= 1 and f != "ANY"]
    words = [k for k in required if items[k][0] in ("LEMMA", "LOWER")]
    if not required:
        return None
    k = (words or required)[0]
    low = sum(item[2] for item in items[:k])
    high = sum(item[3] for item in items[:k])
    feature, wanted = items[k][0], items[k][1]
    return low, high, feature, wanted, isinstance(wanted, frozenset)


def _test(value, wanted) -> bool:
    return value in wanted if isinstance(wanted, frozenset) else value == wanted


class TokenMatcher:
    def __init__(self) -> None:
        # (key, items, check on the token after the start or None, every item exactly one token?)
        self._patterns: list[tuple[str, tuple[Item, ...], tuple[str, object] | None, bool]] = []
        self._by_lemma: dict[str, list[int]] = defaultdict(list)
        self._by_lower: dict[str, list[int]] = defaultdict(list)
        self._by_flag: dict[str, list[int]] = defaultdict(list)  # IS_TITLE, LIKE_NUM, ... first
        self._anywhere: list[int] = []
        self._cache: dict[tuple, tuple[int, ...]] = {}
        self._compiled_patterns: list[tuple] = []

    def __len__(self) -> int:
        return len(self._patterns)

    def add(self, key: str, patterns: Iterable[list[dict]]) -> None:
        for spec in patterns:
            items = tuple(_item(s) for s in spec)
            index = len(self._patterns)
            second = None
            if len(items) > 1 and items[0][2:] == (1, 1) and items[1][2:] == (1, 1) and items[1][0] != "ANY":
                second = (items[1][0], items[1][1])
            fixed = all(item[2:] == (1, 1) for item in items)
            self._patterns.append((key, items, second, fixed))
            self._compiled_patterns.append(self._compiled(index))
            self._index(index, items)
            self._cache.clear()

    def _index(self, index: int, items: tuple[Item, ...]) -> None:
        """File the pattern under every word its first consumed token can be."""
        starts: list[Item] = []
        for item in items:
            starts.append(item)
            if item[2] == 1:  # a required item: nothing after it can come first
                break
        if len(starts) == 1 and starts[0][0] in _FLAGS and starts[0][1] is True:
            self._by_flag[starts[0][0]].append(index)
            return
        if any(f not in ("LEMMA", "LOWER") for f, _, _, _ in starts):
            self._anywhere.append(index)
            return
        for feature, wanted, _, _ in starts:
            table = self._by_lemma if feature == "LEMMA" else self._by_lower
            for word in (wanted if isinstance(wanted, frozenset) else (wanted,)):
                if index not in table[word]:
                    table[word].append(index)

    def _candidates(self, lemma: str, lower: str, flags: tuple[bool, ...]) -> tuple[int, ...]:
        """The patterns that can start at a token with this lemma, lower form and flags."""
        candidates = set(self._by_lemma.get(lemma, ()))
        candidates.update(self._by_lower.get(lower, ()))
        candidates.update(self._anywhere)
        for (feature, indices), on in zip(self._by_flag.items(), flags):
            if on:
                candidates.update(indices)
        return tuple(sorted(candidates))

    def _compiled(self, index: int):
        """A pattern as the scan runs it: key, the second-token check, and for a fixed pattern its tests by offset."""
        key, items, second, fixed = self._patterns[index]
        tests = tuple((i, f, w, isinstance(w, frozenset)) for i, (f, w, _, _) in enumerate(items) if f != "ANY") if fixed else None
        return key, items, second, len(items), tests, None if fixed else _gate(items)

    def __call__(self, doc) -> list[tuple[str, int, int]]:
        n = len(doc)
        if not n:
            return []
        columns = getattr(doc, "columns", None) or _columns(doc)
        lemmas, lowers = columns["LEMMA"], columns["LOWER"]
        flag_columns = [columns[f] for f in self._by_flag]
        # The patterns that can start at a token depend only on its lemma, lower form and flags:
        # worked out once per distinct word and kept (the vocabulary of drafts is small).
        cache = self._cache
        compiled = self._compiled_patterns
        out: list[tuple[str, int, int]] = []
        for start, word in enumerate(zip(lemmas, lowers, *flag_columns)):
            candidates = cache.get(word)
            if candidates is None:
                candidates = self._candidates(word[0], word[1], word[2:])
                if len(cache) < _CACHE_WORDS:
                    cache[word] = candidates
            for index in candidates:
                key, items, second, length, tests, gate = compiled[index]
                if second is not None:  # most attempts end on the second word: check it before walking
                    if start + 1 >= n:
                        continue
                    value = columns[second[0]][start + 1]
                    wanted = second[1]
                    if not (value in wanted if isinstance(wanted, frozenset) else value == wanted):
                        continue
                if tests is not None:
                    end = start + length
                    if end > n:
                        continue
                    for i, f, w, is_set in tests:
                        value = columns[f][start + i]
                        if not (value in w if is_set else value == w):
                            break
                    else:
                        out.append((key, start, end))
                    continue
                if gate is not None:  # a word the pattern needs must be within reach, or there is nothing to walk
                    low, high, f, w, is_set = gate
                    values = columns[f]
                    for q in range(start + low, min(n, start + high + 1)):
                        if values[q] in w if is_set else values[q] == w:
                            break
                    else:
                        continue
                for end in self._ends(items, start, n, columns):
                    out.append((key, start, end))
        return out

    @staticmethod
    def _ends(items: tuple[Item, ...], start: int, n: int, columns: dict[str, list]) -> list[int]:
        ends: set[int] = set()
        seen: set[tuple[int, int]] = set()
        stack = [(0, start)]
        last = len(items)
        while stack:
            k, pos = stack.pop()
            if (k, pos) in seen:
                continue
            seen.add((k, pos))
            if k == last:
                if pos > start:
                    ends.add(pos)
                continue
            feature, wanted, lo, hi = items[k]
            if lo == 0:
                stack.append((k + 1, pos))
            values = None if feature == "ANY" else columns[feature]
            q = pos
            for _ in range(hi):
                if q >= n:
                    break
                if values is not None:
                    value = values[q]
                    if isinstance(wanted, frozenset):
                        if value not in wanted:
                            break
                    elif value != wanted:
                        break
                q += 1
                stack.append((k + 1, q))
        return sorted(ends)
