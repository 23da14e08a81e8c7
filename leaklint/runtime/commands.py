"""The ``leaklint run`` and ``leaklint diff-manifest`` commands.

Exit statuses follow the project convention: ``run`` gives 1 when a ``--fail-on`` check
failed and the script's own status otherwise; ``diff-manifest`` gives 0 when the splits
are identical and 1 when any changed; usage and unreadable input give 2 (click's
``ClickException`` would give 1, so errors are raised as usage errors or exit 2 here).
"""
from __future__ import annotations

import sys

import click

from leaklint.runtime.checks import ALL_CHECKS, DEFAULT_FAIL_ON, expand_fail_on


def _parse_fail_on(ctx, param, value: str) -> tuple:
    names = tuple(v for v in (value or "").split(",") if v.strip())
    try:
        expand_fail_on(names)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    return names


@click.command(
    "run",
    context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
    help="Run SCRIPT like `python SCRIPT ARGS...` and audit the splits it makes.\n\n"
         "Records every split made through scikit-learn, torch random_split, HF datasets and "
         "pandas sample/drop, checks each for overlap, group and time leakage, reports fits "
         "that saw test rows and test sets scored by several models.",
)
@click.option("--manifest", "manifest_path", type=click.Path(dir_okay=False, writable=True),
              help="Write the split manifest (JSON) to this file.")
@click.option("--fail-on", "fail_on", default=",".join(DEFAULT_FAIL_ON), show_default=True,
              callback=_parse_fail_on,
              help=f"Comma-separated checks that make the exit status 1 ({', '.join(ALL_CHECKS)}, all, none).")
@click.option("--groups", help="Column holding group ids (patient, user...): test groups must not appear in train.")
@click.option("--time", "time_col", help="Column holding the time: test rows must come after training rows.")
@click.option("--id", "id_col", help="Column holding a row id: test ids must not appear in train.")
@click.option("--near", is_flag=True, help="Also look for near-duplicate rows (rounded numbers, normalised text).")
@click.option("--no-infer", is_flag=True, help="Do not guess group and time columns from names and order.")
@click.option("-v", "--verbose", is_flag=True, help="Show every check, not only failures and warnings.")
@click.argument("script", type=click.Path(exists=True, dir_okay=False))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def run_command(ctx, manifest_path, fail_on, groups, time_col, id_col, near, no_infer, verbose, script, args):
    from leaklint.runtime.recorder import Config  # imports numpy and pandas: only when running
    from leaklint.runtime.runner import run_script

    config = Config(fail_on=fail_on, groups=groups, time=time_col, id=id_col, near=near, infer=not no_infer)
    try:
        outcome = run_script(script, list(args), config=config, manifest_path=manifest_path, verbose=verbose)
    except OSError as exc:
        click.echo(f"leaklint run: {exc}", err=True)
        ctx.exit(2)
    ctx.exit(outcome.exit_status)


@click.command("diff-manifest", help="Say which splits differ between two split manifests "
                                     "(exit 0: identical splits, 1: some changed, 2: unreadable input).")
@click.argument("first", type=click.Path(dir_okay=False))
@click.argument("second", type=click.Path(dir_okay=False))
@click.pass_context
def diff_manifest_command(ctx, first, second):
    from leaklint.runtime.manifest import ManifestError, diff_manifests, load_manifest

    try:
        a, b = load_manifest(first), load_manifest(second)
    except ManifestError as exc:
        click.echo(f"leaklint diff-manifest: {exc}", err=True)
        ctx.exit(2)
    changed, lines = diff_manifests(a, b, names=(first, second))
    click.echo("\n".join(lines))
    ctx.exit(1 if changed else 0)


@click.group("leaklint-runtime")
def runtime_cli():
    """leaklint runtime commands (also available as `leaklint run` / `leaklint diff-manifest`)."""


runtime_cli.add_command(run_command)
runtime_cli.add_command(diff_manifest_command)


def main() -> None:
    try:
        runtime_cli.main(prog_name="python -m leaklint.runtime", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - internal error: exit 2, never a bare traceback
        print(f"leaklint: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(2)
