"""The command line: a thin shell over redact.pipeline with one error boundary.

Exit codes (redact.errors.ExitCode): 0 ok, 1 internal error, 2 usage, 3 documents skipped,
4 verification found a leak, 5 audit chain broken, 6 workspace locked, 7 input not found,
130 interrupted (Ctrl-C). ``main`` is the one error boundary; it returns the code, and the
interpreter exits as usual (its exit handlers run, output is flushed, the workspace closed).
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from redact import (
    __version__,
    accounts,
    detect_files,
    evaluation,
    fairness,
    logs,
    pipeline,
    regression,
    workflow,
)
from redact import end_to_end as e2e
from redact import judge as judgement
from redact.config import ENTITIES, Config, load_config
from redact.errors import AuditChainBroken, ExitCode, InputNotFound, RedactError, UsageError
from redact.history import audit_history
from redact.publication.model import PublicationSettings
from redact.term_search import add_terms
from redact.terms import load_terms, with_terms
from redact.workspace import Workspace

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Detect, review and burn in Dutch personal data in Woo documents.",
)

ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="JSON file overlaid on the packaged defaults.")
]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", min=1, help="Worker processes (default: cores).")
]
ExecutorOpt = Annotated[
    str, typer.Option("--executor", help="serial, processes (default) or dask.")
]
SchedulerOpt = Annotated[
    str | None, typer.Option("--scheduler", help="Dask scheduler address, with --executor dask.")
]
TermsOpt = Annotated[
    Path | None, typer.Option("--terms", help="JSON term list: names, companies, codes or "
                              "patterns to redact everywhere, each with its ground.")
]


def _run(workers: int | None, executor: str, scheduler: str | None) -> pipeline.RunOptions:
    return pipeline.RunOptions(workers, executor, scheduler, progress=sys.stderr.isatty())


def _config(path: Path | None) -> Config:
    return load_config(path)


def _reviewer(name: str | None) -> str:
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


def _skipped_exit(skipped: list[tuple[str, str]]) -> None:
    if skipped:
        typer.echo(f"redact: {len(skipped)} document(s) skipped (see above)", err=True)
        raise typer.Exit(int(ExitCode.SKIPPED))


@app.command()
def detect(
    paths: Annotated[list[Path], typer.Argument(help=".txt or .pdf files, or folders of them.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per finding.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Print the personal data found in files (nothing is stored)."""
    from redact.stages.detect import Detector  # here: Presidio and spaCy take seconds to import

    cfg = _config(config)
    detector = Detector(cfg)
    skipped: list[tuple[str, str]] = []
    for path in detect_files.detect_inputs(paths):
        try:
            for record in detect_files.detect_file(path, detector, cfg):
                if as_json:
                    typer.echo(json.dumps(record, ensure_ascii=False))
                else:
                    where = f"p{record['page']} " if record["page"] else ""
                    mark = "" if record["proposed"] else f"  (not proposed: {record['note']})"
                    typer.echo(
                        f"{logs.one_line(record['file'])}: {where}{record['start']}-{record['end']} "
                        f"{record['entity']} [{record['ground']}] {record['score']:.2f} "
                        f"{record['text']!r} ({record['recognizer']}){mark}"
                    )
        except RedactError as exc:
            typer.echo(logs.one_line(f"redact: skipped {path}: {exc}"), err=True)
            skipped.append((str(path), str(exc)))
    _skipped_exit(skipped)


@app.command()
def scan(
    inbox: Annotated[Path, typer.Argument(help="Folder of input documents (only read).")],
    workspace: Annotated[Path, typer.Option("--workspace", help="Workspace folder.")],
    workers: WorkersOpt = None,
    executor: ExecutorOpt = "processes",
    scheduler: SchedulerOpt = None,
    config: ConfigOpt = None,
    terms: TermsOpt = None,
) -> None:
    """Detect personal data in every new document and store proposals in the workspace."""
    term_list = load_terms(terms) if terms is not None else None
    cfg = _config(config)
    s = pipeline.scan(inbox, workspace, with_terms(cfg, term_list),
                      _run(workers, executor, scheduler))
    typer.echo(
        f"scanned {s.new} new document(s), {s.pages} page(s), {s.proposals} proposal(s); "
        f"{s.unchanged} unchanged, {len(s.skipped)} skipped"
    )
    if term_list is not None:  # documents scanned before get the list too
        t = add_terms(workspace, term_list, cfg, _reviewer(None))
        typer.echo(f"term list: {t.terms} term(s); {t.proposals} more proposal(s) in "
                   f"{t.documents} document(s) scanned before")
    _skipped_exit(s.skipped)


@app.command("terms")
def terms_cmd(
    workspace: Annotated[Path, typer.Argument(help="Workspace folder.")],
    terms: Annotated[Path, typer.Option("--terms", help="JSON term list (see 'redact scan').")],
    reviewer: Annotated[str | None, typer.Option(help="Who adds them (default: OS user).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Propose every occurrence of a term list's terms in the documents already scanned."""
    t = add_terms(workspace, load_terms(terms), _config(config), _reviewer(reviewer))
    typer.echo(f"term list: {t.terms} term(s); {t.proposals} proposal(s) added in "
               f"{t.documents} document(s), {t.duplicates} already proposed")


@app.command()
def review(
    workspace: Annotated[Path, typer.Argument(help="Workspace folder.")],
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    reviewer: Annotated[str | None, typer.Option(
        help="Your name, when the workspace has no accounts (redact users) and no single "
             "sign-on (default: OS user).")] = None,
    export: Annotated[
        Path | None, typer.Option("--export", help="Write read-only HTML diffs here.")
    ] = None,
    tls_cert: Annotated[
        Path | None, typer.Option("--tls-cert", help="TLS certificate (PEM): serve HTTPS.")
    ] = None,
    tls_key: Annotated[
        Path | None, typer.Option("--tls-key", help="Private key of --tls-cert (PEM).")
    ] = None,
    insecure_no_tls: Annotated[
        bool, typer.Option("--insecure-no-tls",
                           help="Serve plain HTTP on a non-loopback address (token and personal "
                                "data cross the network in clear).")
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Serve the review page where reviewers confirm or reject proposals."""
    from redact.review.app import serve  # here: FastAPI and uvicorn, for this command only

    serve(workspace, host=host, port=port, reviewer=_reviewer(reviewer), export_dir=export,
          config=_config(config), tls_cert=tls_cert, tls_key=tls_key,
          insecure_no_tls=insecure_no_tls)


@app.command()
def decide(
    workspace: Annotated[Path, typer.Argument(help="Workspace folder.")],
    accept_all: Annotated[bool, typer.Option("--accept-all", help="Accept every proposal.")] = False,
    accept: Annotated[
        list[str] | None, typer.Option("--accept", help="Accept proposals of ENTITY.")
    ] = None,
    reject: Annotated[
        list[str] | None, typer.Option("--reject", help="Reject proposals of ENTITY.")
    ] = None,
    reviewer: Annotated[str | None, typer.Option(help="Who decides (default: OS user).")] = None,
    redecide: Annotated[
        bool, typer.Option("--redecide", help="Also change proposals decided before.")
    ] = False,
) -> None:
    """Scripted decisions on pending proposals, logged with the reviewer and time."""
    accept_list = _entities(accept or [])
    reject_list = _entities(reject or [])
    s = pipeline.decide(
        workspace, accept_all=accept_all, accept=accept_list, reject=reject_list,
        reviewer=_reviewer(reviewer), redecide=redecide,
    )
    typer.echo(f"accepted {s.accepted}, rejected {s.rejected}, left as they were {s.untouched}")


@app.command("judge")
def judge_cmd(
    workspace: Annotated[Path, typer.Argument(help="Workspace folder.")],
    document: Annotated[str, typer.Argument(help="Document number or file name.")],
    beoordeling: Annotated[
        str | None, typer.Option("--beoordeling", help="openbaar, deels, niet or reeds.")
    ] = None,
    link: Annotated[
        str | None, typer.Option("--link", help="Reeds openbaar: where it is public (http/https).")
    ] = None,
    opgeschort: Annotated[
        bool | None, typer.Option("--opgeschort/--niet-opgeschort",
                                  help="Publication waits for a third party's zienswijze.")
    ] = None,
    page: Annotated[
        int | None, typer.Option("--page", help="Withhold this page (with --ground).")
    ] = None,
    ground: Annotated[
        str | None, typer.Option("--ground", help="Woo ground of the page or of niet openbaar.")
    ] = None,
    motivation: Annotated[
        str | None, typer.Option("--motivation", help="Required for grounds other than "
                                 "5.1.1e and 5.1.2e.")
    ] = None,
    release_page: Annotated[
        int | None, typer.Option("--release-page", help="Make a withheld page public again.")
    ] = None,
    reviewer: Annotated[str | None, typer.Option(help="Who judges (default: OS user).")] = None,
) -> None:
    """Judge a whole document (Beoordeling, opgeschort) or withhold or release one page."""
    judged = judgement.judge_workspace(workspace, document, judgement.JudgeRequest(
        _reviewer(reviewer), beoordeling, link, opgeschort, page, ground, motivation,
        release_page))
    typer.echo(logs.one_line(judgement.describe(judged)))


def _entities(values: list[str]) -> list[str]:
    out = []
    for value in values:
        for entity in value.replace(",", " ").split():
            entity = entity.upper()
            if entity not in ENTITIES:
                raise UsageError(f"unknown entity {entity!r}; known: {', '.join(ENTITIES)}")
            out.append(entity)
    return out


@app.command()
def apply(
    workspace: Annotated[Path, typer.Argument(help="Workspace folder.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the redacted PDFs.")],
    workers: WorkersOpt = None,
    executor: ExecutorOpt = "processes",
    scheduler: SchedulerOpt = None,
    config: ConfigOpt = None,
    move: Annotated[
        bool, typer.Option("--move", help="Outputs written before into another outbox are "
                           "removed from it (and from its manifest).")
    ] = False,
) -> None:
    """Burn in the accepted redactions: one output PDF per decided input, same stem."""
    settings = _config(config)
    s = pipeline.apply(workspace, out, settings, _run(workers, executor, scheduler), move=move)
    approval = f", {len(s.unapproved)} waiting for approval" if settings.four_eyes else ""
    typer.echo(
        f"applied {s.applied} document(s) with {s.boxes} box(es); {s.unchanged} unchanged, "
        f"{len(s.pending)} waiting for decisions{approval}, {s.withheld} withheld, "
        f"{len(s.failed)} failed"
    )
    if s.failed:
        typer.echo(f"redact: {len(s.failed)} document(s) could not be redacted", err=True)
        raise typer.Exit(int(ExitCode.SKIPPED))


@app.command()
def verify(
    outbox: Annotated[Path, typer.Argument(
        help="Folder written by redact apply, or by redact publish (publicatie-manifest.json).")],
    workspace: Annotated[
        Path | None, typer.Option("--workspace", help="Default for an outbox: the workspace next "
                                  "to it; a publication is checked against it only when given.")
    ] = None,
) -> None:
    """Prove that no accepted text survives in any output and that the audit chain is intact."""
    s = pipeline.verify(outbox, workspace)
    for problem in s.problems:
        typer.echo(logs.one_line(f"LEAK {problem.document}: {problem.channel}: {problem.detail}"),
                   err=True)
    if s.audit_error:
        typer.echo(logs.one_line(f"AUDIT {s.audit_error}"), err=True)
    pipeline.raise_for(s)
    if s.publication and not s.workspace_checked:
        typer.echo(f"verified {s.documents} published file(s): names and hashes only (pass "
                   "--workspace WS to check their contents)")
    elif s.publication:
        typer.echo(f"verified {s.documents} published file(s): no accepted text in any; "
                   f"audit chain of {s.audit_records} record(s) intact")
    else:
        typer.echo(
            f"verified {s.documents} document(s): no accepted text survives; "
            f"audit chain of {s.audit_records} record(s) intact"
        )


@app.command()
def publish(
    workspace: Annotated[Path, typer.Argument(help="Workspace folder.")],
    out: Annotated[Path, typer.Option("--out", help="Publication folder (new, or an earlier one).")],
    settings: Annotated[Path, typer.Option("--settings", help="Per-request settings (JSON).")],
    config: ConfigOpt = None,
) -> None:
    """Write the publication: PDFs by number, the inventory, DiWoo metadata, the draft annex."""
    s = pipeline.publish(workspace, out, PublicationSettings.load(settings), _config(config))
    counts = ", ".join(f"{n} {j}" for j, n in sorted(s.judgements.items()))
    typer.echo(f"published {s.published} of {s.documents} document(s) ({counts}) "
               f"in {s.folder}: {len(s.files)} file(s)")


@app.command()
def batch(
    inbox: Annotated[Path, typer.Argument(help="Folder of input documents (only read).")],
    outbox: Annotated[Path, typer.Argument(help="Folder for the redacted PDFs.")],
    workspace: Annotated[Path, typer.Option("--workspace", help="Workspace folder.")],
    workers: WorkersOpt = None,
    executor: ExecutorOpt = "processes",
    scheduler: SchedulerOpt = None,
    config: ConfigOpt = None,
    log_json: Annotated[
        bool, typer.Option("--log-json", help="Log lines and the run summary as JSON.")
    ] = False,
) -> None:
    """The nightly run: scan what is new, apply what is decided."""
    if log_json:
        logs.use_json()
    settings = _config(config)
    s = pipeline.batch(inbox, outbox, workspace, settings, _run(workers, executor, scheduler))
    if log_json:
        typer.echo(json.dumps(s.as_dict()))
    else:
        typer.echo(
            f"batch: {s.scan.new} new, {s.scan.unchanged} unchanged, {len(s.scan.skipped)} "
            f"skipped; {s.apply.applied} applied, {s.apply.unchanged} already applied, "
            f"{len(s.apply.pending)} waiting for review"
            + (f", {len(s.apply.unapproved)} waiting for approval" if settings.four_eyes else "")
            + f", {len(s.apply.failed)} failed"
        )
    _skipped_exit(s.scan.skipped + s.apply.failed)


@app.command("audit")
def audit_cmd(
    workspace: Annotated[Path, typer.Argument(help="Workspace folder.")],
    document: Annotated[
        str | None, typer.Argument(help="Document id or file name (default: the whole trail).")
    ] = None,
    repair: Annotated[
        bool, typer.Option("--repair", help="Repair a broken trail (logged; needs --reason).")
    ] = False,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why the trail is repaired (recorded).")
    ] = None,
    operator: Annotated[
        str | None, typer.Option("--operator", help="Who repairs (default: OS user).")
    ] = None,
) -> None:
    """Print the history of a document from the hash-chained audit trail (checked first)."""
    if repair:
        if not reason or not reason.strip():
            raise UsageError("--repair needs --reason TEXT: why the trail is repaired")
        if document is not None:
            raise UsageError("--repair repairs the whole trail: give no document")
        r = pipeline.repair_audit(workspace, reason.strip(), _reviewer(operator))
        if r.fault is None and r.state == 0:
            typer.echo("audit trail intact and database consistent with it; repair recorded")
        else:
            typer.echo(logs.one_line(
                f"repaired: {r.how}; {r.state} difference(s) between database and trail undone"
                + (f"; the broken trail is kept as {r.evidence}" if r.evidence else "")
                + (f"; fault was: {r.fault}" if r.fault else "")))
        return
    history = audit_history(workspace, document)
    for line in history.lines:
        typer.echo(logs.one_line(line))  # a name cannot add a line to the history
    if history.chain_error:
        raise AuditChainBroken(history.chain_error)


@app.command("eval")
def eval_cmd(
    gold_dir: Annotated[
        Path | None, typer.Argument(help="Folder of NAME.txt + NAME.json gold pairs.")
    ] = None,
    deduce: Annotated[
        bool, typer.Option("--deduce/--no-deduce", help="Run deduce on the same texts.")
    ] = True,
    by_origin: Annotated[
        bool, typer.Option("--by-origin", help="PERSON recall per origin of names, on generated "
                           "documents (a GOLD_DIR must come from fixtures/generate.py: its seed is used).")
    ] = False,
    seed: Annotated[
        int | None, typer.Option("--seed", help="--by-origin: generator seed (default 17).")
    ] = None,
    count: Annotated[
        int | None, typer.Option("--count", min=1, help="--by-origin: documents per group (default 150).")
    ] = None,
    origins: Annotated[
        str | None, typer.Option("--origins", help="--by-origin: groups, comma-separated (nl,fr,en,de,pl,it,"
                                 "tr,ma,hi; default all).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The report as JSON.")] = False,
    config: ConfigOpt = None,
    end_to_end: Annotated[
        Path | None,
        typer.Option("--end-to-end", help="Lay the gold out as PDFs in this new folder, scan, accept "
                     "all, apply, and count the values still readable in the outputs."),
    ] = None,
) -> None:
    """Score detection against gold annotations: recall, precision, false alarms, vs deduce.

    GOLD_DIR may also be a regression corpus (``tests/regression``): then the cases passed per kind.
    """
    if by_origin:
        by = fairness.evaluate_as_asked(gold_dir, seed, count, origins, _config(config))
        _echo_report(as_json, lambda: fairness.as_dict(by), lambda: fairness.render(by))
        return
    if gold_dir is None:
        raise UsageError("give GOLD_DIR (or --by-origin)")
    if not gold_dir.is_dir():
        raise InputNotFound(f"{gold_dir} is not a folder")
    if end_to_end is not None:
        if end_to_end.exists() and any(end_to_end.iterdir()):
            raise UsageError(f"{end_to_end} is not empty")
        typer.echo(e2e.check(gold_dir, end_to_end).render())
        return
    if regression.is_corpus_dir(gold_dir):
        corpora, results = regression.compare(gold_dir, _config(config), with_deduce=deduce)
        _echo_report(as_json, lambda: regression.as_dict(corpora, results),
                     lambda: regression.render(corpora, results))
        return
    report = evaluation.evaluate(gold_dir, _config(config), with_deduce=deduce)
    _echo_report(as_json, lambda: evaluation.as_dict(report), lambda: evaluation.render(report))


def _echo_report(as_json: bool, data: Callable[[], object], text: Callable[[], str]) -> None:
    """An evaluation report: indented JSON with ``--json``, else its text table."""
    typer.echo(json.dumps(data(), ensure_ascii=False, indent=2) if as_json else text())


@app.command("register")
def register_cmd(
    out: Annotated[Path, typer.Option("--out", help="Folder for the register entry and impact answers.")],
    settings: Annotated[
        Path | None, typer.Option("--settings", help="JSON with the organisation's fields "
                                  "(docs/register-settings.example.json).")
    ] = None,
    measurements: Annotated[
        list[Path] | None, typer.Option("--measurements", help="JSON of `redact eval --json` or `redact eval "
                                        "--by-origin --json` (repeatable); default: run the evaluations.")
    ] = None,
    eval_count: Annotated[
        int, typer.Option("--eval-count", min=1, help="Generated Woo documents to evaluate (default 300).")
    ] = 300,
    fairness_count: Annotated[
        int, typer.Option("--fairness-count", min=1, help="Documents per origin group (default 150).")
    ] = 150,
    config: ConfigOpt = None,
) -> None:
    """Write the Algoritmeregister entry (JSON, Markdown, HTML) and the impact-assessment answers."""
    from redact import register  # here: Jinja2 and its templates, for this command only

    written = register.generate(out, _config(config), settings, measurements or [], eval_count,
                                fairness_count)
    for path in written.files:
        typer.echo(str(path))
    if written.missing:
        typer.echo(f"redact: to fill in by the organisation (--settings): {', '.join(written.missing)}",
                   err=True)


# -- the review team's accounts (``redact.accounts``) ---------------------------------------------

users_app = typer.Typer(no_args_is_help=True, help="The review team's accounts: who may sign in "
                        "to the review page, as beoordelaar or controleur.")
app.add_typer(users_app, name="users")

WorkspaceArg = Annotated[Path, typer.Argument(help="Workspace folder.")]
UserArg = Annotated[str, typer.Argument(help="User name (letters, digits, . _ @ -).")]
OperatorOpt = Annotated[
    str | None, typer.Option("--operator", help="Who makes the change (default: OS user).")
]
PasswordStdinOpt = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from the first line of "
                       "standard input (scripts); otherwise it is asked twice, not shown.")
]


def _new_password(from_stdin: bool) -> str:
    """The new password: one line of standard input, or typed twice at the terminal."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UsageError("no terminal to ask the password on: give --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise UsageError("the two passwords differ; nothing was changed")
    return first


@users_app.command("add")
def users_add(
    workspace: WorkspaceArg,
    name: UserArg,
    role: Annotated[str, typer.Option("--role", help="beoordelaar or controleur.")],
    password_stdin: PasswordStdinOpt = False,
    sso_only: Annotated[
        bool, typer.Option("--sso-only", help="No password: signs in only through the single "
                           "sign-on proxy (sign_in.sso_header in the configuration).")
    ] = False,
    operator: OperatorOpt = None,
) -> None:
    """Add an account (passwords: at least 12 characters, stored as an argon2 hash)."""
    accounts.check_name(name)
    accounts.check_role(role)
    password = None if sso_only else _new_password(password_stdin)
    with Workspace.open(workspace) as ws:
        row = accounts.add_user(ws, name, role, password, _reviewer(operator))
    typer.echo(f"added {row.name} ({row.role}{', single sign-on only' if sso_only else ''})")


@users_app.command("list")
def users_list(
    workspace: WorkspaceArg,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """List the accounts (never their passwords)."""
    with Workspace.open(workspace) as ws:
        rows = accounts.list_users(ws)
    entries = [{"name": r.name, "role": r.role, "active": r.active,
                "sign_in": "password" if r.password else "sso", "changed_at": r.changed_at}
               for r in rows]
    _echo_report(as_json, lambda: entries, lambda: "\n".join(
        f"{e['name']}\t{e['role']}\t{'active' if e['active'] else 'disabled'}\t{e['sign_in']}"
        for e in entries) or "no accounts: the review runs for one reviewer (--reviewer)")


@users_app.command("passwd")
def users_passwd(workspace: WorkspaceArg, name: UserArg, password_stdin: PasswordStdinOpt = False,
                 operator: OperatorOpt = None) -> None:
    """Set a new password."""
    password = _new_password(password_stdin)
    with Workspace.open(workspace) as ws:
        accounts.set_password(ws, name, password, _reviewer(operator))
    typer.echo(f"password of {name} changed")


@users_app.command("role")
def users_role(
    workspace: WorkspaceArg,
    name: UserArg,
    role: Annotated[str, typer.Argument(help="beoordelaar or controleur.")],
    operator: OperatorOpt = None,
) -> None:
    """Give an account another role."""
    with Workspace.open(workspace) as ws:
        row = accounts.set_role(ws, name, role, _reviewer(operator))
    typer.echo(f"{row.name} is now {row.role}")


@users_app.command("disable")
def users_disable(workspace: WorkspaceArg, name: UserArg, operator: OperatorOpt = None) -> None:
    """Stop an account from signing in (its sessions end); its decisions stay its own."""
    with Workspace.open(workspace) as ws:
        accounts.set_active(ws, name, False, _reviewer(operator))
    typer.echo(f"{name} disabled")


@users_app.command("enable")
def users_enable(workspace: WorkspaceArg, name: UserArg, operator: OperatorOpt = None) -> None:
    """Let a disabled account sign in again."""
    with Workspace.open(workspace) as ws:
        accounts.set_active(ws, name, True, _reviewer(operator))
    typer.echo(f"{name} enabled")


@users_app.command("remove")
def users_remove(workspace: WorkspaceArg, name: UserArg, operator: OperatorOpt = None) -> None:
    """Delete an account; the decisions it made keep its name."""
    with Workspace.open(workspace) as ws:
        accounts.remove_user(ws, name, _reviewer(operator))
    typer.echo(f"{name} removed")


@app.command("status")
def status_cmd(
    workspace: Annotated[Path, typer.Argument(help="Workspace folder.")],
    config: ConfigOpt = None,
) -> None:
    """Per document its review state: open, gereed, goedgekeurd or teruggestuurd."""
    four_eyes = _config(config).four_eyes
    with Workspace.open(workspace) as ws:
        for line in workflow.status_lines(ws, four_eyes):
            typer.echo(logs.one_line(line))


@app.command("version")
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


NARGS_OPTIONS = ("--accept", "--reject")


def expand_nargs(argv: list[str]) -> list[str]:
    """Let ``--accept PERSON EMAIL_ADDRESS`` mean ``--accept PERSON --accept EMAIL_ADDRESS``."""
    out: list[str] = []
    current: str | None = None
    for arg in argv:
        if arg in NARGS_OPTIONS:
            current = arg
            out.append(arg)
            continue
        if current and out[-1] != current and arg.upper() in ENTITIES:
            out.extend([current, arg])
            continue
        if current and out[-1] == current:
            out.append(arg)
            continue
        current = None
        out.append(arg)
    return out


def _is_click_error(exc: BaseException) -> bool:
    """A usage error from the argument parser (typer vendors its own copy of click)."""
    return any(cls.__name__ == "ClickException" for cls in type(exc).__mro__)


_INTERRUPTED = "redact: interrupted"


def _failure(exc: BaseException) -> tuple[int, str | None]:
    """The exit code and the one-line message for an exception that ended a command: the one
    place where exceptions become exit codes (a ``RedactError`` carries its own, errors.py)."""
    if isinstance(exc, RedactError):
        return exc.exit_code, f"redact: error: {exc}"
    if isinstance(exc, KeyboardInterrupt) or (
        isinstance(exc, typer.Abort) and isinstance(exc.__cause__, KeyboardInterrupt)
    ):
        return ExitCode.INTERRUPTED, _INTERRUPTED
    if isinstance(exc, typer.Abort):
        return ExitCode.INTERNAL, "redact: aborted"
    if isinstance(exc, typer.Exit):
        return exc.exit_code, None
    if isinstance(exc, SystemExit):
        if isinstance(exc.code, str):
            return ExitCode.INTERNAL, exc.code
        return exc.code or ExitCode.OK, None
    if _is_click_error(exc):
        message = exc.format_message()  # type: ignore[attr-defined]
        return ExitCode.USAGE, f"redact: error: {message} (see 'redact --help')"
    return ExitCode.INTERNAL, f"redact: internal error: {type(exc).__name__}: {exc}"


def main(argv: list[str] | None = None) -> int:
    """Entry point: run one command and return its exit code; the one error boundary."""
    logs.setup()
    args = expand_nargs(list(sys.argv[1:] if argv is None else argv))
    message: str | None = None
    try:
        rc = app(args=args, prog_name="redact", standalone_mode=False)
        code = rc if isinstance(rc, int) else ExitCode.OK
        if code == ExitCode.INTERRUPTED:  # typer answers Ctrl-C with Exit(130), returned here
            message = _INTERRUPTED
    except (Exception, KeyboardInterrupt, SystemExit) as exc:
        code, message = _failure(exc)
    if message is not None:
        typer.echo(logs.one_line(message), err=True)
    _flush_output()
    return int(code)


def _flush_output() -> None:
    """Flush what the command printed. A reader that went away (``redact audit WS | head``)
    is no error: what it did not read goes nowhere, also at the interpreter's own flush."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # a closed stream: nothing left to flush
            pass


if __name__ == "__main__":
    sys.exit(main())
