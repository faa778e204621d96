"""The command line: ``claimlint check|rules|rule|config``. Thin: parsing flags, calling the
runner and a formatter, choosing the exit code (0 clean, 1 findings, 2 usage/config/internal)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimlint import __version__

FORMAT_CHOICES = ["text", "json", "sarif", "github", "gitlab", "junit"]


def _csv(values: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


def _settings(config: str | None, start: Path):
    from claimlint.config import find_config, load_settings

    path = Path(config) if config else find_config(start)
    if config and not Path(config).is_file():
        _fail(f"{config}: config file not found")
    return load_settings(path)


def _fail(message: str) -> None:
    click.echo(f"claimlint: error: {message}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimlint")
def main() -> None:
    """A linter for clinical answer documents: citations, references, doses and advice."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    default="text",
    show_default=True,
    help="Output format on stdout.",
)
@click.option(
    "--report",
    "reports",
    multiple=True,
    metavar="FORMAT=PATH",
    help="Also write a report file (text, json, sarif, github, gitlab, junit, html).",
)
@click.option("--select", multiple=True, help="Rules to enable (codes, prefixes or names).")
@click.option("--extend-select", multiple=True, help="Rules to enable on top of the defaults.")
@click.option("--ignore", multiple=True, help="Rules to disable (codes, prefixes or names).")
@click.option(
    "--bib",
    "bib",
    multiple=True,
    type=click.Path(),
    help="Bibliography file (.bib, CSL .json, alias .md/.tsv); repeatable.",
)
@click.option("--config", type=click.Path(), help="Config file (default: searched upward).")
@click.option(
    "--dialect",
    type=click.Choice(["auto", "numeric", "pandoc", "footnote", "answer"]),
    default=None,
    help="Force a document dialect.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the exit code 1 (default: error).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: CPUs).")
@click.option("--baseline", type=click.Path(), help="Report only findings not in this baseline.")
@click.option("--write-baseline", type=click.Path(), help="Record today's findings and exit 0.")
@click.option("--debug", is_flag=True, help="Re-raise rule crashes with a traceback.")
def check(
    paths,
    fmt,
    reports,
    select,
    extend_select,
    ignore,
    bib,
    config,
    dialect,
    fail_on,
    exit_zero,
    statistics,
    no_cache,
    jobs,
    baseline,
    write_baseline,
    debug,
) -> None:
    """Lint documents (files or folders)."""
    from claimlint.config import ConfigError
    from claimlint.formatters import FORMATS, render
    from claimlint.runner import UsageError, exit_code, run

    if not paths:
        raise click.UsageError("give at least one file or folder to check")
    targets = []
    for spec in reports:
        name, sep, dest = spec.partition("=")
        if not sep or name not in FORMATS or not dest:
            raise click.UsageError(
                f"--report expects FORMAT=PATH with FORMAT in {', '.join(FORMATS)}"
            )
        targets.append((name, dest))
    for b in bib:
        if not Path(b).is_file():
            _fail(f"{b}: bibliography file not found")
    try:
        settings = _settings(config, Path(paths[0]) if Path(paths[0]).is_dir() else Path("."))
        settings = settings.with_overrides(
            select=_csv(select) or None,
            extend_select=_csv(extend_select) or None,
            ignore=(settings.ignore + _csv(ignore)) if ignore else None,
            bibliography=tuple(bib) or None,
            fail_on=fail_on,
            dialect=dialect,
        )
        report = run(
            list(paths),
            settings,
            debug=debug,
            keep_documents=any(n == "html" for n, _ in targets),
            jobs=jobs,
            use_cache=settings.cache and not no_cache,
            progress=sys.stderr.isatty(),
        )
    except (ConfigError, UsageError) as exc:  # pack, limit and lexicon errors are ConfigErrors
        _fail(str(exc))
    if write_baseline:
        from claimlint.baseline import write_baseline as write

        write(write_baseline, report)
        click.echo(f"Wrote {len(report.findings)} findings to baseline {write_baseline}.", err=True)
        sys.exit(0)
    if baseline:
        from claimlint.baseline import filter_report

        try:
            report = filter_report(baseline, report)
        except ValueError as exc:
            _fail(str(exc))
    click.echo(render(fmt, report, statistics=statistics), nl=False)
    for name, dest in targets:
        _write_report(dest, render(name, report, statistics=statistics))
    code = exit_code(report, settings.fail_on)
    sys.exit(0 if exit_zero and code == 1 else code)


def _write_report(dest: str, content: str) -> None:
    import os

    from claimlint.atomic import write_atomic

    try:
        os.makedirs(os.path.dirname(os.path.abspath(dest)), exist_ok=True)
        write_atomic(dest, content)
    except OSError as exc:
        _fail(f"{dest}: cannot write report: {exc.strerror or exc}")


@main.command("rules")
def rules_cmd() -> None:
    """List every rule: code, name, family, default severity, status."""
    from claimlint.rules import ALL_RULES

    click.echo(f"{'code':6}  {'name':32}  {'family':28}  {'severity':8}  status")
    for r in ALL_RULES:
        click.echo(f"{r.code:6}  {r.name:32}  {r.family:28}  {r.severity.value:8}  {r.status}")


@main.command("rule")
@click.argument("code")
def rule_cmd(code: str) -> None:
    """Show a rule's documentation (by code or name)."""
    from claimlint.rules import RULES_BY_CODE, RULES_BY_NAME

    rule = RULES_BY_CODE.get(code.upper()) or RULES_BY_NAME.get(code)
    if rule is None:
        _fail(f"no rule '{code}' (see 'claimlint rules')")
    click.echo(f"{rule.code} {rule.name} ({rule.severity.value}, {rule.status})\n")
    click.echo(rule.doc.strip())


@main.command("config")
@click.option("--config", type=click.Path(), help="Config file (default: searched upward).")
def config_cmd(config: str | None) -> None:
    """Print the resolved settings as TOML-like JSON."""
    import json

    from claimlint.config import ConfigError

    try:
        settings = _settings(config, Path("."))
    except ConfigError as exc:
        _fail(str(exc))
    click.echo(json.dumps(settings.to_dict(), indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
