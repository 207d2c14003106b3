"""The shipped toxicity model file, loaded for real: its scores on clear cases, chunking of long
posts, and clear errors for a missing or corrupt file."""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
from pathlib import Path

import pytest

from clearpost import Draft, Engine, ModelError, builtin_pack
from clearpost.model_input import MAX_TOKENS, normalise
from clearpost.toxicity_model import PACK_TOKENS, ToxicityModel, model_dir

# Abuse with no word from Clearpost's lexicons: only the model can see it.
CLEARLY_TOXIC = [
    "@user you are the dumbest person on this site, go away",
    "shut up you worthless piece of garbage",
    "she is a disgusting pig and everyone knows it",
    "what a pathetic loser, nobody will ever love you",
    "go back to your country you filthy animals",
    "women belong in the kitchen not in parliament",
    "you are so ugly it hurts to look at you",
]
CLEARLY_BENIGN = [
    "Lovely to see so many of you at the open day this morning.",
    "Our new report on water access in rural Kenya is out now.",
    "Congratulations to the graduating class of 2026!",
    "The library is open until 10pm during exam weeks.",
    "Thank you to all our volunteers for a wonderful summer fair.",
    "Applications for the research fellowship close on 3 March.",
    "Great discussion at today's seminar on migration policy.",
    "Happy to share that our paper has been accepted at the conference.",
]


@pytest.fixture(scope="module")
def model() -> ToxicityModel:
    return ToxicityModel()


def _flagged(model: ToxicityModel, text: str) -> bool:
    """Above the model's own val thresholds (toxicity.json "thresholds"), whatever the check adds."""
    return any(score >= model.thresholds[head] for chunk in model.score_post(text) for head, score in chunk.scores.items())


@pytest.mark.parametrize("text", CLEARLY_TOXIC)
def test_clearly_toxic_posts_score_above_threshold(model: ToxicityModel, text: str) -> None:
    assert _flagged(model, text)


@pytest.mark.parametrize("text", CLEARLY_BENIGN)
def test_clearly_benign_posts_score_below_threshold(model: ToxicityModel, text: str) -> None:
    assert not _flagged(model, text)


def test_scores_are_probabilities_one_row_per_text(model: ToxicityModel) -> None:
    scores = model.score_each(["hello", "you absolute worthless clown", "a much longer and perfectly polite sentence about our garden"])
    assert len(scores) == 3 and all(set(row) == set(model.heads) for row in scores)
    assert all(0 <= p <= 1 for row in scores for p in row.values())
    assert model.score_each([]) == []
    assert model._run([]).shape == (0, len(model.heads))


def _ids(model: ToxicityModel, text: str) -> list[int]:
    return model._tokenizer.encode(normalise(text)).ids


def test_batching_does_not_change_a_score_much(model: ToxicityModel) -> None:
    # Padding to the batch must be masked (the audit's batch mode): a short post scored beside a long one scores the same.
    short = _ids(model, "shut up you worthless piece of garbage")
    alone = model._run([short])[0]
    batched = model._run([short, _ids(model, "word " * 100)])[0]
    assert abs(float(alone[0]) - float(batched[0])) < 0.02


def test_a_long_post_is_read_to_the_end_in_chunks(model: ToxicityModel) -> None:
    polite = "Thank you to everyone who came to the open day and asked such good questions. " * 40
    text = polite + "You are a worthless disgusting pig and everyone hates you."
    chunks = model.score_post(text)
    assert len(chunks) > 1
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(chunks))
    assert all(len(model._tokenizer.encode(normalise(text[c.start:c.end])).ids) <= MAX_TOKENS for c in chunks)
    last = chunks[-1]
    assert "worthless" in text[last.start:last.end]
    assert any(s >= model.thresholds[h] for h, s in last.scores.items())
    assert not any(s >= model.thresholds[h] for h, s in chunks[0].scores.items())


def test_a_post_over_the_training_length_is_chunked_and_one_within_it_is_whole(model: ToxicityModel) -> None:
    # The model was trained on 64 tokens: a post up to that is one chunk, as a tweet was in
    # training; a longer one (here about 90 tokens) is cut at sentence ends into chunks of at most 64.
    sentences = ["The new reading room opens on Monday.", "It has sixty desks and a quiet zone.",
                 "Staff and students can book a desk online.", "Tours run every hour from ten until four.",
                 "Please bring your card to get in at the door.", "The café next to it sells coffee and cake.",
                 "We hope to see many of you there next week."]
    short = " ".join(sentences[:3])
    assert model.token_count(short) <= PACK_TOKENS
    assert [(s, e) for s, e, _ in model.chunks(short)] == [(0, len(short))]
    longer = " ".join(sentences)
    assert PACK_TOKENS < model.token_count(longer) <= MAX_TOKENS
    chunks = model.chunks(longer)
    assert len(chunks) == 2
    assert all(len(ids) <= PACK_TOKENS for _, _, ids in chunks)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(longer)
    assert all(longer[e - 1] == "." for _, e, _ in chunks)  # whole sentences


def test_one_enormous_sentence_is_split_not_truncated(model: ToxicityModel) -> None:
    text = "lovely " * 600 + "you are a worthless disgusting pig"
    chunks = model.score_post(text)
    assert chunks[-1].end == len(text)
    assert any(s >= model.thresholds[h] for h, s in chunks[-1].scores.items())


def test_a_chunk_is_scored_as_its_text_would_be_on_its_own(model: ToxicityModel) -> None:
    # Chunks reuse their sentences' tokens instead of tokenising the text again: same ids, same scores.
    text = "Great seminar today at https://t.co/x. @jo you are a worthless clown. Thanks all!\nSee you at the drinks."
    (chunk,) = model.chunks(text)
    assert chunk[2] == model._tokenizer.encode(normalise(text)).ids
    (scores,) = model.score_post(text)
    model.memo.clear()  # scored afresh, not answered from the memo score_post just filled
    (alone,) = model.score_each([text])
    assert all(abs(scores.scores[h] - alone[h]) < 1e-5 for h in model.heads)


def test_mentions_and_links_are_normalised_as_in_training() -> None:
    assert normalise("@someone_1 look https://t.co/abc  at this") == "@user look at this"
    assert normalise("mail me at a@b.org") == "mail me at a@b.org"



@pytest.mark.parametrize("text", [
    "@jo you are the dumbest person on this site, go away",
    "you make me sick, crawl back under your rock",
    "@jo you should be ashamed to call yourself a teacher, absolute garbage",
])
def test_engine_reports_model_hits_with_clause(engine: Engine, text: str) -> None:
    result = engine.check(Draft(text, account="personal", platform="x"), builtin_pack("iuk"))
    hits = [f for f in result.findings if f.category == "toxicity"]
    assert hits, "the model should catch abuse with no lexicon word"
    assert hits[0].clause == "IUK 5.10" and "model" in hits[0].message


def test_a_model_hit_points_at_its_chunk_of_a_long_post(engine: Engine) -> None:
    polite = "Thank you to everyone who came to the open day and asked such good questions. " * 30
    text = polite + "@jo you are the dumbest person on this site, go away."
    result = engine.check(Draft(text, account="personal", platform="x"), builtin_pack("iuk"))
    hits = [f for f in result.findings if f.category == "toxicity"]
    assert len(hits) == 1
    assert hits[0].start is not None and hits[0].end == len(text)
    assert hits[0].start > len(polite) // 2
    assert "dumbest" in text[hits[0].start:hits[0].end]


@pytest.mark.parametrize("text", [
    "I'm such an idiot, left my laptop on the train again.",
    "Stupid o'clock start for the field trip, but what a sunrise.",
    "What a shit week for the sector. Hang in there everyone.",
])
def test_abuse_needs_a_target_and_swearing_is_not_abuse(engine: Engine, text: str) -> None:
    result = engine.check(Draft(text, account="personal", platform="x"), builtin_pack("iuk"))
    assert not [f for f in result.findings if f.category == "toxicity"]


# --- missing or corrupt files ------------------------------------------------------------

@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    source = model_dir()
    for name in ("toxicity.json", "toxicity.onnx", "tokenizer.json"):
        shutil.copyfile(source / name, tmp_path / name)
    return tmp_path


def test_a_copy_of_the_files_loads(model_copy: Path) -> None:
    assert len(ToxicityModel(model_copy).score_each(["hello"])[0]) == 2


@pytest.mark.parametrize("name", ["toxicity.onnx", "tokenizer.json", "toxicity.json"])
def test_missing_file_names_the_file(model_copy: Path, name: str) -> None:
    (model_copy / name).unlink()
    with pytest.raises(ModelError, match=r"missing") as err:
        ToxicityModel(model_copy)
    assert str(model_copy / name) in str(err.value)
    assert "make model" in str(err.value)


def test_truncated_model_file_fails_its_checksum(model_copy: Path) -> None:
    path = model_copy / "toxicity.onnx"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(ModelError, match="sha256") as err:
        ToxicityModel(model_copy)
    assert str(path) in str(err.value)


def test_garbage_model_file_with_matching_checksum_fails_to_load(model_copy: Path) -> None:
    path = model_copy / "toxicity.onnx"
    path.write_bytes(b"not an onnx model at all")
    meta = json.loads((model_copy / "toxicity.json").read_text())
    meta["sha256"] = hashlib.sha256(b"not an onnx model at all").hexdigest()
    (model_copy / "toxicity.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="cannot be loaded by onnxruntime") as err:
        ToxicityModel(model_copy)
    assert str(path) in str(err.value)


def test_corrupt_tokenizer_names_the_file(model_copy: Path) -> None:
    (model_copy / "tokenizer.json").write_text("{ not json")
    with pytest.raises(ModelError, match="not a valid tokenizer") as err:
        ToxicityModel(model_copy)
    assert str(model_copy / "tokenizer.json") in str(err.value)


@pytest.mark.parametrize(("content", "message"), [
    ("{ nope", "not valid JSON"),
    ("[1, 2]", "must be a JSON object"),
    ('{"file": "toxicity.onnx"}', "field 'tokenizer'"),
])
def test_bad_model_description_names_the_file_and_field(model_copy: Path, content: str, message: str) -> None:
    (model_copy / "toxicity.json").write_text(content)
    with pytest.raises(ModelError, match=message) as err:
        ToxicityModel(model_copy)
    assert str(model_copy / "toxicity.json") in str(err.value)


def test_missing_threshold_names_the_head(model_copy: Path) -> None:
    meta = json.loads((model_copy / "toxicity.json").read_text())
    del meta["thresholds"]["hate"]
    (model_copy / "toxicity.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="no number for hate"):
        ToxicityModel(model_copy)


def test_engine_start_up_fails_clearly_when_the_model_dir_is_wrong(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEARPOST_MODEL_DIR", str(tmp_path))
    with pytest.raises(ModelError, match=str(tmp_path / "toxicity.json")):
        Engine()


def test_a_dense_sentence_is_split_until_every_piece_fits(model: ToxicityModel) -> None:
    # Numbers and DOIs run to 2-3 characters a token: a 400-character piece can pass MAX_TOKENS,
    # and the tokenizer would cut its end off unread.
    text = "DOI:10.1136/bmj.k123-4x " * 30 + "you are a worthless disgusting pig"
    chunks = model.chunks(text)
    assert all(len(ids) <= MAX_TOKENS for _, _, ids in chunks)
    assert all(len(ids) < MAX_TOKENS for _, _, ids in model._encoded_pieces(text))
    assert chunks[-1][1] == len(text)
    assert any(s >= model.thresholds[h] for h, s in model.score_post(text)[-1].scores.items())


def test_one_thread_and_all_threads_score_alike_bit_for_bit() -> None:
    """The service's model answers from a one-thread session when runs overlap and a two-thread one
    alone; the memo keys scores by tokens only, so the two must agree exactly."""
    wide, narrow = ToxicityModel(threads=2), ToxicityModel(threads=1)
    texts = [*CLEARLY_TOXIC, *CLEARLY_BENIGN, " ".join(CLEARLY_BENIGN * 4)]
    for text in texts:
        for _, _, ids in wide.chunks(text):
            assert (wide._run([ids]) == narrow._run([ids])).all()


def test_overlapping_runs_of_a_shared_model_use_the_one_thread_session() -> None:
    import threading

    model = ToxicityModel(threads=2, shared=True)
    assert model._narrow is not None
    used: list[str] = []
    started = threading.Barrier(2)
    for name, session in (("wide", model._session), ("narrow", model._narrow)):
        real_run = session.run

        def spy(*args: object, name: str = name, real_run: object = real_run) -> object:
            used.append(name)
            if name == "wide":
                started.wait(timeout=10)  # hold the first run until the second has begun
            return real_run(*args)  # type: ignore[operator]

        session.run = spy  # type: ignore[method-assign]
    ids = model.chunks(CLEARLY_BENIGN[0])[0][2]
    first = threading.Thread(target=model._run, args=([ids],))
    first.start()
    while not used:
        pass
    second = threading.Thread(target=lambda: (model._run([ids]), started.wait(timeout=10)))
    second.start()
    first.join(timeout=20)
    second.join(timeout=20)
    assert used == ["wide", "narrow"]
    assert ToxicityModel(threads=1, shared=True)._narrow is None  # one thread already: nothing to narrow
