"""docs/protocol.md against the frame catalogue: its tables name every frame (with every
field), error code and close code of the catalogue, and nothing else. The prose stays
hand-written; these checks make a catalogue change that forgets the page fail."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel

from parley.models import MessagePublic
from parley.realtime import protocol

DOC = Path(__file__).resolve().parents[3] / "docs" / "protocol.md"


def _section(heading: str) -> str:
    """The text under `heading` up to the next heading of any level."""
    text = DOC.read_text()
    match = re.search(rf"^#+ {re.escape(heading)}\n(.*?)(?=^#)", text, re.M | re.S)
    assert match, f"docs/protocol.md has no section {heading!r}"
    return match.group(1)


def _first_cells(heading: str) -> list[str]:
    rows = [line for line in _section(heading).splitlines() if line.startswith("|")]
    return [row.split("|")[1].strip() for row in rows[2:]]  # past the header and ---


def _example(cell: str) -> dict[str, Any]:
    """A table's example frame, its `…` placeholders made JSON again."""
    text = cell.strip("`")
    text = re.sub(r"\{…[^{}]*\}", "{}", text)  # {…} and {…room…}
    text = re.sub(r",\s*…", "", text)  # "…, more fields"
    example: dict[str, Any] = json.loads(text)
    return example


def _frames(union: Any) -> dict[str, type[BaseModel]]:
    models = get_args(get_args(union)[0])
    return {get_args(model.model_fields["type"].annotation)[0]: model for model in models}


@pytest.mark.parametrize(
    ("heading", "union"),
    [
        ("Client → server frames", protocol.ClientFrame),
        ("Server → client frames", protocol.ServerFrame),
    ],
)
def test_frame_tables_show_every_frame_with_every_field(heading: str, union: Any) -> None:
    examples = [_example(cell) for cell in _first_cells(heading)]
    frames = _frames(union)
    documented = [example["type"] for example in examples]
    assert sorted(documented) == sorted(frames), f"{heading}: frames differ from the catalogue"
    for example in examples:
        fields = list(frames[example["type"]].model_fields)
        assert sorted(example) == sorted(fields), f"{heading}: {example['type']} fields"


def test_message_object_shows_every_field() -> None:
    block = re.search(r"A message object:\n```json\n(.*?)```", DOC.read_text(), re.S)
    assert block
    assert sorted(_example(block.group(1))) == sorted(MessagePublic.model_fields)


def test_error_code_table_names_every_code() -> None:
    cells = _first_cells("Error codes")
    documented = [code for cell in cells for code in re.findall(r"`(\w+)`", cell)]
    assert sorted(documented) == sorted(get_args(protocol.ErrorCode.__value__))


def test_close_code_table_names_every_code() -> None:
    documented = [int(code) for cell in _first_cells("Close codes") for code in cell.split("/")]
    assert sorted(documented) == sorted(int(code) for code in protocol.CloseCode)
