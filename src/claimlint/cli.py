"""The command line: ``claimlint check|rules|rule|config``. Thin: parsing flags, calling the
runner and a formatter, choosing the exit code (0 clean, 1 findings, 2 usage/config/internal).

Built on argparse (stdlib): click cost ~28 ms of import in a run whose budget is 150 ms."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from claimlint import __version__

FORMAT_CHOICES = ["text", "json", "sarif", "github", "gitlab", "junit"]
DIALECTS = ["auto", "numeric", "pandoc", "footnote", "answer"]
SEVERITIES = ["error", "warning", "info"]
COMMANDS = {  # listed in the group's help, sorted as click listed them
    "check": "Lint documents (files or folders).",
    "config": "Print the resolved settings as TOML-like JSON.",
    "rule": "Show a rule's documentation (by code or name).",
    "rules": "List every rule: code, name, family, default severity, status.",
}
ABOUT = "A linter for clinical answer documents: citations, references, doses and advice."


def _echo(text: str, err: bool = False, nl: bool = True) -> None:
    """Write as click.echo did: ANSI styles stripped off a stream that is not a terminal (a
    document's escape codes quoted in a finding), UTF-8 bytes on a stream configured as ASCII
    (PYTHONIOENCODING=ascii), then a flush."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    text = text + "\n" if nl else text
    if "\x1b" in text and not _isatty(stream):
        import re

        text = re.sub(r"\033\[[;?0-9]*[a-zA-Z]", "", text)
    buffer = getattr(stream, "buffer", None)
    if buffer is not None and _is_ascii(getattr(stream, "encoding", None)):
        stream.flush()
        buffer.write(text.encode("utf-8", "replace"))
    else:
        stream.write(text)
    stream.flush()


def _is_ascii(encoding) -> bool:
    import codecs

    try:
        return codecs.lookup(encoding).name == "ascii"
    except (LookupError, TypeError):
        return False


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except Exception:
        return False


def _csv(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


def _settings(config: str | None, start: Path):
    from claimlint.config import find_config, load_settings

    path = Path(config) if config else find_config(start)
    if config and not Path(config).is_file():
        _fail(f"{config}: config file not found")
    return load_settings(path)


def _fail(message: str) -> None:
    _echo(f"claimlint: error: {message}", err=True)
    sys.exit(2)


def _width() -> int:
    """The help width argparse would use, without importing shutil (with bz2 and lzma, ~5 ms
    that argparse spends on every formatter it builds, help shown or not)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size(1).columns
    except (ValueError, OSError):
        columns = 80
    return max(columns - 2, 20)


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str, **kw) -> None:
        kw.setdefault("width", _width())
        super().__init__(prog, **kw)


class _RawFormatter(argparse.RawDescriptionHelpFormatter, _Formatter):
    pass


def _parser(prog: str, about: str, **kw) -> argparse.ArgumentParser:
    # allow_abbrev=False: click took no abbreviated long options (--form for --format)
    kw.setdefault("formatter_class", _Formatter)
    return argparse.ArgumentParser(prog=prog, description=about, allow_abbrev=False, **kw)


def _top_parser() -> argparse.ArgumentParser:
    listing = "\n".join(f"  {name:6}  {about}" for name, about in COMMANDS.items())
    p = _parser(
        "claimlint",
        ABOUT,
        usage="%(prog)s [-h] [--version] COMMAND [ARGS]...",
        epilog=f"commands:\n{listing}",
        formatter_class=_RawFormatter,
    )
    p.add_argument("--version", action="version", version=f"claimlint, version {__version__}")
    hidden = argparse.SUPPRESS  # the commands are listed in the epilog
    p.add_argument("command", nargs="?", choices=COMMANDS, metavar="COMMAND", help=hidden)
    return p


def _check_parser() -> argparse.ArgumentParser:
    p = _parser("claimlint check", COMMANDS["check"], usage="%(prog)s [options] [PATHS ...]")
    add = p.add_argument
    add("paths", nargs="*", metavar="PATHS", help="Files or folders to lint.")
    add("--format", dest="fmt", choices=FORMAT_CHOICES, default="text",
        help="Output format on stdout (default: text).")  # fmt: skip
    add("--report", dest="reports", action="append", metavar="FORMAT=PATH",
        help="Also write a report file (text, json, sarif, github, gitlab, junit, "
        "html).")  # fmt: skip
    add("--select", action="append", metavar="TEXT",
        help="Rules to enable (codes, prefixes or names).")  # fmt: skip
    add("--extend-select", action="append", metavar="TEXT",
        help="Rules to enable on top of the defaults.")  # fmt: skip
    add("--ignore", action="append", metavar="TEXT",
        help="Rules to disable (codes, prefixes or names).")  # fmt: skip
    add("--bib", action="append", metavar="PATH",
        help="Bibliography file (.bib, CSL .json, alias .md/.tsv); repeatable.")  # fmt: skip
    add("--config", metavar="PATH", help="Config file (default: searched upward).")
    add("--dialect", choices=DIALECTS, help="Force a document dialect.")
    add("--fail-on", choices=SEVERITIES,
        help="Lowest severity that makes the exit code 1 (default: error).")  # fmt: skip
    add("--exit-zero", action="store_true", help="Exit 0 even when there are findings.")
    add("--statistics", action="store_true", help="Count findings per rule.")
    add("--no-cache", action="store_true", help="Do not read or write the result cache.")
    add("-j", "--jobs", type=int, metavar="INTEGER", help="Worker processes (default: CPUs).")
    add("--baseline", metavar="PATH", help="Report only findings not in this baseline.")
    add("--write-baseline", metavar="PATH", help="Record today's findings and exit 0.")
    add("--debug", action="store_true", help="Re-raise rule crashes with a traceback.")
    return p


def _check(parser: argparse.ArgumentParser, a: argparse.Namespace) -> int:
    from claimlint.config import ConfigError
    from claimlint.formatters import FORMATS, render
    from claimlint.runner import UsageError, exit_code, run

    if not a.paths:
        parser.error("give at least one file or folder to check")
    targets = []
    for spec in a.reports or ():
        name, sep, dest = spec.partition("=")
        if not sep or name not in FORMATS or not dest:
            parser.error(f"--report expects FORMAT=PATH with FORMAT in {', '.join(FORMATS)}")
        targets.append((name, dest))
    bib = tuple(a.bib or ())
    for b in bib:
        if not Path(b).is_file():
            _fail(f"{b}: bibliography file not found")
    paths = a.paths
    try:
        settings = _settings(a.config, Path(paths[0]) if Path(paths[0]).is_dir() else Path("."))
        settings = settings.with_overrides(
            select=_csv(a.select) or None,
            extend_select=_csv(a.extend_select) or None,
            ignore=(settings.ignore + _csv(a.ignore)) if a.ignore else None,
            bibliography=bib or None,
            fail_on=a.fail_on,
            dialect=a.dialect,
        )
        report = run(
            list(paths),
            settings,
            debug=a.debug,
            keep_documents=any(n == "html" for n, _ in targets),
            jobs=a.jobs,
            use_cache=settings.cache and not a.no_cache,
            progress=sys.stderr.isatty(),
        )
    except (ConfigError, UsageError) as exc:  # pack, limit and lexicon errors are ConfigErrors
        _fail(str(exc))
    if a.write_baseline:
        from claimlint.baseline import write_baseline as write

        write(a.write_baseline, report)
        _echo(f"Wrote {len(report.findings)} findings to baseline {a.write_baseline}.", err=True)
        return 0
    if a.baseline:
        from claimlint.baseline import filter_report

        try:
            report = filter_report(a.baseline, report)
        except ValueError as exc:
            _fail(str(exc))
    _echo(render(a.fmt, report, statistics=a.statistics), nl=False)
    for name, dest in targets:
        _write_report(dest, render(name, report, statistics=a.statistics))
    code = exit_code(report, settings.fail_on)
    return 0 if a.exit_zero and code == 1 else code


def _write_report(dest: str, content: str) -> None:
    import os

    from claimlint.atomic import write_atomic

    try:
        os.makedirs(os.path.dirname(os.path.abspath(dest)), exist_ok=True)
        write_atomic(dest, content)
    except OSError as exc:
        _fail(f"{dest}: cannot write report: {exc.strerror or exc}")


def _rules() -> int:
    from claimlint.rules import ALL_RULES

    _echo(f"{'code':6}  {'name':32}  {'family':28}  {'severity':8}  status")
    for r in ALL_RULES:
        _echo(f"{r.code:6}  {r.name:32}  {r.family:28}  {r.severity.value:8}  {r.status}")
    return 0


def _rule(code: str) -> int:
    from claimlint.rules import RULES_BY_CODE, RULES_BY_NAME

    rule = RULES_BY_CODE.get(code.upper()) or RULES_BY_NAME.get(code)
    if rule is None:
        _fail(f"no rule '{code}' (see 'claimlint rules')")
    _echo(f"{rule.code} {rule.name} ({rule.severity.value}, {rule.status})\n")
    _echo(rule.doc.strip())
    return 0


def _config(config: str | None) -> int:
    import json

    from claimlint.config import ConfigError

    try:
        settings = _settings(config, Path("."))
    except ConfigError as exc:
        _fail(str(exc))
    _echo(json.dumps(settings.to_dict(), indent=2))
    return 0


def _dispatch(argv: list[str]) -> int:
    # the group's options take no value: the command is the first word not starting with "-";
    # what follows is the command's alone (a parser reading it all would eat a "--")
    at = next((i for i, arg in enumerate(argv) if not arg.startswith("-")), len(argv))
    top, rest = _top_parser(), argv[at + 1 :]
    ns = top.parse_args(argv[: at + 1])
    if ns.command is None:  # as click did: the group's help on stderr, exit 2
        top.print_help(sys.stderr)
        return 2
    prog, about = f"claimlint {ns.command}", COMMANDS[ns.command]
    if ns.command == "check":
        parser = _check_parser()
        # intermixed: paths may come before and after options (`check a.md --format json b.md`);
        # all after a "--" are paths, which argparse's intermixed parsing does not keep to
        args, tail = rest, []
        if "--" in args:
            i = args.index("--")
            args, tail = args[:i], args[i + 1 :]
        a = parser.parse_intermixed_args(args)
        a.paths += tail
        return _check(parser, a)
    if ns.command == "rules":
        _parser(prog, about).parse_args(rest)
        return _rules()
    if ns.command == "rule":
        parser = _parser(prog, about)
        parser.add_argument("code", metavar="CODE", help="A rule code or name (CL101).")
        return _rule(parser.parse_args(rest).code)
    parser = _parser(prog, about)
    parser.add_argument("--config", metavar="PATH", help="Config file (default: searched upward).")
    return _config(parser.parse_args(rest).config)


def main(argv: list[str] | None = None) -> None:
    """Entry point (console script, ``python -m claimlint``); always ends in SystemExit."""
    from claimlint import codecache

    codecache.install()  # before the first dataclass: their methods compile once, not per run
    try:
        code = _dispatch(sys.argv[1:] if argv is None else list(argv))
    except KeyboardInterrupt:  # as click did: "Aborted!" and exit 1
        _echo("\nAborted!", err=True)
        code = 1
    except BrokenPipeError:  # the reader went away (`| head`): exit 1 quietly, as click did
        import contextlib
        import os

        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
