"""Every glossary file format, through one contract (after Translate Toolkit's TestTranslationStore): the
registry knows it, and what it writes it reads back, every field it can hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary import formats, handover, store
from glossary.schema import TermEntry

from .strategies import glossaries

READABLE = [name for name in formats.FORMAT_MODULES if hasattr(formats.module_for(name), "read")]


def test_every_registered_format_writes_and_those_that_read_claim_their_endings():
    for name, module_name in formats.FORMAT_MODULES.items():
        module = formats.module_for(name)
        assert module.__name__ == f"glossary.formats.{module_name}" and callable(module.write)
        assert name in module.FORMATS, (name, module.FORMATS)
        for suffix in module.FORMATS[name]:
            assert formats.format_for(Path(f"x{suffix}")) == name
    assert set(READABLE) == {"xlsx", "csv", "tsv", "tbx", "json"}  # deepl is for DeepL's own tools only
    assert formats.suffix_formats() == {".xlsx": "xlsx", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".tbx": "tbx",
                                        ".json": "json"}


def test_the_command_line_offers_exactly_the_registered_formats():
    from glossary.cli import FORMAT_NAMES

    assert FORMAT_NAMES == tuple(formats.FORMAT_MODULES)


def _text_a_format_holds(name: str):
    """The free text of a random glossary, without what the format declares it cannot hold."""
    cannot = getattr(formats.module_for(name), "CANNOT_HOLD", "")
    alphabet = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff" + cannot)
    return st.text(alphabet=alphabet, max_size=30).map(str.strip)


@pytest.mark.parametrize("name", READABLE)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_format_gives_back_every_field_it_can_hold(tmp_path: Path, name: str, data: st.DataObject):
    entries = data.draw(glossaries(text=_text_a_format_holds(name)))
    path = tmp_path / f"round.{name}"
    handover.export_glossary(store.Glossary(entries, path=tmp_path / "g.csv"), path, format=name)
    table = handover.read_file(path, name)
    assert [TermEntry.from_row(row) for _, row in table.rows] == sorted(entries, key=lambda e: e.id)
    if name == "xlsx":
        assert [number for number, _ in table.rows] == list(range(2, len(entries) + 2))  # rows as a user counts


@pytest.mark.parametrize("name", READABLE)
def test_what_a_format_declares_it_cannot_hold_is_only_characters_xml_or_csv_cannot_carry(name: str):
    cannot = getattr(formats.module_for(name), "CANNOT_HOLD", "")
    assert re.fullmatch(r"[\x01-\x08\x0b\x0c\x0e-\x1f]*", cannot), repr(cannot)
