"""The `clearpost` command: check posts, list policy packs, benchmark, demo, and write, sign
and verify an organisation's own policy pack (`clearpost pack ...`).

Exit codes: 0 nothing at warn or block; 1 something at warn or block; 2 usage or input error.
`clearpost pack verify`: 0 the pack is accepted, 1 it is refused (and why), 2 usage error.
The post text is never logged; errors describe it without quoting it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from clearpost.draft import ACCOUNT_TYPES, ATTACHMENT_KINDS, PLATFORMS, Draft
from clearpost.errors import ClearpostError, InputError
from clearpost.findings import Finding, Severity
from clearpost.policy import BUILTIN_PACKS, PolicyPack, builtin_pack, resolve_pack

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 too; keep its message short and clear
        self.print_usage(sys.stderr)
        sys.stderr.write(f"clearpost: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="clearpost", description="Check social media drafts against your organisation's policy, on this machine.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="check a post (TEXT, or stdin)")
    check.add_argument("text", nargs="?", help="the post; read from stdin when absent")
    check.add_argument("--org", help=f"built-in policy pack: {', '.join(BUILTIN_PACKS)}")
    check.add_argument("--policy", metavar="FILE", help="your own policy pack (TOML); overrides --org")
    check.add_argument("--account", choices=ACCOUNT_TYPES, default="personal", help="posting as yourself or an official account (default personal)")
    check.add_argument("--platform", choices=PLATFORMS, default="x", help="default x")
    check.add_argument("--attachment", action="append", choices=ATTACHMENT_KINDS, default=[], help="an attached image or video (repeatable)")
    check.add_argument("--profile-disclaimer", action="store_true", help="my profile already says my views are my own")
    mode = check.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print findings as JSON")
    mode.add_argument("--jsonl", action="store_true", help='batch: read {"id","text","org","account","platform"} lines on stdin, write {"id","findings"} lines')

    sub.add_parser("policies", help="list the built-in policy packs and their rules").add_argument(
        "--json", action="store_true", help="print the packs as JSON")

    bench = sub.add_parser("bench", help="time a full check: p50/p95 for a 280- and a 3,000-character post, load time, peak RSS")
    bench.add_argument("--json", action="store_true")
    bench.add_argument("--runs", type=int, default=200, help="timed runs per post length (default 200); with --typing, checks per post length")
    bench.add_argument("--typing", action="store_true",
                       help="replay typing through the service: p50/p95/p99 per check, CPU per keystroke, and against presidio alone")

    sub.add_parser("demo", help="check a few sample posts and print the findings")

    serve = sub.add_parser("serve", help="run the local checking service on 127.0.0.1 for the browser extension")
    serve.add_argument("--port", type=_port, default=8765, help="default 8765")
    sub.add_parser("token", help="print the service's API token (created if there is none yet)")

    loadbench = sub.add_parser("loadbench", help="start the service and measure it under concurrent load")
    loadbench.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    loadbench.add_argument("--posts", type=int, default=5000, help="posts to send in all (default 5000)")
    loadbench.add_argument("--json", action="store_true")

    tweeteval = sub.add_parser("tweeteval", help="macro-F1 on TweetEval's offensive and hate splits, as the product flags them")
    tweeteval.add_argument("--shared", type=Path, default=None, help="the folder holding data/tweeteval (default: $CLEARPOST_SHARED or ../shared)")
    tweeteval.add_argument("--split", choices=("test", "val"), default="test")
    tweeteval.add_argument("--task", choices=("offensive", "hate", "both"), default="both")
    tweeteval.add_argument("--calibrate", action="store_true", help="choose the model thresholds on this split (val only)")
    tweeteval.add_argument("--save", action="store_true", help="with --calibrate: write the thresholds to models/toxicity.json")
    tweeteval.add_argument("--json", action="store_true")

    _add_pack_commands(sub)
    from clearpost.audit.command import add_parsers as add_audit_parsers

    add_audit_parsers(sub)
    return parser


def _add_pack_commands(sub: Any) -> None:
    pack = sub.add_parser("pack", help="write, check, show, sign and verify your organisation's own policy pack")
    commands = pack.add_subparsers(dest="pack_command", required=True, parser_class=_Parser)
    new = commands.add_parser("new", help="write a pack to edit: a built-in pack, with comments on every field")
    new.add_argument("--from", dest="from_pack", required=True, choices=BUILTIN_PACKS, help="the built-in pack to start from")
    new.add_argument("--out", required=True, metavar="FILE", help="where to write it, e.g. our-pack.toml")
    new.add_argument("--id", dest="pack_id", help="your pack's id (default our-<from>)")
    new.add_argument("--force", action="store_true", help="replace FILE if it exists")
    check = commands.add_parser("check", help="validate a pack: every problem with its file, line and field")
    check.add_argument("file", metavar="FILE")
    show = commands.add_parser("show", help='render a pack for staff: "what Clearpost checks for us"')
    show.add_argument("file", metavar="FILE")
    show.add_argument("--html", action="store_true", help="a web page instead of text")
    keygen = commands.add_parser("keygen", help="make a signing key pair: DIR/clearpost-signing.key (encrypted, 0600) and .pub")
    keygen.add_argument("--out", required=True, metavar="DIR")
    keygen.add_argument("--name", default=None, help='the signer\'s name shown on every machine, e.g. "QMUL Comms" (default "unnamed signer")')
    keygen.add_argument("--force", action="store_true", help="replace an existing key pair")
    sign = commands.add_parser("sign", help="write FILE.sig, a detached Ed25519 signature of the pack")
    sign.add_argument("file", metavar="FILE")
    sign.add_argument("--key", required=True, metavar="KEYFILE", help="the private key from `clearpost pack keygen`")
    sign.add_argument("--signer", help="the signer's name (default: from the .pub file beside KEYFILE)")
    verify = commands.add_parser("verify", help="check FILE.sig against a key, or the keys this machine trusts; exit 0 accepted, 1 refused")
    verify.add_argument("file", metavar="FILE")
    verify.add_argument("--pubkey", metavar="PUBFILE", help="a .pub file to verify against (default: trusted_keys of this machine)")


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"port must be a number, not {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 1 and 65535, not {port}")
    return port


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check_jsonl(args) if args.jsonl else _check_one(args)
        if args.command == "policies":
            return _policies(args.json)
        if args.command == "bench" and args.typing:
            from clearpost.typing_bench import run_typing_bench

            return run_typing_bench(as_json=args.json, runs=args.runs)
        if args.command == "bench":
            from clearpost.bench import run_bench

            return run_bench(as_json=args.json, runs=args.runs)
        if args.command == "tweeteval":
            from clearpost.tweeteval import TASKS, run_tweeteval

            shared = args.shared or Path(os.environ.get("CLEARPOST_SHARED", "../shared"))
            tasks = TASKS if args.task == "both" else (args.task,)
            return run_tweeteval(shared=shared, split=args.split, tasks=tasks, calibrate_now=args.calibrate, save=args.save, as_json=args.json)
        if args.command == "serve":
            from clearpost.service.config import home_dir
            from clearpost.service.server import serve

            return serve(port=args.port, home=home_dir())
        if args.command == "token":
            from clearpost.service.config import ensure_token, home_dir

            print(ensure_token(home_dir()))
            return EXIT_CLEAN
        if args.command == "loadbench":
            from clearpost.service.loadbench import run_loadbench

            return run_loadbench(clients=args.clients, posts=args.posts, as_json=args.json)
        if args.command == "demo":
            from clearpost.demo import run_demo

            return run_demo()
        if args.command == "pack":
            return _pack(args)
        if args.command in ("audit", "auditbench"):
            from clearpost.audit import bench, command

            return command.run(args) if args.command == "audit" else bench.run(args)
    except ClearpostError as exc:
        sys.stderr.write(f"clearpost: error: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    return EXIT_USAGE


def _read_stdin() -> str:
    if sys.stdin is None or sys.stdin.isatty():
        raise InputError("no post given: pass TEXT, or pipe the post on stdin")
    try:
        return sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"stdin is not UTF-8 text (bad byte at offset {exc.start}); save the post as UTF-8") from None


def _check_one(args: argparse.Namespace) -> int:
    pack = resolve_pack(args.org, args.policy)
    text = args.text if args.text is not None else _read_stdin()
    if args.text is None and text.endswith("\n"):
        text = text[:-1]  # the newline that `echo` adds is not part of the post
    draft = Draft(text, account=args.account, platform=args.platform,
                  attachments=tuple(args.attachment), profile_disclaimer=args.profile_disclaimer)
    from clearpost.engine import Engine

    result = Engine().check(draft, pack)
    if args.json:
        json.dump({"findings": result.to_dicts()}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_findings(sys.stdout, draft.text, result.findings, pack)
    blocking = any(f.severity.rank >= Severity.WARN.rank for f in result.findings)
    return EXIT_FINDINGS if blocking else EXIT_CLEAN


def _print_findings(out: TextIO, text: str, findings: Sequence[Finding], pack: PolicyPack) -> None:
    if not findings:
        out.write(f"No problems found against the {pack.name} policy.\n")
        return
    for f in findings:
        where = f' "{text[f.start:f.end]}"' if f.start is not None and f.end is not None else " (whole post)"
        out.write(f"{f.severity.value.upper():5}  {f.category:13}  {f.clause}{where}\n       {f.message}\n")
        if f.fix:
            out.write(f"       fix: append \"{f.fix['text']}\"\n")


def _check_jsonl(args: argparse.Namespace) -> int:
    from clearpost.engine import Engine

    default_pack = resolve_pack(args.org, args.policy) if (args.org or args.policy) else None
    engine = Engine()
    stdin = sys.stdin.buffer if sys.stdin is not None else None
    if stdin is None:
        raise InputError("--jsonl reads lines on stdin")
    for lineno, raw in enumerate(stdin, start=1):
        if not raw.strip():
            continue
        record_id: Any = None
        try:
            record = json.loads(raw.decode("utf-8"))
            if not isinstance(record, dict):
                raise InputError("each line must be a JSON object")
            record_id = record.get("id")
            draft, pack = _draft_from_record(record, default_pack, args)
            out: dict[str, Any] = {"id": record_id, "findings": engine.check(draft, pack).to_dicts()}
        except (UnicodeDecodeError, json.JSONDecodeError):
            out = {"id": record_id, "error": f"line {lineno}: not valid UTF-8 JSON"}
        except ClearpostError as exc:
            out = {"id": record_id, "error": f"line {lineno}: {exc}"}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return EXIT_CLEAN


def _draft_from_record(record: dict[str, Any], default_pack: PolicyPack | None, args: argparse.Namespace) -> tuple[Draft, PolicyPack]:
    org = record.get("org")
    if org is not None:
        if not isinstance(org, str):
            raise InputError("org must be a string")
        pack = builtin_pack(org)
    elif default_pack is not None:
        pack = default_pack
    else:
        raise InputError(f"no org on this line and no --org or --policy given; packs: {', '.join(BUILTIN_PACKS)}")
    attachments = record.get("attachments", [])
    if not isinstance(attachments, list):
        raise InputError("attachments must be a list such as [\"image\"]")
    kinds = tuple(a.get("kind") if isinstance(a, dict) else a for a in attachments)
    profile = record.get("profile_disclaimer", args.profile_disclaimer)
    if not isinstance(profile, bool):
        raise InputError("profile_disclaimer must be true or false")
    for name in ("account", "platform"):
        if name in record and not isinstance(record[name], str):
            raise InputError(f"{name} must be a string")
    draft = Draft(
        record.get("text"),  # type: ignore[arg-type]  # validated by Draft
        account=record.get("account", args.account), platform=record.get("platform", args.platform),
        attachments=kinds, profile_disclaimer=profile,  # type: ignore[arg-type]
    )
    return draft, pack


def _policies(as_json: bool) -> int:
    packs = [builtin_pack(p) for p in BUILTIN_PACKS]
    if as_json:
        json.dump([p.to_dict() for p in packs], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_CLEAN
    for pack in packs:
        print(f"{pack.id}: {pack.name} ({pack.policy})")
        if pack.disclaimer:
            print(f'  disclaimer: "{pack.disclaimer}"')
        for r in pack.rules:
            extra = f" ({r.signal})" if r.signal != "main" else ""
            named = ", when the post names the organisation" if r.when_org_named else ""
            print(f"  {r.severity.value:5}  {r.category}{extra:12} {r.clause:24} {'/'.join(sorted(r.accounts))}{named}  [{r.id}]")
        print()
    return EXIT_CLEAN


# --- clearpost pack ... ---------------------------------------------------------------------

PASSPHRASE_ENV = "CLEARPOST_KEY_PASSPHRASE"


def _passphrase(confirm: bool) -> bytes:
    """From CLEARPOST_KEY_PASSPHRASE, else a prompt on the terminal (twice for a new key)."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        return given.encode("utf-8")
    if sys.stdin is None or not sys.stdin.isatty():
        raise InputError(f"no passphrase: set {PASSPHRASE_ENV}, or run this in a terminal to be asked for it")
    import getpass

    first = getpass.getpass("Passphrase for the signing key: ")
    if confirm and getpass.getpass("The same passphrase again: ") != first:
        raise InputError("the two passphrases differ; run the command again")
    return first.encode("utf-8")


def _pack(args: argparse.Namespace) -> int:
    from clearpost.policy import authoring, signing

    command = args.pack_command
    if command == "new":
        text = authoring.new_pack_text(args.from_pack, pack_id=args.pack_id)
        out = Path(args.out)
        try:
            with open(out, "w" if args.force else "x", encoding="utf-8") as f:
                f.write(text)
        except FileExistsError:
            raise InputError(f"{out} already exists; choose another --out, or pass --force to replace it") from None
        except OSError as exc:
            raise InputError(f"{out}: cannot write ({exc.strerror})") from None
        print(f"Wrote {out}, a copy of the built-in {args.from_pack} pack with comments on every field.\n"
              f"Next: edit it, then `clearpost pack check {out}`.")
        return EXIT_CLEAN
    if command == "check":
        pack, notes = authoring.check_pack(args.file)
        extra = sum(len(e.words) + len(e.patterns) for e in pack.extra)
        print(f"{args.file}: OK, pack {pack.id} ({pack.name}), {len(pack.rules)} rules"
              + (f", {extra} words and patterns of its own" if extra else "")
              + (f", version {pack.version}, valid {pack.issued} to {pack.expires}" if pack.version is not None and pack.expires else ""))
        for note in notes:
            print(f"  note: {note}")
        return EXIT_CLEAN
    if command == "show":
        pack, _ = authoring.check_pack(args.file)
        sys.stdout.write(authoring.render_html(pack) if args.html else authoring.render_text(pack))
        return EXIT_CLEAN
    if command == "keygen":
        name = args.name if args.name is not None else signing.UNNAMED_SIGNER
        key_path, pub_path, public = signing.generate_key_pair(args.out, _passphrase(confirm=True), name=name, force=args.force)
        print(f"Wrote {key_path} (private, encrypted, mode 0600: keep it and its passphrase safe)\n"
              f"  and {pub_path} (public: give it to IT)\n"
              f"Signer: {name}; key id {public.key_id}\n"
              f"Public key for trusted_keys: {public.text}")
        return EXIT_CLEAN
    if command == "sign":
        private = signing.load_private_key(args.key, _passphrase(confirm=False))
        signer = args.signer or _signer_beside(Path(args.key), private) or signing.UNNAMED_SIGNER
        out, sig = signing.sign_pack(args.file, private, signer=signer)
        print(f"Signed {args.file}: pack {sig.pack_id} version {sig.version}, issued {sig.issued}, expires {sig.expires}\n"
              f"  signer {sig.signer}, key id {sig.key.key_id}\n"
              f"Wrote {out}; publish it beside the pack.")
        return EXIT_CLEAN
    if command == "verify":
        return _verify(args)
    return EXIT_USAGE


def _signer_beside(key_path: Path, private: Any) -> str | None:
    """The signer's name in the .pub file beside the key, if it is that key's public half."""
    from cryptography.hazmat.primitives import serialization

    from clearpost.policy import signing

    pub_path = key_path.with_suffix(".pub")
    if not pub_path.exists():
        return None
    try:
        public = signing.read_public_key_file(pub_path)
    except InputError:
        return None
    mine = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return public.name if public.raw == mine else None


def _verify(args: argparse.Namespace) -> int:
    from clearpost.errors import PolicyPackError
    from clearpost.policy import signing
    from clearpost.policy.trust import PackInForce, read_accepted
    from clearpost.service.config import home_dir, read_trusted_keys

    home = home_dir()
    if args.pubkey:
        keys: tuple[signing.PublicKey, ...] = (signing.read_public_key_file(args.pubkey),)
    else:
        keys = read_trusted_keys(home)
    try:
        verified = signing.verify_pack(args.file, keys, accepted=read_accepted(home), given_key_file=args.pubkey)
    except PolicyPackError as exc:
        sys.stderr.write(f"clearpost: refused: {exc}\n")
        return EXIT_FINDINGS
    sig = verified.signature
    in_force = PackInForce.verified(verified, args.file)
    print(f"OK: {args.file} is {in_force.describe()} (pack {sig.pack_id}), signed by {sig.signer} with key {sig.key.key_id}\n"
          f"  version {sig.version}, issued {sig.issued.isoformat()}, expires {sig.expires.isoformat()}")
    return EXIT_CLEAN


if __name__ == "__main__":
    raise SystemExit(main())
