"""The `clearpost` command: exit codes, stdin, JSON and JSONL, clear errors that never quote the post."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SECRET_WORDS = "zebra-quartz-lantern"  # a marker that must never leak into errors


def clearpost(*args: str, stdin: str | bytes | None = None) -> subprocess.CompletedProcess[str]:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    proc = subprocess.run([sys.executable, "-m", "clearpost", *args], input=data, capture_output=True, check=False)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def test_clean_post_exits_0() -> None:
    run = clearpost("check", "--org", "qmul", "Welcome to our new students!")
    assert run.returncode == 0, run.stderr
    assert "No problems found" in run.stdout


def test_breach_exits_1_and_names_the_clause() -> None:
    run = clearpost("check", "--org", "iuk", "--account", "official", "Vote Labour on Thursday!")
    assert run.returncode == 1
    assert "IUK 4.15" in run.stdout


def test_info_only_exits_0() -> None:
    run = clearpost("check", "--org", "iuk", "--account", "official", "--attachment", "image", "Our youth panel!")
    assert run.returncode == 0
    assert "IUK 4.12" in run.stdout


def test_reads_stdin_and_prints_json() -> None:
    run = clearpost("check", "--org", "ids", "--json", stdin="Great week at IDS!\n")
    assert run.returncode == 1
    findings = json.loads(run.stdout)["findings"]
    assert [f["category"] for f in findings] == ["disclaimer"]
    assert findings[0]["fix"]["text"] == "Views are my own and not those of IDS."


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["check", "--org", "iuk", ""], None, "empty"),
        (["check", "--org", "iuk"], "x" * 20_001, "20,000"),
        (["check", "--org", "iuk", f"{SECRET_WORDS}\x01"], None, "control character"),
        (["check", "--org", "oxford", SECRET_WORDS], None, "ids, lshtm, society, iuk, qmul"),
        (["check", SECRET_WORDS], None, "--org"),
        (["check", "--org", "iuk", "--account", "corporate", SECRET_WORDS], None, "invalid choice"),
        (["check", "--org", "iuk", "--policy", "/nonexistent/pack.toml", SECRET_WORDS], None, "/nonexistent/pack.toml"),
        (["check", "--org", "iuk"], b"\xff\xfe bad bytes", "not UTF-8"),
        (["bench", "--runs", "3"], None, "--runs"),
    ],
)
def test_usage_and_input_errors_exit_2(args: list[str], stdin: str | bytes | None, message: str) -> None:
    run = clearpost(*args, stdin=stdin)
    assert run.returncode == 2
    assert message in run.stderr
    assert SECRET_WORDS not in run.stderr + run.stdout
    assert "Traceback" not in run.stderr


def test_custom_policy_file(tmp_path: Path) -> None:
    source = (Path(__file__).resolve().parents[1] / "backend/clearpost/packs/iuk.toml").read_text("utf-8")
    pack = tmp_path / "acme.toml"
    pack.write_text(source.replace('names = ["IntegrateUK", "Integrate UK"]', 'names = ["Acme Trust"]'), "utf-8")
    run = clearpost("check", "--policy", str(pack), "A great day at Acme Trust")
    assert run.returncode == 1
    assert "IUK 5.2" in run.stdout


def test_jsonl_keeps_order_and_survives_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a", "text": "Her number is 07700 900123", "org": "qmul", "account": "official", "platform": "x"}),
        "{not json",
        json.dumps({"id": "c", "text": "", "org": "qmul", "account": "official", "platform": "x"}),
        json.dumps({"id": "d", "text": SECRET_WORDS, "org": "nowhere", "account": "official", "platform": "x"}),
        json.dumps({"id": "e", "text": SECRET_WORDS, "org": "iuk", "account": "boss", "platform": "x"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "g", "text": "Lovely sunny day", "org": "iuk", "account": "personal", "platform": "instagram"}),
    ]
    run = clearpost("check", "--jsonl", stdin="\n".join(lines) + "\n")
    assert run.returncode == 0, run.stderr
    out = [json.loads(line) for line in run.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", None, "c", "d", "e", None, "g"]
    assert [f["category"] for f in out[0]["findings"]] == ["personal-data"]
    assert "error" in out[1] and "line 2" in out[1]["error"]
    assert "empty" in out[2]["error"]
    assert "ids, lshtm, society, iuk, qmul" in out[3]["error"]
    assert "account" in out[4]["error"]
    assert "JSON object" in out[5]["error"]
    assert out[6]["findings"] == []
    assert SECRET_WORDS not in run.stdout + run.stderr


def test_policies_lists_packs_and_rules() -> None:
    run = clearpost("policies", "--json")
    assert run.returncode == 0
    packs = {p["id"]: p for p in json.loads(run.stdout)}
    assert set(packs) == {"ids", "lshtm", "society", "iuk", "qmul"}
    assert any(r["clause"] == "IUK 4.14" for r in packs["iuk"]["rules"])
    plain = clearpost("policies")
    assert "IUK 4.15" in plain.stdout


def test_bench_reports_the_documented_keys() -> None:
    run = clearpost("bench", "--json", "--runs", "10")
    assert run.returncode == 0, run.stderr
    figures = json.loads(run.stdout)
    assert set(figures) == {
        "short_p50_ms", "short_p95_ms", "long_p50_ms", "long_p95_ms", "load_s", "rss_mb",
        "model_short_tokens", "model_long_tokens", "model_short_p50_ms", "model_short_p95_ms", "model_256_p50_ms", "model_256_p95_ms",
        "short_normaliser_p50_ms", "short_normaliser_p95_ms", "long_normaliser_p50_ms", "long_normaliser_p95_ms",
    }
    assert figures["model_long_tokens"] >= 256
    assert all(v > 0 for v in figures.values())


def test_typing_bench_reports_the_documented_keys() -> None:
    run = clearpost("bench", "--typing", "--json", "--runs", "10")
    assert run.returncode == 0, run.stderr
    figures = json.loads(run.stdout)
    per_length = {
        "chars", "sessions", "checks", "keystrokes", "p50_ms", "p95_ms", "p99_ms", "cpu_per_keystroke_ms",
        "presidio_p50_ms", "presidio_p95_ms", "presidio_p99_ms", "presidio_cpu_per_keystroke_ms", "presidio_final_p50_ms", "ratio_p50",
        "presidio_lean_p50_ms", "presidio_lean_p95_ms", "presidio_lean_p99_ms", "presidio_lean_cpu_per_keystroke_ms",
        "presidio_lean_final_p50_ms", "lean_ratio_p50", "cold_presidio_p50_ms",
        *(f"{kind}_{figure}" for kind in ("cold", "new") for figure in ("p50_ms", "p95_ms", "ratio_p50")),
    }
    assert set(figures) == {f"{label}_{key}" for label in ("short", "long") for key in per_length}
    assert (figures["short_chars"], figures["long_chars"]) == (280, 3000)
    assert figures["short_checks"] >= 10 and figures["long_checks"] >= 10
    assert all(v > 0 for v in figures.values())


def test_demo_runs() -> None:
    run = clearpost("demo")
    assert run.returncode == 0, run.stderr
    assert "IUK 5.2" in run.stdout
