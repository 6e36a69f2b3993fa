"""The schema: columns in order, and validation that reports every problem with its row."""

from __future__ import annotations

from glossary.schema import COLUMNS, TermEntry, check_entries, check_header, normalise_category, split_variants


def entry(**fields: str) -> TermEntry:
    """An approved entry with English and Chinese, overridable."""
    base = dict(id="T1", english="Alibaba Cloud", chinese="阿里云", category="organization", status="approved")
    base.update(fields)
    return TermEntry(**base)


def test_columns_are_the_documented_thirteen_in_order():
    assert COLUMNS == ("id", "english", "chinese", "traditional", "pinyin", "category", "status", "variants",
                       "chinese_variants", "note", "context", "source", "updated")


def test_valid_entries_have_no_problems():
    assert check_entries([entry(), entry(id="T2", english="Taobao", chinese="淘宝", variants="Tao Bao")]) == []


def test_unknown_status_is_reported_with_row_and_expected_values():
    problems = check_entries([entry(), entry(id="T2", english="Taobao", chinese="淘宝", status="aproved")])
    assert problems == [(3, "unknown status 'aproved' (expected approved, proposed, deprecated, forbidden)")]


def test_unknown_category_is_reported():
    (row, message), = check_entries([entry(category="company")])
    assert row == 2 and message.startswith("unknown category 'company'")


def test_duplicate_id_names_the_first_row():
    problems = check_entries([entry(), entry(english="Taobao", chinese="淘宝")])
    assert problems == [(3, "duplicate id 'T1' (first used in row 2)")]


def test_entry_without_english_and_chinese_is_a_problem():
    (row, message), = check_entries([entry(english="", chinese="", status="proposed")])
    assert "empty english and chinese" in message


def test_only_proposed_entries_may_lack_a_chinese_form():
    assert check_entries([entry(chinese="", status="proposed")]) == []
    (row, message), = check_entries([entry(chinese="")])
    assert "empty chinese in a 'approved' entry" in message


def test_variant_claimed_by_two_entries_is_reported_case_insensitively():
    problems = check_entries([
        entry(variants="Aliyun"),
        entry(id="T2", english="Ali Cloud Intelligence", chinese="阿里云智能", variants="ALIYUN"),
    ])
    assert problems == [(3, "'ALIYUN' is claimed by two entries (also row 2, id T1)")]


def test_variant_equal_to_another_entrys_english_is_reported():
    problems = check_entries([entry(), entry(id="T2", english="Aliyun", chinese="阿里云", variants="alibaba cloud")])
    assert len(problems) == 1 and "claimed by two entries" in problems[0][1]


def test_bad_dates_and_ids_with_spaces_are_reported():
    problems = check_entries([entry(id="T 1", updated="2026-13-01")], rows=[7])
    assert [row for row, _ in problems] == [7, 7]
    assert any("white space" in m for _, m in problems) and any("ISO date" in m for _, m in problems)


def test_header_problems_name_missing_and_unknown_columns():
    problems = check_header(["id", "english", "chinese", "statuss"])
    assert problems[0].startswith("missing columns: traditional, pinyin, category, status")
    assert problems[1].startswith("unknown column: 'statuss'")


def test_variants_split_trims_and_drops_empty_and_repeated_parts():
    assert split_variants(" Qwen | |Tongyi|Qwen ") == ["Qwen", "Tongyi"]


def test_category_spellings_are_normalised():
    assert normalise_category("Business-Unit") == "business unit"
    assert normalise_category("business_unit") == "business unit"


def test_every_cell_that_cannot_be_stored_is_reported_in_column_order_beside_the_other_problems():
    bad = entry(id="T 1", english="Tmall\x00", variants="a\uffff", note="x" * 40_000, context="\ud800")
    assert [message for _, message in check_entries([bad])] == [
        "english contains a NUL character",
        "variants holds U+FFFF, a non-character that files cannot carry",
        "note has 40,000 characters; a field holds at most 32,767 (as a spreadsheet cell)",
        "context is not valid text: it holds bytes that are not UTF-8 (or a lone surrogate, U+D800)",
        "id 'T 1' contains white space",
    ]
    assert check_entries([entry(note="x" * 32_767, context="line one\nline two")]) == []  # at the limit: stored


def test_an_id_with_white_space_at_its_edges_or_inside_is_refused_and_one_without_is_not():
    for spaced in (" T1", "T1 ", "T\t1", "T\u30001", "T1\n"):
        assert [message for _, message in check_entries([entry(id=spaced)])] == [
            f"id {spaced!r} contains white space"], spaced
    assert check_entries([entry(id="T-1_a.b")]) == []
