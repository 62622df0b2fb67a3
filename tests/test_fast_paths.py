"""Each shortcut taken for speed gives the answer of the path it replaces."""

from __future__ import annotations

import random

from vmlint.detect import readability as R
from vmlint.detect.phones import find_phone_numbers


def test_cmu_lookup_by_search_agrees_with_the_parsed_dictionary():
    full = R._CmuPhones()
    table = full._table()
    words = sorted(table)
    sample = random.Random(7).sample(words, R._FIND_LIMIT - 15) + ["a", "a(2)", "zywicki", "the", "read", "read(2)", words[-1], words[0]]
    missing = ["", "qzxv", "the cat", "the\u2028cat", "ah(", "# comment"]
    searched = R._CmuPhones()
    for word in sample:
        assert searched[word] == [table[word].split()], word
    for word in missing:
        try:
            searched[word]
        except KeyError:
            continue
        raise AssertionError(f"{word!r} found by search but not in the dictionary")
    assert searched._raw is None  # the dictionary was never parsed whole for these few look-ups


def test_cmu_lookup_parses_the_dictionary_once_many_words_are_asked():
    cmu = R._CmuPhones()
    for word in ["hello", "world"] * 3 + [f"word{i}" for i in range(R._FIND_LIMIT - 2)]:
        try:
            cmu[word]  # a word asked again is answered from memory, not searched again
        except KeyError:
            pass
    assert cmu._raw is None
    assert cmu["reading"] == [cmu._table()["reading"].split()]
    assert cmu._raw is not None and cmu._finds == R._FIND_LIMIT


def test_readability_with_the_lazy_hyphenator_matches_textstat_with_its_own():
    import pyphen

    text = "Quixotic zorbs flummox the xylophonist. Call me about the brouhaha on Thursday, Dana."
    ours = R.readability(text)
    ts = R._textstat()
    from textstat.backend.counts import _count_syllables

    swapped = _count_syllables.get_pyphen
    try:
        _count_syllables.get_pyphen = lambda lang: pyphen.Pyphen(lang=lang)
        _count_syllables.count_syllables.cache_clear() if hasattr(_count_syllables.count_syllables, "cache_clear") else None
        theirs = (round(float(ts.flesch_reading_ease(text + " ")), 1), round(float(ts.flesch_kincaid_grade(text + " ")), 1))
    finally:
        _count_syllables.get_pyphen = swapped
    assert (ours.flesch_reading_ease, ours.flesch_kincaid_grade) == theirs


def test_phone_numbers_found_again_from_the_cache_are_the_same():
    text = "Call 312-555-0147 or +44 20 7946 0958, or 312 555 0147; again 312-555-0147."
    first = find_phone_numbers(text, "US")
    again = find_phone_numbers(text, "US")
    assert [p.model_dump() for p in first] == [p.model_dump() for p in again]
    assert [p.e164 for p in first] == ["+13125550147", "+442079460958", "+13125550147", "+13125550147"]
