"""Mining on every core (issue 15): worker processes, documents mined in sections, big files streamed.

Every comparison is of the whole ranked table (all rows, every column, details included) that one process gives.
Batches and sections are made small here so that a few kilobytes of samples split into many parts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import glossary
from glossary.cli import cli
from glossary.documents import iter_streams, text as plain
from glossary.errors import GlossaryError
from glossary.mining import parallel, pipeline, sections

from .conftest import ROOT

# worker processes read the prepared word lists from the cache folder: copies of a first run's
pytestmark = pytest.mark.usefixtures("prepared_cache")

# English and Chinese samples (issue 11): a worker segments Chinese and counts its tallies as one process does
SAMPLES = sorted(str(path) for path in (ROOT / "samples").iterdir() if path.is_file()) + sorted(
    str(path) for path in (ROOT / "samples" / "zh").glob("*.txt"))
DOCUMENTS = [path for path in SAMPLES if not path.endswith(".tsv")]  # the command line mines a table as translations


def mined(inputs, **options) -> pd.DataFrame:
    """Every row of the table, with the details columns."""
    return glossary.mine(inputs, top=None, details=True, **options)


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of about 3,000 characters and sections of at most 2,000: the samples make many parts."""
    monkeypatch.setattr(parallel, "BATCH_CHARS", 3_000)
    monkeypatch.setattr(sections, "SECTION_CHARS", 2_000)


def big_document(path: Path, copies: int = 3) -> Path:
    """One plain-text file of paragraphs: the English samples one after the other, `copies` times."""
    paragraphs = []
    for sample in ("alibaba_ceo_letter.md", "workplace_culture.txt", "singles_day.txt"):
        text = (ROOT / "samples" / sample).read_text(encoding="utf-8")
        paragraphs.extend(" ".join(block.split()) for block in text.split("\n\n") if block.strip())
    path.write_text("\n\n".join(paragraphs * copies) + "\n", encoding="utf-8")
    return path


def test_two_worker_processes_give_the_table_of_one_process_on_the_samples(small_parts: None) -> None:
    one = mined(SAMPLES, jobs=1)
    two = mined(SAMPLES, jobs=2)
    assert len(one) > 100 and one["documents"].max() >= 3
    pd.testing.assert_frame_equal(one, two)
    assert one.attrs["documents"] == two.attrs["documents"] == len(SAMPLES)


def mixed_document(path: Path, copies: int = 3) -> Path:
    """One file of English and Chinese paragraphs (Chinese samples with their English in brackets among them)."""
    paragraphs = []
    for sample in ("samples/tencent_wire.txt", "samples/zh/harmonyos_launch.txt", "samples/singles_day.txt",
                   "samples/zh/alibaba_ceo_letter.txt", "samples/zh/tsmc_traditional.txt"):
        text = (ROOT / sample).read_text(encoding="utf-8")
        paragraphs.extend(" ".join(block.split()) for block in text.split("\n\n") if block.strip())
    # a term written in both scripts (the English beside the Chinese): one row with both columns
    paragraphs += ["阿里云发布了通义千问（Tongyi Qianwen）。业内认为，通义千问的开源版本很受欢迎。",
                   "Alibaba Cloud released Tongyi Qianwen (通义千问) in April. Tongyi Qianwen now has open models."]
    path.write_text("\n\n".join(paragraphs * copies) + "\n", encoding="utf-8")
    return path


def test_a_mixed_english_and_chinese_document_in_sections_gives_one_process_table(small_parts: None,
                                                                                 tmp_path: Path) -> None:
    path = mixed_document(tmp_path / "mixed.txt")
    one = mined([path], jobs=1, glossary=False)  # no glossary: Tongyi Qianwen (通义千问) is new, linked in the text
    two = mined([path], jobs=2, glossary=False)
    pd.testing.assert_frame_equal(one, two)
    assert {"term", "chinese"} <= set(one["kind"])  # both scripts were mined
    assert one["english"].str.len().gt(0).any() and one["chinese"].str.len().gt(0).any()
    paired = one[one["chinese"] == "通义千问"]
    assert list(paired["english"]) == ["Tongyi Qianwen"]  # one row with both scripts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_workers_read_in_the_language_asked_and_their_warnings_are_told(small_parts: None, lang: str) -> None:
    chinese = sorted(str(path) for path in (ROOT / "samples" / "zh").glob("*.txt"))
    told: dict[int, list[str]] = {1: [], 2: []}
    tables = {jobs: mined(chinese, jobs=jobs, lang=lang, on_warning=told[jobs].append) for jobs in (1, 2)}
    pd.testing.assert_frame_equal(tables[1], tables[2])
    assert told[1] == told[2]
    assert bool(told[1]) == (lang == "en")  # Chinese documents mined as English are each warned about once


def test_sections_of_one_document_mined_in_two_processes_give_one_process_table(small_parts: None,
                                                                                 tmp_path: Path) -> None:
    path = big_document(tmp_path / "archive.txt")
    assert path.stat().st_size > 5 * sections.SECTION_CHARS
    one = mined([path], jobs=1)
    two = mined([path], jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert set(one["documents"]) == {1} and one.attrs["documents"] == 1  # sections are one document
    assert one["frequency"].max() >= 3 * 3  # counted across sections (three copies of each sample)


def test_pruning_rare_ngrams_happens_at_the_same_points_in_one_or_two_processes(small_parts: None,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    unpruned = mined(SAMPLES, jobs=1)
    monkeypatch.setattr(pipeline, "PRUNE_ABOVE", 150)
    one = mined(SAMPLES, jobs=1)
    two = mined(SAMPLES, jobs=2)
    assert len(one) < len(unpruned)  # pruning did happen
    pd.testing.assert_frame_equal(one, two)


def test_a_document_mined_in_sections_keeps_its_line_numbers(small_parts: None, tmp_path: Path) -> None:
    path = big_document(tmp_path / "archive.txt", copies=2)
    lines = path.read_text(encoding="utf-8").split("\n")
    frame = mined([path], jobs=1)
    late = 0
    for row in frame.itertuples():
        name, _, line = row.found_in.rpartition(":")
        assert name == str(path)
        text = lines[int(line) - 1]
        assert any(form in text for form in row.forms.split("|")), (row.found_in, row.forms, text)
        late += int(line) > len(lines) // 4
    assert late  # some candidates are first found far into the document, in a later section


def test_known_terms_count_the_same_in_sections_as_in_the_whole_document(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Glossary terms are found by the automaton, section or not; only a person's bare surname ('Wu said') is
    linked to the full name within a section, as within a document (README: one big file)."""
    path = big_document(tmp_path / "archive.txt")
    whole = mined([path], jobs=1)
    monkeypatch.setattr(sections, "SECTION_CHARS", 2_000)
    cut = mined([path], jobs=1)
    columns = ["english", "chinese", "frequency", "documents", "found_in"]

    def known(frame: pd.DataFrame, people: bool) -> pd.DataFrame:
        rows = frame[frame["known"] & ((frame["category"] == "person") == people)]
        return rows[columns].sort_values("english").reset_index(drop=True)

    assert len(known(whole, people=False)) >= 5
    pd.testing.assert_frame_equal(known(whole, people=False), known(cut, people=False))
    people_whole, people_cut = known(whole, people=True), known(cut, people=True)
    assert list(people_whole["english"]) == list(people_cut["english"])
    assert (people_cut["frequency"] <= people_whole["frequency"]).all()


def test_sections_are_cut_at_paragraph_boundaries_and_add_up_to_the_text() -> None:
    text = "".join(f"Paragraph {n} says something about cloud computing.\nIts second line.\n\n" for n in range(200))
    cut = list(sections.sections([text[:1000], text[1000:5000], text[5000:]], limit=700))
    assert "".join(section for section, _ in cut) == text
    assert all(section.endswith("\n\n") for section, _ in cut[:-1])
    assert all(len(section) <= 700 for section, _ in cut)
    assert [lines for _, lines in cut] == [text[:text.index(section)].count("\n") for section, _ in cut]
    # the same cuts whichever way the text was read
    assert cut == list(sections.sections([text], limit=700))
    # no blank line: cut after a line break, then a space, then anywhere
    assert sections.cut_point("one line\nanother line", 15) == 9
    assert sections.cut_point("no line break at all", 10) == 8
    assert sections.cut_point("x" * 30, 10) == 10


def test_a_big_text_file_is_streamed_with_the_text_reading_it_whole_gives(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plain, "PIECE_BYTES", 1000)
    path = tmp_path / "big.txt"
    body = "".join(f"Line {n}: Alibaba Cloud and 通义千问 in Hangzhou.\r\n" for n in range(300))
    data = b"\xef\xbb\xbf" + body.encode("utf-8")
    path.write_bytes(data)
    pieces = plain.stream(path, "big.txt")
    assert pieces is not None
    pieces = list(pieces)
    assert len(pieces) > 10
    assert "".join(pieces) == plain.read(path, "big.txt")
    assert "\r" not in "".join(pieces)
    # a CR that ends one read and its LF that starts the next make one line end
    path.write_bytes(b"a" * 999 + b"\r\n" + b"b" * 10 + b"\rc\r")
    assert "".join(plain.stream(path, "x")) == "a" * 999 + "\n" + "b" * 10 + "\nc\n" == plain.read(path, "x")


def test_a_big_file_not_in_utf8_is_read_whole_and_a_bad_named_encoding_fails_before_mining(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    text = "阿里巴巴集团在杭州发布了新的云计算服务。\n\n" * 200
    path.write_bytes(text.encode("gb18030"))
    assert plain.stream(path, "legacy.txt") is None
    (stream,) = iter_streams([path], stream_above=100)
    assert "".join(stream.pieces) == text and stream.size == path.stat().st_size
    with pytest.raises(GlossaryError, match="not valid ascii at byte"):
        plain.stream(path, "legacy.txt", encoding="ascii")


def test_a_streamed_file_gives_the_table_of_the_same_file_read_whole(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = big_document(tmp_path / "archive.txt")
    monkeypatch.setattr(sections, "SECTION_CHARS", 3_000)
    whole = mined([path], jobs=1)
    monkeypatch.setattr("glossary.documents.STREAM_ABOVE_BYTES", 1_000)
    monkeypatch.setattr(plain, "PIECE_BYTES", 777)
    advanced: list[int] = []
    streamed = mined([path], jobs=1, advance=advanced.append)
    pd.testing.assert_frame_equal(whole, streamed)
    assert len(advanced) > 5 and sum(advanced) == path.stat().st_size  # the progress bar goes by bytes


def test_a_worker_process_that_dies_fails_the_run_without_a_table(small_parts: None) -> None:
    documents = [glossary.Document(f"ok-{n}.txt", (ROOT / "samples" / "singles_day.txt").read_text()) for n in range(3)]
    documents.append(glossary.Document("deadly.txt", KillsItsMiner("Alibaba Cloud said so.")))
    with pytest.raises(GlossaryError, match=r"worker process died .* deadly\.txt.*no table was made"):
        mined(documents, jobs=2)


class KillsItsMiner(str):
    """A text that ends the process that mines it (os._exit, as a killed worker ends) when the miner counts its
    words; the parent process only sends it (pickled by reference to this class, importable in the workers)."""

    def count(self, *args) -> int:
        os._exit(1)


def test_jobs_must_be_one_or_more() -> None:
    runner = CliRunner()
    for value in ("0", "-2"):
        result = runner.invoke(cli, ["mine", SAMPLES[0], "--jobs", value])
        assert result.exit_code == 2
        assert "--jobs" in result.output and "Traceback" not in result.output
    with pytest.raises(GlossaryError, match="jobs must be"):
        mined(SAMPLES[:1], jobs=0)
    result = runner.invoke(cli, ["mine", SAMPLES[0], "--jobs", "2", "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "do not go together" in result.output


def test_the_command_line_with_two_jobs_prints_the_table_of_one(small_parts: None) -> None:
    runner = CliRunner()
    outputs = []
    for jobs in ("1", "2"):
        result = runner.invoke(cli, ["mine", *DOCUMENTS, "--jobs", jobs, "--top", "0", "--json"])
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(result.stdout))
    assert len(outputs[0]) > 100 and outputs[0] == outputs[1]


def test_translations_are_mined_in_one_process_only() -> None:
    result = CliRunner().invoke(cli, ["mine", str(ROOT / "samples" / "parallel" / "launch.tmx"), "--jobs", "2"])
    assert result.exit_code == 2 and "one process" in result.output


def test_the_default_is_every_core_only_for_a_large_input() -> None:
    assert parallel.choose_jobs(1_000) == 1
    assert parallel.choose_jobs(None) == 1
    assert parallel.choose_jobs(parallel.PARALLEL_ABOVE_BYTES) == parallel.cores()


def test_a_candidate_with_many_spellings_keeps_the_same_first_eight_with_their_counts(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A row keeps its first eight spellings, each with all its occurrences: a worker's part keeps every spelling,
    so a spelling the first part kept is still counted where the second part meets it after eight new ones."""
    monkeypatch.setattr(parallel, "BATCH_CHARS", 650)
    spellings = ["q" + "".join(ch.upper() if (n >> i) & 1 else ch for i, ch in enumerate("werty")) for n in range(1, 14)]
    filler = " The layout was shown at a trade fair." * 3
    first = [glossary.Document(f"a{n}.txt", (f"Engineers praised the {s} keyboard." + filler)[:130])
             for n, s in enumerate(spellings[:5])]
    second = [glossary.Document(f"b{n}.txt", f"Engineers praised the {s} keyboard.")
              for n, s in enumerate(spellings[5:] + [spellings[3]] * 5)]
    assert sum(len(d.text) for d in first) == parallel.BATCH_CHARS  # the first batch ends after them
    one = mined(first + second, jobs=1)
    two = mined(first + second, jobs=2)
    pd.testing.assert_frame_equal(one, two)
    (forms,) = one[one["english"].str.lower() == "qwerty"]["forms"]
    # the fourth spelling (6 occurrences) first, then the others of the first eight in order
    assert forms.split("|") == [spellings[3], *spellings[:3], *spellings[4:8]]


def test_the_rows_without_pandas_are_the_table_s_records() -> None:
    from glossary.mining.output import frame_records

    for details in (False, True):
        frame = glossary.mine(SAMPLES, top=None, details=details, jobs=1)
        rows = glossary.mine(SAMPLES, top=None, details=details, jobs=1, records=True)
        assert rows == frame_records(frame) and len(rows) > 100
        assert rows.columns == list(frame.columns) and rows.attrs == frame.attrs
        assert [list(row) for row in rows] == [list(frame.columns)] * len(rows)  # keys in column order
