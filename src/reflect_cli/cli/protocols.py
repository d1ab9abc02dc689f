"""`reflect protocols`: list, show and validate reflection protocols."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reflect_cli.cli.options import Lang, QuestionsDirs, language, warn
from reflect_cli.i18n.messages import N_, _, ngettext
from reflect_cli.ui import screen


def list_protocols(questions_dir: QuestionsDirs = None, lang: Lang = "") -> None:
    """List the protocols on the search path: --questions-dir, REFLECT_QUESTIONS_PATH,
    ./questions, then the built-ins. The first protocol with an id wins. Each title is
    in the reader's language where the protocol has a translation of it."""
    from reflect_cli.protocols import catalog, translations
    from reflect_cli.ui import terminal

    wanted = language(lang)
    found = catalog.catalog(questions_dir or [])
    warn(found.all_warnings())
    # Only the title is shown: untranslated entries elsewhere are `protocols show`'s to say.
    titles = {p.id: translations.in_language(p, wanted)[0].title for p in found.protocols.values()}
    rows = [
        [p.id, str(p.version), titles[p.id], str(len(p.domains)), str(p.question_count), p.path]
        for p in found.protocols.values()
    ]
    headers = ["id", _("version"), _("title"), _("domains"), _("questions"), _("found in")]
    caption = ngettext("{count} protocol", "{count} protocols", len(rows)).format(count=len(rows))
    terminal.table(headers, rows, caption=caption)


def show_protocol(
    protocol: Annotated[str, typer.Argument(help=N_("Protocol id, or a path to a YAML file."))],
    questions_dir: QuestionsDirs = None,
    lang: Lang = "",
) -> None:
    """Show every domain and question of a protocol, with help, choices and scales.
    With --lang es it is shown in Spanish (the protocol's translation)."""
    from reflect_cli.protocols import catalog, translations
    from reflect_cli.ui import terminal

    wanted = language(lang)
    found, warnings = catalog.find(protocol, questions_dir or [])
    warn(warnings)
    version, untranslated = translations.in_language(found, wanted)
    warn(untranslated)
    terminal.show_protocol(version)


def validate(
    files: Annotated[list[Path], typer.Argument(help=N_("Protocol YAML files to check."))],
) -> None:
    """Check protocol files and their translations; print one line per problem
    (FILE:LINE: what is wrong): missing, out-of-date and unknown translated texts too.
    A translation file (``name.es.yaml``) is checked against the protocol beside it.

    Exits 0 when every file is valid, 2 otherwise."""
    from reflect_cli.errors import ProtocolError
    from reflect_cli.protocols import catalog, translations

    problems: list[str] = []
    for path in files:
        only: Path | None = None
        if translations.is_translation_file(path):
            only, path = path, path.with_name(path.stem.rpartition(".")[0] + path.suffix)
        try:
            loaded = catalog.load_file(path)
        except ProtocolError as exc:
            problems.extend(exc.problems)
            continue
        found, trouble = translations.load_all(loaded)
        problems.extend(trouble)
        checked = [
            t for t in found.values() if only is None or Path(t.path).resolve() == only.resolve()
        ]
        late = [p for t in checked for p in translations.check(loaded, t)]
        problems.extend(late)
        if only is not None and not checked and not trouble:
            problems.append(
                _("{file}:1: not a translation of {protocol}").format(file=only, protocol=path)
            )
        if not trouble and not late:
            count = ngettext("{count} question", "{count} questions", loaded.question_count).format(
                count=loaded.question_count
            )
            languages = ", ".join(t.language for t in checked)
            also = _("; translated: {languages}").format(languages=languages) if languages else ""
            screen.data(f"{only or path}: ok ({loaded.id}, {count}{also})", "\n")
    if problems:
        raise ProtocolError(problems)


def translate(
    protocol: Annotated[str, typer.Argument(help=N_("Protocol id, or a path to a YAML file."))],
    lang: Annotated[
        str, typer.Option("--lang", help=N_("The language to translate into (BCP 47)."))
    ],
    translator: Annotated[str, typer.Option("--translator", help=N_("Who translates."))] = "",
    questions_dir: QuestionsDirs = None,
) -> None:
    """Print a translation file for a protocol to fill in: every text a person reads,
    its source text above it. Keeps what an existing translation of that language says,
    so running it after the protocol changed adds only what is new. Save it beside the
    protocol as NAME.LANG.yaml (reflect protocols translate ID --lang vi > ID.vi.yaml);
    `reflect protocols validate` checks it."""
    from reflect_cli.errors import InputError
    from reflect_cli.i18n import tags
    from reflect_cli.protocols import catalog, translations
    from reflect_cli.protocols.translation_file import skeleton

    try:
        language = tags.parse(lang)
    except ValueError as exc:
        raise InputError(_("--lang: {exc}").format(exc=exc)) from None
    found, warnings = catalog.find(protocol, questions_dir or [])
    warn(warnings)
    have, trouble = translations.load_all(found)
    warn(trouble)
    screen.data(skeleton(found, language, translator, have.get(language)))


def handout(
    protocol: Annotated[str, typer.Argument(help=N_("Protocol id, or a path to a YAML file."))],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=N_(
                "File to write: .html (default), .md, or .pdf (printed by a local Chromium) "
                "[default: stdout]."
            ),
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Overwrite an existing file."))] = False,
    browser: Annotated[
        str | None,
        typer.Option(
            help=N_("PDF: the Chromium or Chrome to print with [default: the first on PATH].")
        ),
    ] = None,
    questions_dir: QuestionsDirs = None,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            help=N_(
                "Language (BCP 47), or two or more with commas (en,es) for a handout with "
                "the languages side by side, question by question [default: REFLECT_LANG, "
                "else the locale, else English]."
            ),
            show_default=False,
        ),
    ] = "",
) -> None:
    """Write a printable handout of a protocol for participants: title, purpose, the
    video to watch first, then each domain with its questions, their help, boxes to tick
    for the choices and room for notes. HTML (self-contained, no script, print CSS) unless
    -o ends in .md, or a PDF when it ends in .pdf (printed by a local headless Chromium,
    as export does). --lang es gives it in Spanish (the protocol's translation); --lang
    en,es both."""
    from reflect_cli.errors import InputError
    from reflect_cli.i18n.messages import speaking
    from reflect_cli.protocols import catalog, translations
    from reflect_cli.records.output import check_output, write_output
    from reflect_cli.render import handout as rendering

    languages = [language(part.strip()) for part in lang.split(",") if part.strip()]
    languages = list(dict.fromkeys(languages)) or [language("")]
    found, warnings = catalog.find(protocol, questions_dir or [])
    warn(warnings)
    suffix = output.suffix.lower() if output else ".html"
    if suffix not in (".html", ".htm", ".md", ".markdown", ".pdf"):
        raise InputError(_("{output}: a handout is .html, .md or .pdf").format(output=output))
    printer = None
    if output is not None and suffix == ".pdf":
        from reflect_cli.render.export import pdf

        check_output(output, force=force)
        printer = pdf.find_browser(browser)  # before any rendering: fail fast
    versions = []
    for wanted in languages:
        version, untranslated = translations.in_language(found, wanted)
        warn(untranslated)
        versions.append(version)
    as_markdown = suffix in (".md", ".markdown")
    if len(versions) > 1:
        both = rendering.markdown_side_by_side if as_markdown else rendering.side_by_side
        text = both(versions)
    else:
        with speaking(languages[0]):
            one = rendering.markdown_text if as_markdown else rendering.html
            text = one(versions[0])
    if output is None:
        screen.data(text)
        return
    if printer is not None:
        from reflect_cli.render.export import pdf

        # Nothing private is on a handout; it is printed from the state folder all the same.
        write_output(output, pdf.print_pdf(text, printer), force=force)
    else:
        write_output(output, text, force=force)
    screen.message(
        ngettext(
            "wrote {output} ({id}, {count} domain)",
            "wrote {output} ({id}, {count} domains)",
            len(found.domains),
        ).format(output=output, id=found.id, count=len(found.domains))
    )
