"""The command line: parse arguments, call the library, render the result, map errors to exit codes.

Exit codes: 0 success (or something matched), 1 nothing matched / problems found / changes not applied,
2 bad input or an error the user can act on, 3 an internal error (a bug: run with --debug and report
it), 130 interrupted (Ctrl-C). Every error is one line on stderr.
"""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext
from pathlib import Path

import click

from . import render
from .errors import GlossaryError, ValidationError
from .schema import (
    CATEGORIES, CATEGORY, CHINESE, CHINESE_VARIANTS, COLUMNS, CONTEXT, ENGLISH, NOTE, PINYIN, SOURCE, STATUS,
    STATUSES, TRADITIONAL, VARIANTS, TermEntry, join_variants, normalise_category,
)

EXIT_OK, EXIT_NO_MATCH, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class GlossaryGroup(click.Group):
    """The command group: commands in definition order, and the one error boundary of the command line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def invoke(self, ctx: click.Context):
        """Run the command; Ctrl-C passes click by as _Interrupted (click would print a blank line and abort)."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted() from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run a command; every way it can end becomes an exit code and at most one line on stderr."""
        args = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in args
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.exceptions.Abort as exc:
            if isinstance(exc.__context__, KeyboardInterrupt):
                sys.stderr.write("glossary: interrupted\n")
                code = EXIT_INTERRUPTED
            else:
                render.error("aborted")
                code = EXIT_ERROR
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "glossary"
            render.error(f"{exc.format_message()} (see `{command} --help`)")
            code = EXIT_ERROR
        except click.ClickException as exc:
            render.error(exc.format_message())
            code = EXIT_ERROR
        except GlossaryError as exc:
            if debug:
                raise
            render.error(str(exc))
            code = exc.exit_code
        except BrokenPipeError:
            code = EXIT_OK
        except OSError as exc:  # the library names what it writes; this catches what slips by, in one line
            if debug:
                raise
            from .files.reading import os_reason

            render.error(f"{exc.filename}: {os_reason(exc)}" if exc.filename else os_reason(exc))
            code = EXIT_ERROR
        except (KeyboardInterrupt, _Interrupted):
            sys.stderr.write("glossary: interrupted\n")
            code = EXIT_INTERRUPTED
        except Exception as exc:  # a bug: one line, its own exit code, the traceback only with --debug
            if debug:
                raise
            render.error(f"internal error: {type(exc).__name__}: {_one_line(exc)} (run with --debug for the "
                         "traceback, and please report it)")
            code = EXIT_INTERNAL
        code = code if isinstance(code, int) else EXIT_OK
        if standalone_mode:
            sys.exit(code)
        return code


class _Interrupted(Exception):
    """Ctrl-C while a command ran, carried past click's own handling to the error boundary."""


def _one_line(exc: BaseException) -> str:
    """An exception's message on one line, cut to a readable length."""
    text = " ".join(str(exc).split())
    return text[:300] + ("…" if len(text) > 300 else "")


def _category_option(required: bool = False, help_text: str = "Category") -> click.Option:
    """--category/-c, accepting 'business-unit' or 'Business unit' for 'business unit'."""

    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None:
            return None
        normalised = normalise_category(value)
        if normalised not in CATEGORIES:
            raise click.BadParameter(f"{value!r} is not one of: {', '.join(CATEGORIES)}")
        return normalised

    return click.option("--category", "-c", callback=check, required=required, metavar="CATEGORY",
                        help=f"{help_text}: {', '.join(CATEGORIES)}.")


def _status_option(help_text: str = "Status", default: str | None = None) -> click.Option:
    """--status/-s, one of the schema's statuses."""
    return click.option("--status", "-s", type=click.Choice(STATUSES), default=default,
                        help=f"{help_text}.")


def _glossary_source(ctx: click.Context):
    """The glossary chosen by --glossary, $GLOSSARY_FILE, ./terms.csv or the shipped default."""
    from .store import resolve

    return resolve(ctx.obj.get("glossary"))


def _load(ctx: click.Context):
    """Load the chosen glossary (validated)."""
    from .store import Glossary, read_entries

    source = _glossary_source(ctx)
    return Glossary(read_entries(source.path), path=source.path)


@click.group(name="glossary", cls=GlossaryGroup, context_settings=CONTEXT_SETTINGS)
@click.option("--glossary", "-g", "glossary_path", metavar="PATH", envvar=None,
              help="Glossary file to use (default: $GLOSSARY_FILE, else ./terms.csv, else the shipped one).")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(package_name="glossary", prog_name="glossary")
@click.pass_context
def cli(ctx: click.Context, glossary_path: str | None, debug: bool) -> None:
    """Bilingual English/Chinese terminology: look up, keep and share the names and jargon of
    Chinese tech and business news.

    \b
    Examples:
      glossary lookup qwen            # English, variant, Chinese (通义) or pinyin (tongyi)
      glossary list -c person         # all people in the glossary
      glossary init                   # make a writable ./terms.csv from the shipped glossary
      glossary add "Tencent Yuanqi" 腾讯元器 -c product
    """
    ctx.ensure_object(dict)
    ctx.obj["glossary"] = glossary_path  # --debug is read by GlossaryGroup.main, which sees it first


# --- lookup and list --------------------------------------------------------------------------


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--wide", "-w", is_flag=True, help="Also show variants, note and context.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array (entry fields + match, score).")
@click.option("--limit", "-n", type=click.IntRange(min=0), default=20, show_default=True,
              help="Show at most N matches (0: all).")
@click.option("--exact", is_flag=True, help="No fuzzy fallback: only exact, prefix and substring matches.")
@_category_option(help_text="Only this category")
@_status_option("Only this status")
@click.pass_context
def lookup(ctx: click.Context, query: tuple[str, ...], wide: bool, as_json: bool, limit: int, exact: bool,
           category: str | None, status: str | None) -> None:
    """Find entries by English (variants, prefix, substring, plural), Chinese (simplified or
    traditional) or pinyin (with or without tones and spaces); falls back to close misspellings,
    marked fuzzy with how close they are (out of 100).

    Exit code 0 when something matched, 1 when nothing did, 2 on errors.

    \b
    Examples:
      glossary lookup qwen
      glossary lookup 通义            # or 通義, tongyi qianwen, tongyiqianwen, tōngyì
      glossary lookup "eddie wu" --wide
      glossary lookup alibaba --json | jq '.[0].chinese'
    """
    from .search import index_is_current, lookup as find

    source = _glossary_source(ctx)
    text = " ".join(query)
    warnings: list[str] = []  # shown once the spinner is gone
    indexing = render.status(f"Indexing {source.path.name}…") if not index_is_current(source.path) else nullcontext()
    with indexing:
        matches = find(text, source.path, limit=limit, fuzzy=not exact, category=category, status=status,
                       on_warning=warnings.append)
    for warning in warnings:
        render.message(f"glossary: warning: {warning}", sys.stderr, "yellow")
    if as_json:
        render.print_json([m.to_dict() for m in matches], sys.stdout)
    elif matches:
        render.entries_table([m.entry for m in matches], sys.stdout, wide=wide,
                             extra={"Match": [render.match_label(m.kind, m.score) for m in matches]})
    else:
        render.message(f"no entry matches {text!r}", sys.stderr)
    ctx.exit(EXIT_OK if matches else EXIT_NO_MATCH)


@cli.command(name="list")
@_category_option(help_text="Only this category")
@_status_option("Only this status")
@click.option("--wide", "-w", is_flag=True, help="Also show variants, note and context.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of entries.")
@click.option("--limit", "-n", type=click.IntRange(min=0), default=0, help="Show at most N entries (0: all).")
@click.pass_context
def list_entries(ctx: click.Context, category: str | None, status: str | None, wide: bool, as_json: bool,
                 limit: int) -> None:
    """List entries, sorted by English term, optionally filtered by category and status.

    \b
    Examples:
      glossary list --category person
      glossary list -c "business unit" -s approved --wide
      glossary list --status proposed --json
    """
    entries = _load(ctx).select(category, status)
    if limit:
        entries = entries[:limit]
    if as_json:
        render.print_json([e.to_row() for e in entries], sys.stdout)
    else:
        render.entries_table(entries, sys.stdout, wide=wide)
        render.message(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}", sys.stderr)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--top", "-n", type=click.IntRange(min=0), default=50, show_default=True,
              help="Keep the N best rows (0: all).")
@click.option("--min-freq", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only terms seen at least N times.")
@_category_option(help_text="Only this category")
@click.option("--new-only", is_flag=True, help="Only candidates the glossary does not know yet.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of rows on stdout.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the table to a .csv, .xlsx or .json file.")
@click.option("--save", is_flag=True, help="Add the new candidates to the (writable) glossary as 'proposed'.")
@click.option("--encoding", help="Read every input in this encoding (default: detected).")
@click.option("--wide", "-w", is_flag=True, help="Also show context sentence and source (and translations).")
@click.option("--lang", type=click.Choice(["auto", "en", "zh"]), default="auto", show_default=True,
              help="Read documents as English or Chinese (auto: each by its script).")
@click.option("--parallel", "parallel", metavar="TARGET", type=click.Path(dir_okay=False),
              help="A translation of the one PATH (any format mine reads): the Chinese comes from it.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Only rows scored at least this (0-1).")
@click.option("--explain", "explain_term", metavar="TERM",
              help="Say why TERM was kept (or not) and how it scored, instead of the table.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: every core for 4 MB of input or more, else 1; 1: one process).")
@click.option("--scheduler", metavar="ADDRESS",
              help='Mine on the Dask cluster of this scheduler, e.g. --scheduler tcp://HOST:8786 (needs pip '
                   'install "glossary[dask]" here and glossary on the workers).')
@click.pass_context
def mine(ctx: click.Context, paths: tuple[str, ...], top: int, min_freq: int, category: str | None, new_only: bool,
         as_json: bool, output: Path | None, save: bool, encoding: str | None, wide: bool, lang: str,
         parallel: str | None, min_score: float, explain_term: str | None, jobs: int | None,
         scheduler: str | None) -> None:
    """Find the names and jargon in documents a translator must render consistently: known glossary
    terms with their Chinese, and new candidates with proposed Chinese (dictionary, pinyin, or the
    translations themselves).

    PATHS are files (.txt, .md, .html, .xml/.rss/.atom feeds, .rtf, .docx, .odt, .pdf, any common
    encoding; a file named by its language, news.en or news.zh_Hans, is plain text), folders (searched recursively), glob patterns, or - for
    standard input. A bilingual file (TMX, XLIFF 1.2/2.0, two-column CSV/TSV/xlsx) or a document with
    its translation (--parallel) is mined from its pairs: each row's Chinese is the rendering the
    translations use most (From: aligned), --wide adds every rendering seen and a confidence, and known
    terms the translations render otherwise are listed.

    \b
    Examples:
      glossary mine samples/alibaba_ceo_letter.md
      glossary mine articles/ --new-only --top 30 -o candidates.xlsx
      glossary mine "news/*.html" --json | jq '.[] | select(.known == false) | .english'
      glossary mine samples/zh/ --new-only --top 30
      cat article.txt | glossary mine - --save
      glossary mine samples/parallel/launch.en --parallel samples/parallel/launch.zh --wide
      glossary mine samples/parallel/launch.tmx --new-only
      glossary mine samples/tencent_wire.txt --explain "Hunyuan Compass"
      glossary mine articles/ --jobs 2             # two worker processes: the table of --jobs 1
    """
    import logging

    from .mining import mine as mine_documents
    from .documents import input_bytes
    from .mining.output import frame_records, write_table

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if output is not None and output.suffix.lower() not in (".csv", ".xlsx", ".json"):
        raise click.BadParameter(f"{output}: use a .csv, .xlsx or .json file name", param_hint="--output")
    if jobs is not None and scheduler is not None:
        raise click.UsageError("--jobs and --scheduler do not go together (the cluster's workers do the work)")
    if scheduler is not None:
        logging.getLogger("distributed").setLevel(logging.CRITICAL)  # its failures are reported in one line here
    source = _glossary_source(ctx)
    if save:
        source.require_writable()
    if explain_term is not None:
        from .mining.explain import explain

        render.lines(explain(list(paths), explain_term, source.path, encoding=encoding), sys.stdout)
        return

    pair_sets = _translation_pairs(paths, parallel, encoding)
    warnings: list[str] = []  # shown once the progress bar is gone
    if pair_sets is not None:
        from .mining.bilingual import mine_pairs

        if jobs is not None or scheduler is not None:
            raise click.UsageError("translations (--parallel, TMX, XLIFF, two-column tables) are mined in one "
                                   "process: leave out --jobs and --scheduler")
        with render.status("Aligning the translations"):
            frame = mine_pairs(pair_sets, glossary=source.path, top=top or None, min_freq=min_freq,
                               category=category, new_only=new_only, warn=warnings.append, min_score=min_score,
                               note=lambda text: render.message(f"glossary: note: {text}", sys.stderr))
    else:
        _refuse_when_nothing_is_readable(paths)  # at once, not after a first run's preparing
        _prepare_lexicons()
        skips = _SkipReport()
        total = input_bytes(paths)
        with render.progress_bar(total if total and total >= _BAR_ABOVE_BYTES else None, "Mining", in_bytes=True) \
                as advance:
            frame = mine_documents(list(paths), glossary=source.path, top=top or None, min_freq=min_freq,
                                   category=category, new_only=new_only, encoding=encoding,
                                   progress=lambda name: skips.read_one(), on_skip=skips, lang=lang,
                                   on_warning=warnings.append, min_score=min_score, jobs=jobs,
                                   scheduler=scheduler, advance=advance, records=True)
        skips.finish()
    for warning in warnings:
        render.message(f"glossary: warning: {warning}", sys.stderr, "yellow")
    rows = frame_records(frame)
    if output is not None:
        write_table(frame, output)
        render.message(f"wrote {len(rows)} rows to {output}", sys.stderr)
    if as_json:
        render.print_json(rows, sys.stdout)
    elif rows:
        render.mined_tables(rows, sys.stdout, wide=wide)
    if not rows:
        render.message(f"no terms found in {frame.attrs.get('documents', 0)} document(s)", sys.stderr)
    if save:
        from .mining.proposals import save_candidates

        added = save_candidates(source.path, rows)
        for entry in added:
            render.message(_entry_line("added", entry), sys.stderr, "green")
        render.message(f"added {len(added)} proposed entr{'y' if len(added) == 1 else 'ies'} to {source.path}",
                       sys.stderr)


def _translation_pairs(paths: tuple[str, ...], parallel: str | None, encoding: str | None):
    """The translation pairs `mine` reads (a document and --parallel, or bilingual files), else None."""
    from .mining.bilingual import file_pairs, is_bilingual_file, parallel_hint, parallel_pairs

    if parallel is not None:
        if len(paths) != 1:
            raise click.UsageError("--parallel pairs one PATH with its translation: give exactly one PATH")
        return [parallel_pairs(paths[0], parallel, encoding)]
    hint = parallel_hint(paths)
    if hint:
        raise GlossaryError(hint)
    bilingual = [path for path in paths if is_bilingual_file(path)]
    if not bilingual:
        return None
    if len(bilingual) != len(paths):
        raise click.UsageError(f"{bilingual[0]} is a bilingual file: mine bilingual files (TMX, XLIFF, CSV/TSV/"
                               "xlsx) apart from documents")
    return [file_pairs(path) for path in bilingual]


_BAR_ABOVE_BYTES = 256_000  # less input is mined in well under a second: no bar


def _prepare_lexicons() -> None:
    """On a first run, prepare the word lists the miner reads (English frequencies and parts of speech, CC-CEDICT
    headwords and suggestions) and the tagger's model under a spinner, on two cores where there are two; later runs
    find them ready in the cache folder."""
    from . import dictionary, english  # noqa: F401  (their lexicons)
    from .lexicons import prepare, unprepared
    from .mining.parallel import cores
    from .tagging import tagger

    missing = unprepared()
    if missing:
        with render.status("Preparing word lists and dictionary suggestions (first run only)…"):
            prepare(missing, cores(), also=tagger)


class _SkipReport:
    """Warnings for skipped inputs, held back until one input was read: when none could be, the command
    fails with one line instead (exit 2), not a list of warnings and an empty result."""

    def __init__(self) -> None:
        self.held: list[str] = []
        self.any_read = False

    def __call__(self, message: str) -> None:
        if self.any_read:
            render.message(f"glossary: warning: skipped {message}", sys.stderr, "yellow")
        else:
            self.held.append(message)

    def read_one(self) -> None:
        """An input was read: show what was held back, and the rest as it comes."""
        if not self.any_read:
            self.any_read = True
            for message in self.held:
                render.message(f"glossary: warning: skipped {message}", sys.stderr, "yellow")

    def finish(self) -> None:
        """Fail when every input was skipped."""
        if self.held and not self.any_read:
            raise _nothing_read(self.held)


def _nothing_read(reasons: list[str]) -> GlossaryError:
    """The one-line error of a run none of whose inputs could be read."""
    more = f" (and {len(reasons) - 1} more unreadable input{'s' if len(reasons) > 2 else ''})" if len(reasons) > 1 else ""
    return GlossaryError(f"nothing could be read: {reasons[0]}{more}")


def _refuse_when_nothing_is_readable(paths: tuple[str, ...]) -> None:
    """Fail at once when every input names something that is not a regular file (a device, a pipe): the
    same error the run would end with, without first preparing word lists for nothing."""
    from .errors import NotAFileError
    from .files.reading import regular_file

    reasons = []
    for path in paths:
        if path == "-" or not os.path.lexists(path) or os.path.isdir(path):
            return  # standard input, a glob, a folder or a missing path: the run says what it finds
        try:
            regular_file(path)
        except NotAFileError as error:
            reasons.append(str(error))
        else:
            return
    if reasons:
        raise _nothing_read(reasons)


# --- changing the glossary --------------------------------------------------------------------


def _field_options(func):
    """The options that set an entry's fields (shared by add and edit)."""
    options = [
        click.option("--traditional", "-t", help="Traditional Chinese (zh-Hant) form."),
        click.option("--pinyin", "-p", help="Hanyu Pinyin with tone marks (derived from Chinese when omitted)."),
        click.option("--note", help="Note for translators."),
        click.option("--context", "context_text", help="An example sentence."),
        click.option("--source", help="Where the term or its Chinese form comes from."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _entry_line(verb: str, entry: TermEntry) -> str:
    """One line describing an entry that was added, changed or removed."""
    chinese = f" → {entry.chinese}" if entry.chinese else ""
    return f"{verb} {entry.id}: {entry.english}{chinese} [{entry.category}, {entry.status}]"


def _report_entry(verb: str, entry: TermEntry, as_json: bool) -> None:
    """Tell the user what changed: the entry as JSON on stdout, or one line."""
    if as_json:
        render.print_json(entry.to_row(), sys.stdout)
        return
    render.message(_entry_line(verb, entry), sys.stdout, "green")


@cli.command()
@click.argument("english")
@click.argument("chinese", required=False, default="")
@_category_option(help_text="Category (default: other)")
@_status_option("Status", default="proposed")
@click.option("--variant", "-v", "variants", multiple=True, help="Another English form (repeatable).")
@click.option("--chinese-variant", "-V", "chinese_variants", multiple=True,
              help="Another accepted simplified Chinese form, such as a short form (repeatable).")
@click.option("--no-english", is_flag=True,
              help="A proposed entry with Chinese only: the one argument is the Chinese form.")
@_field_options
@click.option("--json", "as_json", is_flag=True, help="Print the new entry as JSON.")
@click.pass_context
def add(ctx: click.Context, english: str, chinese: str, category: str | None, status: str,
        variants: tuple[str, ...], chinese_variants: tuple[str, ...], no_english: bool, traditional: str | None, pinyin: str | None,
        note: str | None, context_text: str | None, source: str | None, as_json: bool) -> None:
    """Add an entry to a writable glossary (the new entry is 'proposed' unless --status says otherwise).
    Pinyin is derived and the traditional form converted when not given; an English form another entry
    already has is refused, a Chinese form another entry has gives a warning.

    \b
    Examples:
      glossary add "Tencent Yuanqi" 腾讯元器 -c product -v Yuanqi -V 元器 --note "Tencent's AI agent platform"
      glossary --glossary team.csv add "AI glasses" AI眼镜 -c product -s approved
      glossary add --no-english 数字员工 -c jargon --note "English not agreed yet"
    """
    from .store import editing

    path = _glossary_source(ctx).require_writable()
    english, chinese = _add_sides(english, chinese, no_english, status)
    entry = TermEntry(
        id="", english=english, chinese=chinese, traditional=traditional or "", pinyin=pinyin or "",
        category=category or "other", status=status, variants=join_variants(variants),
        chinese_variants=join_variants(chinese_variants), note=note or "",
        context=context_text or "", source=source or "",
    )
    with editing(path) as glossary:
        others = glossary.owners_of_chinese(chinese) if chinese.strip() else []
        added = glossary.add(entry)
    for other in others:
        render.message(f"glossary: warning: {chinese} is also the Chinese of {other.id} ({other.english or '-'})",
                       sys.stderr, "yellow")
    _report_entry("added", added, as_json)


def _add_sides(english: str, chinese: str, no_english: bool, status: str) -> tuple[str, str]:
    """The English and Chinese of `add`: an empty English only when asked for with --no-english."""
    if no_english:
        if english.strip() and chinese.strip():
            raise click.UsageError("--no-english takes one argument, the Chinese form")
        if status != "proposed":
            raise click.UsageError("an entry without English must be 'proposed'")
        return "", (chinese or english).strip()
    if not english.strip():
        raise click.UsageError("empty ENGLISH: give the English term, or --no-english for a proposed entry "
                               "with Chinese only")
    return english, chinese


@cli.command()
@click.argument("selector")
@click.option("--english", "-e", help="New canonical English term.")
@click.option("--chinese", "-z", help="New simplified Chinese form (pinyin follows unless --pinyin is given).")
@_category_option(help_text="New category")
@_status_option("New status")
@click.option("--variants", help="Replace all variants ('|'-separated; '' clears them).")
@click.option("--chinese-variants", help="Replace the other accepted Chinese forms ('|'-separated; '' clears them).")
@click.option("--add-variant", multiple=True, help="Add an English variant (repeatable).")
@click.option("--remove-variant", multiple=True, help="Remove an English variant (repeatable).")
@_field_options
@click.option("--json", "as_json", is_flag=True, help="Print the changed entry as JSON.")
@click.pass_context
def edit(ctx: click.Context, selector: str, english: str | None, chinese: str | None, category: str | None,
         status: str | None, variants: str | None, chinese_variants: str | None, add_variant: tuple[str, ...],
         remove_variant: tuple[str, ...],
         traditional: str | None, pinyin: str | None, note: str | None, context_text: str | None,
         source: str | None, as_json: bool) -> None:
    """Change an entry, named by its id or its exact English term or variant.

    \b
    Examples:
      glossary edit "Alibaba E-commerce Business Group" --status approved
      glossary edit T2N4GT28H8P --add-variant "Hunyuan model" --source "company website"
      glossary edit "Eddie Wu" --note "Alibaba Group CEO since 2023"
    """
    from .store import editing

    path = _glossary_source(ctx).require_writable()
    given = {ENGLISH: english, CHINESE: chinese, CATEGORY: category, STATUS: status, TRADITIONAL: traditional,
             PINYIN: pinyin, NOTE: note, CONTEXT: context_text, SOURCE: source, VARIANTS: variants,
             CHINESE_VARIANTS: chinese_variants}
    changes = {name: value for name, value in given.items() if value is not None}
    if not changes and not add_variant and not remove_variant:
        raise click.UsageError("nothing to change: give at least one option such as --chinese or --status")
    with editing(path) as glossary:
        entry = glossary.find(selector)
        changed = glossary.update(entry.id, add_variants=add_variant, remove_variants=remove_variant, **changes)
    _report_entry("changed" if changed != entry else "unchanged", changed, as_json)


@cli.command()
@click.argument("selectors", nargs=-1, required=True)
@click.option("--yes", "-y", is_flag=True, help="Also remove entries named only by one of their variants.")
@click.option("--json", "as_json", is_flag=True, help="Print the removed entries as JSON.")
@click.pass_context
def remove(ctx: click.Context, selectors: tuple[str, ...], yes: bool, as_json: bool) -> None:
    """Remove entries, named by id or exact English term. Ids are never reused. A name that is only a
    variant of an entry removes that whole entry only with --yes or after you confirm (to drop just the
    variant: glossary edit ENTRY --remove-variant NAME).

    To retire a term but keep it visible to translators, prefer `glossary edit TERM --status deprecated`.

    \b
    Examples:
      glossary remove "Tmall Global"
      glossary remove T2N4GT270GG T2N4GT2833H
      glossary remove Aliyun --yes        # the variant names the Alibaba Cloud entry
    """
    from .store import editing

    path = _glossary_source(ctx).require_writable()
    with editing(path) as glossary:
        entries = [glossary.find(selector) for selector in selectors]
        for selector, entry in zip(selectors, entries):
            if selector != entry.id and not _names_entry(selector, entry) and not yes:
                _confirm_variant_removal(selector, entry)
        removed = [glossary.remove(entry.id) for entry in {e.id: e for e in entries}.values()]
    if as_json:
        render.print_json([e.to_row() for e in removed], sys.stdout)
    else:
        for entry in removed:
            render.message(_entry_line("removed", entry), sys.stdout, "yellow")


def _names_entry(selector: str, entry: TermEntry) -> bool:
    """Whether a name is the entry's own English term (not one of its variants)."""
    from .schema import english_identity

    return english_identity(selector) == english_identity(entry.english)


def _confirm_variant_removal(selector: str, entry: TermEntry) -> None:
    """Ask before a variant's name removes a whole entry; without a terminal, refuse with what to do."""
    what = f"{selector!r} is a variant of {entry.id} ({entry.english!r})"
    if sys.stdin.isatty() and sys.stderr.isatty():
        if click.confirm(f"{what}: remove the whole entry?", default=False, err=True):
            return
        raise GlossaryError("nothing removed")
    raise GlossaryError(f"{what}; to remove the whole entry add --yes or name it by its id or English term; "
                        f"to drop only the variant: glossary edit {entry.id} --remove-variant {selector!r}")


# --- hand-over: export and import -------------------------------------------------------------

from .formats import FORMAT_MODULES  # noqa: E402  (names only: no format module is imported)

FORMAT_NAMES = tuple(FORMAT_MODULES)


@cli.command(name="export")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "-f", "format_name", type=click.Choice(FORMAT_NAMES),
              help="Format (default: from the file name; deepl needs --format).")
@click.option("--status", "-s", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Only entries with this status (repeatable).")
@click.option("--category", "-c", "categories", multiple=True, metavar="CATEGORY",
              help="Only entries of this category (repeatable).")
@click.option("--columns", help="Comma-separated columns to export (id is always included).")
@click.option("--bom", is_flag=True, help="Start CSV/TSV with a byte-order mark (for Excel).")
@click.option("--tbx-version", type=click.Choice(["2", "3"]), default="3", show_default=True,
              help="TBX 3 (TBX-Basic, ISO 30042:2019) or TBX 2 (martif, for Translate Toolkit, Weblate, OmegaT).")
@click.pass_context
def export(ctx: click.Context, output: Path, format_name: str | None, statuses: tuple[str, ...],
           categories: tuple[str, ...], columns: str | None, bom: bool, tbx_version: str) -> None:
    """Export the glossary for translators (Excel) or CAT and MT tools (TBX, CSV/TSV, JSON, DeepL).

    \b
    Examples:
      glossary export terms.xlsx                      # a workbook for translators
      glossary export terms.tbx --tbx-version 2       # for Translate Toolkit, Weblate, OmegaT
      glossary export people.csv -c person --bom      # CSV that Excel opens as UTF-8
      glossary export deepl.tsv --format deepl -s approved
    """
    from .handover import export_glossary

    wanted_categories = [normalise_category(c) for c in categories]
    bad = [c for c in wanted_categories if c not in CATEGORIES]
    if bad:
        raise click.BadParameter(f"{bad[0]!r} is not one of: {', '.join(CATEGORIES)}", param_hint="--category")
    picked = [c.strip() for c in columns.split(",") if c.strip()] if columns else list(COLUMNS)
    result = export_glossary(_load(ctx), output, format=format_name, statuses=statuses,
                             categories=wanted_categories, columns=picked, bom=bom, tbx_version=int(tbx_version))
    for warning in result.warnings:
        render.message(f"glossary: warning: {warning}", sys.stderr, "yellow")
    render.message(f"exported {result.entries} entries to {result.path} ({result.format})", sys.stderr, "green")


@cli.command(name="import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "-f", "format_name", type=click.Choice([f for f in FORMAT_NAMES if f != "deepl"]),
              help="Format (default: from the file name).")
@click.option("--yes", "-y", is_flag=True, help="Apply without asking.")
@click.option("--dry-run", is_flag=True, help="Show the changes and write nothing (exit 1 when there are some).")
@click.option("--prefer", type=click.Choice(["glossary", "file"]),
              help="Resolve conflicts by keeping the glossary's version or taking the file's.")
@click.option("--merge-duplicates", type=click.Choice(["fill"]),
              help="For rows without an id whose term the glossary has: fill that entry's empty fields "
                   "(never renames, never changes status, never blanks). Default: change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@click.pass_context
def import_(ctx: click.Context, source: Path, format_name: str | None, yes: bool, dry_run: bool,
            prefer: str | None, merge_duplicates: str | None, as_json: bool) -> None:
    """Import a translator's file (xlsx, csv/tsv, json, TBX 2 or 3) or a reviewed mined table back into
    the glossary. Rows are matched by id; rows without an id are new entries, unless their term is
    already in the glossary (a duplicate: shown, changes nothing by default). With an export's
    fingerprints (xlsx, TBX) each field is merged three ways: changed only in the file → applied (a
    cleared cell deletes), changed only in the glossary → kept, changed on both → a conflict, never
    applied silently. Pinyin and traditional follow a new Chinese form. Columns the tool does not know
    are named, not dropped silently. A mined table (glossary mine -o) adds its rows as proposed entries
    and fills only an empty context of entries it matches. The plan is shown first and applied only
    with --yes or after you confirm.

    Exit code 0 when applied or nothing to change, 1 when changes were shown but not applied (--dry-run,
    no --yes) or conflicts are left, 2 on errors.

    \b
    Examples:
      glossary import terms.xlsx --dry-run
      glossary import terms.xlsx --yes
      glossary import terms.xlsx --merge-duplicates fill --yes
      glossary import vendor.tbx --prefer file --yes
    """
    from .handover import apply_import, plan_import
    from .store import editing

    path = _glossary_source(ctx).require_writable()
    with editing(path) as glossary:
        plan = plan_import(glossary, source, format=format_name, prefer=prefer, merge_duplicates=merge_duplicates)
        if as_json:
            render.print_json(plan.to_dict(), sys.stdout)
        else:
            render.import_diff(plan.to_dict(), sys.stdout)
        if not plan.has_changes:
            ctx.exit(EXIT_NO_MATCH if plan.conflicts else EXIT_OK)
        if dry_run:
            render.message("dry run: nothing written", sys.stderr)
            ctx.exit(EXIT_NO_MATCH)
        if not yes:
            if not (sys.stdin.isatty() and sys.stdout.isatty()):
                render.message("nothing written: add --yes to apply these changes", sys.stderr, "yellow")
                ctx.exit(EXIT_NO_MATCH)
            if not click.confirm(f"Apply these changes to {path}?", default=False):
                render.message("nothing written", sys.stderr)
                ctx.exit(EXIT_NO_MATCH)
        apply_import(glossary, plan)
    render.message(f"applied to {path}" + (f"; {len(plan.conflicts)} conflict(s) left as they were"
                                          if plan.conflicts else ""), sys.stderr, "green")
    ctx.exit(EXIT_NO_MATCH if plan.conflicts else EXIT_OK)


# --- term QA and concordance -----------------------------------------------------------------


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--source-col", help="Header of the source column (CSV/TSV/xlsx); it must be in the file.")
@click.option("--target-col", help="Header of the target column (CSV/TSV/xlsx); it must be in the file.")
@click.option("--reverse", is_flag=True, help="Chinese source, English target.")
@click.option("--json", "as_json", is_flag=True, help="Print {segments, errors, warnings, findings: [...]}.")
@click.pass_context
def check(ctx: click.Context, files: tuple[Path, ...], source_col: str | None, target_col: str | None,
          reverse: bool, as_json: bool) -> None:
    """Check translations against the glossary: every glossary term in a source segment must be rendered
    as the glossary says in the target. Errors: an approved term not rendered, or a deprecated or
    forbidden rendering used; warnings: a proposed term not rendered, or a rendering only in the other
    script (simplified/traditional). Each finding says what is wrong ("expected 任正非, target has 任正飞",
    "美团点评 is deprecated: use 美团") and where: the segment's number and its line, row or XML unit.

    FILES: a bilingual file (two-column CSV/TSV/xlsx, XLIFF 1.2 or 2.0, TMX), or two plain-text files
    aligned by line (source first). Exit code 1 when there are errors (to gate a CI job), 0 otherwise,
    2 on bad input.

    \b
    Examples:
      glossary check translations.xliff
      glossary check article.en.txt article.zh.txt
      glossary check memory.tmx --json | jq '.findings[] | select(.severity == "error")'
      glossary check zh-en.csv --reverse --source-col zh --target-col en
    """
    from .cache import without_collection
    from .segments import read_segments
    from .check import check_against

    if len(files) > 2:
        raise click.UsageError("give one bilingual file, or two aligned text files (source, target)")
    segments = read_segments(list(files), source_column=source_col, target_column=target_col,
                             source_language="zh" if reverse else "en", target_language="en" if reverse else "zh")
    with without_collection():  # a big glossary makes each collection long; the few cycles made go after
        findings = [f.to_dict() for f in check_against(segments, _glossary_source(ctx).path, reverse=reverse)]
    errors = sum(1 for f in findings if f["severity"] == "error")
    warnings = len(findings) - errors
    if as_json:
        render.print_json({"segments": len(segments), "errors": errors, "warnings": warnings, "findings": findings},
                          sys.stdout)
    elif findings:
        render.findings_table(findings, sys.stdout)
    render.message(f"{len(segments)} segment{'s' if len(segments) != 1 else ''} checked: {errors} error{'s' if errors != 1 else ''}, "
                   f"{warnings} warning{'s' if warnings != 1 else ''}", sys.stderr,
                   "bold red" if errors else "green")
    ctx.exit(EXIT_NO_MATCH if errors else EXIT_OK)


@cli.command()
@click.argument("term", required=False)
@click.argument("paths", nargs=-1)
@click.option("--all", "all_terms", is_flag=True, help="Every glossary entry instead of one TERM.")
@click.option("--width", type=click.IntRange(min=10, max=200), default=40, show_default=True,
              help="Characters of context on each side.")
@click.option("--encoding", help="Read every input in this encoding (default: detected).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of occurrences.")
@click.pass_context
def context(ctx: click.Context, term: str | None, paths: tuple[str, ...], all_terms: bool, width: int,
            encoding: str | None, as_json: bool) -> None:
    """Show every occurrence of a term in documents, one line each, the term in the middle with the words
    on both sides aligned (a concordance). A glossary term is found in all its forms (variants, plural,
    Chinese); any other text is searched as given.

    \b
    Examples:
      glossary context "Eddie Wu" samples/
      glossary context 通义千问 articles/*.txt
      glossary context --all samples/alibaba_ceo_letter.md --json
    """
    from .check import concordance
    from .documents import iter_documents

    if all_terms:
        paths = ((term,) if term else ()) + paths
        entries = _load(ctx).entries()
    else:
        if not term:
            raise click.UsageError("give a TERM, or --all for every glossary entry")
        glossary = _load(ctx)
        owner = glossary.find_term(term)
        entries = [owner] if owner else [TermEntry(id="", english=term, chinese="", status="proposed")]
    if not paths:
        raise click.UsageError("give at least one document PATH (or - for standard input)")

    def skipped(message: str) -> None:
        render.message(f"glossary: warning: skipped {message}", sys.stderr, "yellow")

    lines = [c.to_dict() for c in concordance(iter_documents(paths, encoding=encoding, on_skip=skipped), entries,
                                              width=width)]
    if as_json:
        render.print_json(lines, sys.stdout)
    else:
        render.concordance_lines(lines, sys.stdout, width)
        render.message(f"{len(lines)} occurrence{'s' if len(lines) != 1 else ''}", sys.stderr)
    ctx.exit(EXIT_OK if lines else EXIT_NO_MATCH)


# --- checking and describing ------------------------------------------------------------------


@cli.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print {file, entries, problems: [{row, message}]}.")
@click.pass_context
def validate(ctx: click.Context, path: Path | None, as_json: bool) -> None:
    """Check a glossary file against the schema and report every problem with its row.

    Exit code 0 when valid, 1 when problems were found, 2 when the file cannot be read at all.
    The file is never changed.

    \b
    Examples:
      glossary validate
      glossary validate my-terms.csv --json
    """
    from .store import read_entries

    target = path or _glossary_source(ctx).path
    try:
        entries = read_entries(target)
    except ValidationError as exc:
        if as_json:
            render.print_json({"file": str(target), "valid": False,
                               "problems": [{"row": r, "message": m} for r, m in exc.problems]}, sys.stdout)
        else:
            for line in exc.lines():
                render.message(line, sys.stdout)
            render.message(f"{len(exc.problems)} problem(s) in {target}", sys.stderr, "bold red")
        ctx.exit(EXIT_NO_MATCH)
    if as_json:
        render.print_json({"file": str(target), "valid": True, "entries": len(entries), "problems": []}, sys.stdout)
    else:
        render.message(f"{target}: {len(entries)} entries, valid", sys.stdout, "green")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Show how many entries the glossary holds, by category and status, and how complete they are: per
    category, how many have context, variants, Chinese variants, traditional forms and sources.

    \b
    Examples:
      glossary stats
      glossary --glossary team.csv stats --json
    """
    from .store import summarise

    glossary = _load(ctx)
    summary = summarise(glossary)
    summary["file"] = str(glossary.path)
    if as_json:
        render.print_json(summary, sys.stdout)
        return
    total = summary["entries"]
    render.key_value_table(f"{glossary.path}", [
        ("entries", str(total)),
        ("with Chinese", str(summary["with_chinese"])),
        ("with traditional", str(summary["with_traditional"])),
        ("with pinyin (stored)", str(summary["with_pinyin"])),
        ("with variants", f"{summary['with_variants']} ({summary['variants']} variants)"),
        ("with Chinese variants", str(summary["with_chinese_variants"])),
        ("with context", str(summary["with_context"])),
        ("with source", str(summary["with_source"])),
        ("last updated", str(summary["last_updated"] or "-")),
    ], sys.stdout)
    render.key_value_table("by status", [(k, str(v)) for k, v in summary["by_status"].items()], sys.stdout)
    render.completeness_table(summary["by_category"], summary["completeness_by_category"], sys.stdout)


@cli.command()
@click.argument("path", required=False, default="terms.csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--empty", is_flag=True, help="Start an empty glossary (header only) instead of a copy.")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@click.pass_context
def init(ctx: click.Context, path: Path, empty: bool, force: bool) -> None:
    """Create a writable glossary file: a copy of the shipped glossary, or an empty one.

    \b
    Examples:
      glossary init                  # ./terms.csv, a copy of the shipped glossary
      glossary init team.csv --empty
    """
    from .store import create, embedded_path, read_entries

    entries = [] if empty else read_entries(embedded_path())
    create(path, entries, overwrite=force)
    what = "an empty glossary" if empty else f"{len(entries)} entries from the shipped glossary"
    render.message(f"created {path} with {what}", sys.stdout, "green")


# --- entry point ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code (the `glossary` command exits with it)."""
    return cli.main(args=sys.argv[1:] if argv is None else argv, prog_name="glossary", standalone_mode=False)
