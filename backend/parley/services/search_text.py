"""The words a message is found by: one tokeniser for both databases.

Matching is decided here, in Python, not by either database's text parser: a message's
body becomes `search_text`, its words normalised and joined by spaces, and a query's words
go through the same steps. PostgreSQL (tsvector 'simple') and SQLite (FTS5 unicode61)
then only split on the spaces and compare, so both find the same messages.

- Text is NFKC-normalised and case-folded (full-width letters, "É" and "é" alike).
- A word is a run of letters and digits; a change between Hangul and any other script
  also ends one ("API를" is "api" and "를"), so an English word with a Korean particle
  is still the English word.
- Words of Latin letters are stemmed by the Snowball English stemmer ("meetings",
  "meeting" → "meet"); Korean words are kept as written and matched by prefix at query
  time ("회의" finds "회의를", "회의에서", "회의실"). Korean is not split into morphemes,
  so a word inside a compound is not found from its middle ("주간회의" is not found by
  "회의").
- `<@id>` mentions and `<!room>` are not words of the text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Longer "words" (a pasted hash, base64) are not searched: PostgreSQL refuses lexemes of
# over 2 KiB, and nobody types them into a search box.
MAX_WORD = 64
_TOKENS = re.compile(r"<@\d+>|<!room>")
_WORD = re.compile(r"[^\W_]+")
_HANGUL = re.compile(r"([\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]+)")
_LATIN = re.compile(r"^[a-z]+$")
_stemmer = snowballstemmer.stemmer("english")


def is_hangul(word: str) -> bool:
    return _HANGUL.fullmatch(word) is not None


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    stemmed: str = _stemmer.stemWord(word)
    return stemmed


def normalise_word(word: str) -> str:
    """One word as it is stored and searched: stemmed if it is of Latin letters."""
    return _stem(word) if _LATIN.fullmatch(word) else word


def words(text: str) -> list[str]:
    """The text's words, normalised, in order."""
    folded = unicodedata.normalize("NFKC", _TOKENS.sub(" ", text)).casefold()
    found: list[str] = []
    for run in _WORD.findall(folded):
        for part in _HANGUL.split(run):
            if part and len(part) <= MAX_WORD:
                found.append(normalise_word(part))
    return found


def search_text(body: str) -> str:
    """What `messages.search_text` holds for a body ("" for a deleted message)."""
    return " ".join(words(body))
