"""What a search box's text asks for: words, "phrases" and filters.

    budget "weekly review" from:alice in:design has:file after:2026-11-01 before:2026-12-01

- a word matches messages with that word (English words by their stem, so "meetings"
  finds "meeting"; Korean words by prefix, so "회의" finds "회의를"); `word*` asks
  for any word beginning so;
- "a phrase" matches those words in that order, next to each other;
- from:USERNAME, in:ROOM (a room's name, in quotes if it has spaces), has:file (an
  attachment), before:DATE and after:DATE (YYYY-MM-DD, days in the given time zone;
  both exclusive, as in Slack); every part must hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from parley.errors import Invalid
from parley.services.search_text import is_hangul, words

MAX_TERMS = 16
_PART = re.compile(r'(?:(\w+):)?(?:"([^"]*)"?|(\S+))')


@dataclass(frozen=True)
class Term:
    """Words that must appear in this order, side by side (one word: anywhere)."""

    words: tuple[str, ...]
    # Whether each word matches any word it begins (Korean always, or `word*`).
    prefix: tuple[bool, ...]


@dataclass
class Query:
    terms: list[Term] = field(default_factory=list)
    from_username: str | None = None
    in_room: str | None = None
    has_file: bool = False
    after: datetime | None = None
    before: datetime | None = None

    @property
    def highlight(self) -> list[str]:
        return list(dict.fromkeys(word for term in self.terms for word in term.words))


def _day(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise Invalid(f"{name}: needs a date as YYYY-MM-DD", field="q") from exc


def _start_of(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def _term(text: str, explicit_prefix: bool) -> Term | None:
    found = words(text)
    if not found:
        return None
    prefix = [is_hangul(word) for word in found]
    if explicit_prefix:
        prefix[-1] = True
    return Term(words=tuple(found), prefix=tuple(prefix))


def parse(text: str, zone: tzinfo) -> Query:
    query = Query()
    for match in _PART.finditer(text):
        key, quoted, bare = match.groups()
        value = quoted if quoted is not None else (bare or "")
        key = (key or "").lower()
        if key == "from":
            query.from_username = value.lstrip("@").strip().lower() or None
        elif key == "in":
            query.in_room = value.lstrip("#").strip() or None
        elif key == "has":
            if value.lower() not in ("file", "files", "attachment"):
                raise Invalid("has: only knows has:file", field="q")
            query.has_file = True
        elif key == "after":
            # After a day: from the start of the next one.
            query.after = _start_of(_day(value, "after") + timedelta(days=1), zone)
        elif key == "before":
            query.before = _start_of(_day(value, "before"), zone)
        else:
            # Not a filter ("http://…", "10:30"): the whole part is text to find.
            whole = match.group(0)
            term = _term(whole, explicit_prefix=quoted is None and whole.endswith("*"))
            if term is not None:
                query.terms.append(term)
    if len(query.terms) > MAX_TERMS:
        raise Invalid(f"At most {MAX_TERMS} words or phrases", field="q")
    if not (query.terms or query.from_username or query.in_room or query.has_file):
        raise Invalid("Search for a word, or filter by from:, in: or has:", field="q")
    return query
