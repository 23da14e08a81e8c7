"""The `leaklint` command: `leaklint [check] PATH...`, `leaklint rules`, `leaklint rule CODE`.

Exit status: 0 no findings, 1 findings, 2 usage, configuration or internal error (click
itself would exit 1 on its own errors and crash with a traceback on ours; `main` maps
both to 2). The engine is imported only when a check has files to analyse (see
leaklint.pipeline), so `--help`, `rules` and a run answered from the cache start fast.
"""
from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

import click

from leaklint import __version__
from leaklint.formatters import FORMATTERS, render
from leaklint.formatters.common import printable

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class DefaultCommandGroup(click.Group):
    """A group whose first argument, when it names no command, starts `check`'s arguments."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="leaklint")
def cli() -> None:
    """Find evaluation-protocol leakage in machine-learning scripts and notebooks.

    `leaklint PATH...` is short for `leaklint check PATH...`.
    """


def _codes_option(name: str, help_text: str):
    return click.option(name, multiple=True, metavar="CODES", help=help_text + " Codes or prefixes, comma-separated.")


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@_codes_option("--select", "Check only these rules (replaces the configured selection).")
@_codes_option("--extend-select", "Check these rules in addition to the selected ones.")
@_codes_option("--ignore", "Do not report these rules.")
@click.option("--per-file-ignores", multiple=True, metavar="GLOB:CODES",
              help="Ignore codes in matching files, e.g. 'tests/*:LL303' (repeat or comma-separate).")
@click.option("--exit-zero", is_flag=True, help="Exit with status 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Show how many findings each rule gave instead of the findings.")
@click.option("--output-format", type=click.Choice(sorted(FORMATTERS)), default="full", show_default=True,
              envvar="LEAKLINT_OUTPUT_FORMAT", show_envvar=True, help="How to print the findings.")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the output to this file instead of standard output.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read settings from this pyproject.toml or leaklint.toml.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--force-exclude", is_flag=True, help="Apply excludes and .gitignore to files named on the command line too.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Check files in N processes (default: the number of cores).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache of unchanged files' findings.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), envvar="LEAKLINT_CACHE_DIR",
              show_envvar=True, help="Where to keep the cache (default: .leaklint_cache in the project root).")
@click.option("--no-prefilter", is_flag=True, hidden=True,
              help="Analyse every file, also those without any call a rule looks at (for tests and benchmarks).")
def check(paths, select, extend_select, ignore, per_file_ignores, exit_zero, statistics, output_format,
          output_file, config_path, isolated, force_exclude, jobs, no_cache, cache_dir, no_prefilter) -> int:
    """Check PATHS (files or folders; default: the current folder)."""
    # Imported here, not at the top: `--help`, `rules` and the runtime commands need none of it.
    from leaklint.cache import CACHE_FOLDER
    from leaklint.config import CommandLineOptions, ConfigError, resolve_settings
    from leaklint.pipeline import check_paths, known_codes
    from leaklint.selection import SelectionError

    if isolated and config_path is not None:
        raise click.UsageError("--config and --isolated exclude each other")
    options = CommandLineOptions(
        select=_joined_codes(select) if select else None,
        extend_select=_joined_codes(extend_select),
        ignore=_joined_codes(ignore),
        per_file_ignores=tuple(per_file_ignores) if per_file_ignores else None,
        config=config_path,
        isolated=isolated,
        force_exclude=force_exclude,
    )
    cwd = Path.cwd()
    try:
        settings = resolve_settings(options, known_codes(), cwd)
        with warnings.catch_warnings():
            # Python's own parser warns about the analysed code (invalid escapes, `is` with
            # a literal); those lines would interleave with ours and mean nothing here.
            warnings.simplefilter("ignore", SyntaxWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            result = check_paths(list(paths) or ["."], settings, cwd, jobs=jobs,
                                 cache_dir=None if no_cache else (cache_dir or settings.project_root / CACHE_FOLDER),
                                 prefilter=not no_prefilter)
    except SelectionError as error:
        raise click.UsageError(str(error)) from None
    except ConfigError as error:
        raise click.ClickException(f"configuration error: {error}") from None

    for warning in result.warnings:
        click.echo(f"warning: {printable(warning)}", err=True)  # file names can hold escapes too
    text = render(list(result.findings), output_format, statistics)
    if output_file is not None:
        try:
            output_file.write_text(text, encoding="utf-8")
        except OSError as error:
            raise click.ClickException(f"cannot write {output_file}: {error.strerror or error}") from None
    else:
        click.echo(text, nl=False)

    if result.internal_error:
        return EXIT_ERROR
    return EXIT_FINDINGS if result.findings and not exit_zero else EXIT_CLEAN


def _joined_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    from leaklint.selection import parse_codes  # only a check needs it (see check)

    return tuple(code for value in values for code in parse_codes(value))


@click.command("rules")
def rules_command() -> int:
    """List every rule: code, name, severity and what it flags."""
    from leaklint.rules import ALL_RULES

    name_width = max(len(rule.name) for rule in ALL_RULES)
    for rule in ALL_RULES:
        click.echo(f"{rule.code}  {rule.name:<{name_width}}  {rule.severity:<7}  {rule.summary}")
    return EXIT_CLEAN


@click.command("rule")
@click.argument("code")
def rule_command(code: str) -> int:
    """Print the documentation of one rule (e.g. `leaklint rule LL101`)."""
    from leaklint.rules import ALL_RULES

    rules = {rule.code: rule for rule in ALL_RULES}
    rule = rules.get(code.strip().upper())
    if rule is None:
        raise click.UsageError(f"unknown rule {code!r}; `leaklint rules` lists them")
    click.echo(f"# {rule.code} {rule.name} ({rule.severity})\n\n{rule.summary}\n\n{rule.doc.rstrip()}")
    return EXIT_CLEAN


cli.add_command(check)
cli.add_command(rules_command)
cli.add_command(rule_command)
# runtime commands
from leaklint.runtime.commands import diff_manifest_command, run_command  # noqa: E402 - registered here

cli.add_command(run_command)
cli.add_command(diff_manifest_command)


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: run the command line and return the exit status."""
    try:
        status = cli.main(args=argv, prog_name="leaklint", standalone_mode=False)
    except click.exceptions.Exit as done:  # --help, --version, ctx.exit(n)
        return done.exit_code
    except click.ClickException as error:  # usage and configuration errors
        error.show()
        return EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (`leaklint . | head`): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except Exception:  # noqa: BLE001 - a bug in leaklint: say so, with the traceback, and exit 2
        import traceback  # here, not at the top: only a crash needs it

        click.echo("leaklint: internal error (please report it with this traceback):", err=True)
        click.echo(traceback.format_exc(), err=True)
        return EXIT_ERROR
    return status if isinstance(status, int) else EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
