"""`clearpost audit`: the three platforms' exports read as they really are (tests/data/audit),
mojibake repaired, broken records reported with their position while the rest go on, the
findings, the JSON and CSV, exit codes, and memory that does not grow with the archive."""

from __future__ import annotations

import csv
import io
import json
import sys
import tracemalloc
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from clearpost.audit import instagram, linkedin, x
from clearpost.audit.checker import BatchChecker
from clearpost.audit.generate import write_x_archive
from clearpost.audit.jsonstream import iter_array
from clearpost.audit.records import Export, Problem, Record
from clearpost.audit.runner import Progress, Settings, run_local
from clearpost.audit.sources import find_accounts
from clearpost.cli import main
from clearpost.errors import InputError
from tests.audit_helpers import FIXTURES, finding_set, org_folder, zip_folder

SETTINGS = Settings("lshtm", None, "official")


def read_all(path: Path) -> tuple[list[Record], list[Problem]]:
    (account,) = find_accounts([str(path)])
    items = list(account.records())
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, Problem)]


# --- readers -------------------------------------------------------------------------------

def test_x_archive_folder_and_zip_read_alike(tmp_path: Path) -> None:
    folder, _ = read_all(FIXTURES / "x")
    zipped, _ = read_all(zip_folder(FIXTURES / "x", tmp_path / "twitter-2024-01-01-abc.zip"))
    nested, _ = read_all(zip_folder(FIXTURES / "x", tmp_path / "nested.zip", top="twitter-2024"))
    assert [r.to_row() for r in folder] == [r.to_row() for r in zipped]
    assert [r.text for r in nested] == [r.text for r in folder] and nested[0].source == "twitter-2024/data/tweets.js"
    assert len(folder) == 6
    first = folder[0]
    assert first.post_id == "1105478251337297920"
    assert first.date == datetime(2019, 3, 12, 14, 2, 11, tzinfo=UTC)
    assert first.link == "https://x.com/ExampleHealthUK/status/1105478251337297920"
    assert "out today & free to read" in first.text  # the archive's &amp; read back
    assert [r.kind for r in folder].count("retweet") == 1
    assert next(r for r in folder if r.kind == "retweet").text.startswith("RT @HealthNewsUK:")


def test_linkedin_multiline_shares_and_comments() -> None:
    records, problems = read_all(FIXTURES / "linkedin")
    assert problems == []
    shares = [r for r in records if r.kind == "post"]
    comments = [r for r in records if r.kind == "comment"]
    assert len(shares) == 3 and len(comments) == 2
    hiring = shares[0]
    assert hiring.post_id == "7170811223344556677"
    assert hiring.link == "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7170811223344556677"
    assert hiring.text == ("We are hiring! Three research fellow posts in our Centre for Climate and Health.\n\n"
                           "Closing date 31 March. Details and how to apply: https://example.ac.uk/jobs")
    assert hiring.date == datetime(2024, 3, 5, 10, 12, 44, tzinfo=UTC)
    assert comments[0].text == 'Thanks for sharing, a really useful summary "for non-specialists" too.'
    assert comments[0].post_id == "7150000000000000001"


@pytest.mark.parametrize(("broken", "repaired"), [
    ("cafÃ©", "café"),
    ("Ã°Å¸Ëœâ‚¬", "Ã°Å¸Ëœâ‚¬"),  # not Latin-1 escapes (cp1252 look-alikes): left alone
    ("\u00f0\u009f\u0098\u0080", "\U0001F600"),
    ("Na\u00c3\u00afve", "Naïve"),
    ("café", "café"),  # a real é is not mojibake
    ("plain ascii", "plain ascii"),
    ("emoji 🎓 already fine", "emoji 🎓 already fine"),
])
def test_instagram_mojibake_repair(broken: str, repaired: str) -> None:
    assert instagram.repair_mojibake(broken) == repaired


def test_instagram_posts_and_comments() -> None:
    records, problems = read_all(FIXTURES / "instagram")
    assert problems == []
    posts = [r for r in records if r.kind == "post"]
    comments = [r for r in records if r.kind == "comment"]
    assert len(posts) == 3 and len(comments) == 2
    assert posts[0].text == "Café science night at the Keppel Street library 😀 Thank you all for coming!"
    assert posts[0].post_id == "17990123456789012" and posts[0].link is None
    assert posts[1].text.startswith("Renée is taking bookings for the café tour")  # the post's own title, not its photos'
    assert "—" in posts[1].text
    assert posts[1].date == datetime.fromtimestamp(1700049600, UTC)
    assert comments[0].text == "Congratulations 🎉 so well deserved"


def test_single_files_are_read_too() -> None:
    records, _ = read_all(FIXTURES / "linkedin" / "Shares.csv")
    assert len(records) == 3
    records, _ = read_all(FIXTURES / "instagram" / "your_instagram_activity" / "content" / "posts_1.json")
    assert len(records) == 3


# --- broken records and bad inputs ------------------------------------------------------------

def _tweet(tweet_id: str, text: str | None, created: str = "Wed Oct 10 20:19:24 +0000 2018") -> str:
    body = {"id_str": tweet_id, "created_at": created, **({"full_text": text} if text is not None else {})}
    return json.dumps({"tweet": body}, indent=2).replace("\n", "\n  ")


def test_x_broken_records_are_reported_with_their_position_and_the_rest_read(tmp_path: Path) -> None:
    data = tmp_path / "archive" / "data"
    data.mkdir(parents=True)
    broken = '{\n    "tweet" : {\n      "id_str" : "3",\n      "full_text" : "SECRET-TEXT-3 cut off here\n    }\n  }'
    parts = [_tweet("1", "first"), _tweet("2", None), broken, _tweet("4", "fourth", created="yesterday"), _tweet("5", "fifth")]
    (data / "tweets.js").write_text("window.YTD.tweets.part0 = [ " + ",\n  ".join(parts) + "\n]", encoding="utf-8")
    records, problems = read_all(tmp_path / "archive")
    assert [r.post_id for r in records] == ["1", "5"]
    assert [p.where.split(" (")[0] for p in problems] == ["record 2", "record 3", "record 4"]
    assert "no full_text" in problems[0].what and "not valid JSON" in problems[1].what and "created_at" in problems[2].what
    assert problems[0].source == f"data/tweets.js in {tmp_path / 'archive'}"
    assert "line " in problems[1].where
    assert all("SECRET" not in str(p) for p in problems)


def test_a_file_cut_short_keeps_what_was_read(tmp_path: Path) -> None:
    data = tmp_path / "archive" / "data"
    data.mkdir(parents=True)
    whole = "window.YTD.tweets.part0 = [ " + ",\n  ".join([_tweet("1", "first"), _tweet("2", "second"), _tweet("3", "third")]) + "\n]"
    (data / "tweets.js").write_text(whole[: whole.index('"3"') + 20], encoding="utf-8")
    records, problems = read_all(tmp_path / "archive")
    assert [r.post_id for r in records] == ["1", "2"]
    assert len(problems) == 1 and problems[0].where.startswith("record 3 (line")
    (data / "tweets.js").write_text(whole[: whole.index(_tweet("3", "third")) - 4], encoding="utf-8")  # cut between records
    records, problems = read_all(tmp_path / "archive")
    assert [r.post_id for r in records] == ["1", "2"] and "ends before" in problems[0].what


def test_linkedin_and_instagram_broken_records(tmp_path: Path) -> None:
    folder = tmp_path / "li"
    folder.mkdir()
    (folder / "Shares.csv").write_text(
        "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
        '2024-01-01 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7000000000000000001,"""ok""",,,MEMBER_NETWORK\n'
        "2024-01-02 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7000000000000000002,too,many,fields,here,x\n"
        'not a date,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7000000000000000003,"""x""",,,MEMBER_NETWORK\n'
        '2024-01-04 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7000000000000000004,"""four""",,,MEMBER_NETWORK\n',
        encoding="utf-8")
    records, problems = read_all(folder)
    assert [r.post_id for r in records] == ["7000000000000000001", "7000000000000000004"]
    assert [p.where for p in problems] == ["row 3 (line 3)", "row 4 (line 4)"]

    ig = tmp_path / "ig" / "your_instagram_activity" / "content"
    ig.mkdir(parents=True)
    posts = [{"media": [{"uri": "media/posts/1_n_17900000000000001.jpg", "creation_timestamp": 1700000000, "title": "one"}]},
             {"media": []},
             {"media": [{"uri": "media/posts/1_n_17900000000000003.jpg", "title": "no time"}]},
             {"media": [{"uri": "media/posts/1_n_17900000000000004.jpg", "creation_timestamp": 1700000400, "title": "four"}]}]
    (ig / "posts_1.json").write_text(json.dumps(posts, indent=2), encoding="utf-8")
    records, problems = read_all(tmp_path / "ig")
    assert [r.text for r in records] == ["one", "four"]
    assert [p.where.split(" (")[0] for p in problems] == ["record 2", "record 3"]


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("data/tweets.js", "console.log('hello')", "window.YTD.tweets.part0"),
    ("Shares.csv", "Name,Email\nx,y\n", "Date,ShareLink,ShareCommentary"),
    ("your_instagram_activity/content/posts_1.json", "<html>not json</html>", "Instagram's JSON export"),
])
def test_a_file_that_is_not_the_format_names_the_file_and_what_was_expected(tmp_path: Path, name: str, content: str, expected: str) -> None:
    path = tmp_path / "export" / name
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    (account,) = find_accounts([str(tmp_path / "export")])
    with pytest.raises(InputError) as caught:
        list(account.records())
    assert name in str(caught.value) and expected in str(caught.value)


def test_not_an_export_at_all(tmp_path: Path) -> None:
    (tmp_path / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(InputError, match="not an export Clearpost can read; expected an X archive"):
        find_accounts([str(tmp_path)])
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match=r"other\.zip: not an export"):
        find_accounts([str(tmp_path / "other.zip")])
    with pytest.raises(InputError, match="no such file"):
        find_accounts([str(tmp_path / "missing.zip")])


def test_json_stream_reads_past_its_buffer() -> None:
    items = [{"n": i, "text": "x" * 5000} for i in range(100)]  # 500 kB: several 64 kB chunks
    got = [v for _, _, v in iter_array(io.StringIO(json.dumps(items, indent=2)))]
    assert got == items


# --- findings, reports and the command ---------------------------------------------------------

@pytest.fixture(scope="module")
def fixture_reports(tmp_path_factory: pytest.TempPathFactory) -> list:  # type: ignore[type-arg]
    org = org_folder(tmp_path_factory.mktemp("org"))
    return run_local(find_accounts([str(org)]), SETTINGS, workers=1)


def test_expected_findings_on_each_platform(fixture_reports: list) -> None:  # type: ignore[type-arg]
    found = {(p.record.platform, p.record.kind, p.record.post_id): {f["category"] for f in p.findings if f["severity"] in ("warn", "block")}
             for r in fixture_reports for p in r.flagged}
    assert found[("x", "post", "1233000111222333444")] >= {"personal-data"}
    assert found[("x", "post", "1402233445566778899")] >= {"toxicity"}
    assert found[("x", "post", "1420011223344556677")] >= {"credentials"}
    assert found[("x", "retweet", "1580112233445566778")] >= {"profanity"}
    assert found[("linkedin", "post", "7132456789012345678")] >= {"personal-data"}
    assert found[("linkedin", "comment", "7070000000000000002")] >= {"toxicity"}
    assert found[("instagram", "post", "18011223344556677")] >= {"personal-data"}
    assert any(k[0] == "instagram" and k[1] == "comment" and "toxicity" in v for k, v in found.items())
    clean = {"1105478251337297920", "7170811223344556677", "17990123456789012"}
    assert not clean & {k[2] for k in found}
    # Spans point into the text as exported (after the mojibake repair).
    ig = next(p for r in fixture_reports for p in r.flagged if p.record.post_id == "18011223344556677")
    span = next(f for f in ig.findings if f["category"] == "personal-data")
    assert ig.record.text[span["start"]:span["end"]] == "07700 900463"


def test_batched_model_mode_gives_the_same_findings_here() -> None:
    """--batch-model: every post's model scores come from the batch, or (near a threshold) from
    scoring it alone, and the findings on the fixtures are those of the exact default."""
    accounts = find_accounts([str(FIXTURES / "x"), str(FIXTURES / "linkedin"), str(FIXTURES / "instagram")])
    records = [r for a in accounts for r in a.records() if isinstance(r, Record)]
    batched = BatchChecker("lshtm", None, "official", batch_model=True)
    single = BatchChecker("lshtm", None, "official")
    assert single.model is None and batched.model is not None
    assert batched.check(records) == single.check(records)
    # Each prefetched row answers its chunk once; only the rows of posts near a threshold are scored alone.
    assert batched.model.hits == batched.model.rows and batched.model.misses == batched.model.near_rows
    assert batched.model.hits > 0


def run_cli(*args: str) -> int:
    return main(["audit", *args, "--workers", "1", "--quiet"])


def test_command_writes_html_json_csv_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html, js, cs = tmp_path / "r.html", tmp_path / "r.json", tmp_path / "r.csv"
    assert run_cli(str(FIXTURES / "x"), "--org", "lshtm", "--html", str(html), "--json", str(js), "--csv", str(cs)) == 1
    page = html.read_text(encoding="utf-8")
    assert "<svg" in page and "https://x.com/ExampleHealthUK/status/1402233445566778899" in page
    assert "<script src" not in page and "<link" not in page and "http-equiv=\"Content-Security-Policy\"" in page
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["posts_read"] == 6 and data["flagged"] == 4
    post = next(p for p in data["posts"] if p["post_id"] == "1402233445566778899")
    assert post["link"] == "https://x.com/ExampleHealthUK/status/1402233445566778899"
    assert post["date"] == "2021-06-08T09:15:30+00:00" and post["text"].startswith("@a_critic_99 you are")
    assert {f["category"] for f in post["findings"]} >= {"toxicity"}
    with cs.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 4
    row = next(r for r in rows if r["post_id"] == "1402233445566778899")
    assert row["text"] == "'@a_critic_99 you are a useless idiot and you clearly never read the paper"  # a formula-safe cell
    assert json.loads(row["findings"]) == post["findings"]
    assert capsys.readouterr().err == ""


def test_exit_0_when_nothing_breaches(tmp_path: Path) -> None:
    data = tmp_path / "clean" / "data"
    data.mkdir(parents=True)
    (data / "tweets.js").write_text("window.YTD.tweets.part0 = [ " + _tweet("1", "Welcome to our new students!") + " ]", encoding="utf-8")
    assert run_cli(str(tmp_path / "clean"), "--org", "lshtm", "--html", str(tmp_path / "r.html")) == 0
    assert (tmp_path / "r.html").exists()


def test_exit_2_on_usage_and_input_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(str(tmp_path / "missing.zip"), "--org", "lshtm") == 2
    assert "missing.zip: no such file or folder" in capsys.readouterr().err
    assert run_cli(str(FIXTURES / "x"), "--org", "nosuchorg", "--html", str(tmp_path / "r.html")) == 2
    with pytest.raises(SystemExit) as caught:
        main(["audit", "--org", "lshtm"])
    assert caught.value.code == 2
    assert not (tmp_path / "r.html").exists()


def test_skipped_records_are_named_without_their_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "archive" / "data"
    data.mkdir(parents=True)
    broken = '{\n    "tweet" : {\n      "id_str" : "3",\n      "full_text" : "SECRET-TEXT-3 cut off\n    }\n  }'
    (data / "tweets.js").write_text("window.YTD.tweets.part0 = [ " + ",\n  ".join([_tweet("1", "hello all"), broken]) + "\n]", encoding="utf-8")
    assert run_cli(str(tmp_path / "archive"), "--org", "lshtm", "--html", str(tmp_path / "r.html"), "--json", str(tmp_path / "r.json")) == 0
    err = capsys.readouterr().err
    assert "record 2 (line" in err and "SECRET" not in err
    assert json.loads((tmp_path / "r.json").read_text())["problems"][0]["where"].startswith("record 2")


def test_an_organisation_gets_a_report_per_account_and_a_summary(tmp_path: Path) -> None:
    org = org_folder(tmp_path)
    out = tmp_path / "out" / "audit.html"
    out.parent.mkdir()
    assert run_cli(str(org), "--org", "lshtm", "--html", str(out), "--json", str(tmp_path / "org.json")) == 1
    summary = out.read_text(encoding="utf-8")
    for name in ("examplehealth-x", "examplehealth-linkedin", "examplehealth-instagram"):
        assert (out.parent / f"audit-{name}.html").exists()
        assert f'href="audit-{name}.html"' in summary
    data = json.loads((tmp_path / "org.json").read_text())
    assert data["posts_read"] == 16 and len(data["accounts"]) == 3


def test_archive_text_is_escaped_in_the_report(tmp_path: Path) -> None:
    data = tmp_path / "a" / "data"
    data.mkdir(parents=True)
    text = "<script>alert(1)</script> &lt;b&gt; you are a useless idiot"
    (data / "tweets.js").write_text("window.YTD.tweets.part0 = [ " + _tweet("9", text) + " ]", encoding="utf-8")
    assert run_cli(str(tmp_path / "a"), "--org", "lshtm", "--html", str(tmp_path / "r.html")) == 1
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- memory ---------------------------------------------------------------------------------

def test_reading_streams_so_memory_does_not_grow_with_the_archive(tmp_path: Path) -> None:
    """The reader holds a record at a time: its peak allocation is the same for 1,000 and 8,000
    tweets, and far below the size of tweets.js. (Memory, not time: nothing here is timed.)"""
    peaks = {}
    for n in (2_000, 16_000):
        archive = write_x_archive(tmp_path / f"x{n}.zip", n)
        with zipfile.ZipFile(archive) as z:
            size = z.getinfo("data/tweets.js").file_size
        (account,) = find_accounts([str(archive)])
        tracemalloc.start()
        count = sum(1 for item in account.records() if isinstance(item, Record))
        peaks[n] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert count == n
    assert peaks[16_000] < size / 4, (peaks, size)
    assert peaks[16_000] < peaks[2_000] * 1.5 + 256 * 1024, peaks


def test_ray_missing_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # as on a staff machine without the cluster extra
    assert run_cli(str(FIXTURES / "x"), "--org", "lshtm", "--ray", "auto", "--html", str(tmp_path / "r.html")) == 2
    assert "pip install -e '.[cluster]'" in capsys.readouterr().err


def test_progress_bar_shows_rate_and_time_left() -> None:
    out = io.StringIO()
    bar = Progress(200, out=out)
    bar(100)
    bar(100)
    bar.finish()
    assert "200/200 posts" in out.getvalue() and "posts/s" in out.getvalue() and "left" in out.getvalue()


def test_x_detect_does_not_claim_other_files() -> None:
    export = Export(FIXTURES / "linkedin")
    assert x.detect(export) == [] and instagram.detect(export) == []
    assert linkedin.detect(export) == ["Comments.csv", "Shares.csv"]
    assert finding_set([]) == set()
