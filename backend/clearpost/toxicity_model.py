"""The shipped toxicity model: a fine-tuned MiniLM run with onnxruntime.

`models/toxicity.json` describes the model (its files, heads, sha256 and the thresholds chosen
on TweetEval's validation split); `models/toxicity.onnx` and `models/tokenizer.json` are the
files. `models/README.md` is the model card and `models/train_toxicity.py` makes them.

A post of up to `PACK_TOKENS` (64, the training length) is scored whole, as a tweet was in
training. A longer post is scored in chunks of whole sentences of at most `PACK_TOKENS` (a single
longer sentence alone up to `MAX_TOKENS`), ending at paragraph breaks: every part is read, a piece
that would be truncated is split first, and a hit can point at its chunk. Until issue 15 a post of
up to 128 tokens was scored whole: longer than anything the model was trained on, and while
someone typed it, every check scored it all again (19 ms at p50 on two cores).

Each chunk is scored alone, never batched with the post's other chunks: the model quantises its
activations per tensor, so a batched row's scores depend on its neighbours. Alone, a chunk's scores
depend on its tokens only, and they are kept in a memo (`clearpost.memo`) keyed by those tokens:
while someone types, only the chunk that changed is scored again. Unpadded single rows also cost
less than one padded batch (measured: 13 chunks of a 3,000-character post, 245 ms alone against
265 ms batched, one thread).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

from clearpost.errors import ModelError
from clearpost.memo import Memo
from clearpost.model_input import MAX_TOKENS, TRAIN_MAX_TOKENS, normalise
from clearpost.text import sentence_spans

MODEL_DIR_ENV = "CLEARPOST_MODEL_DIR"
_REPO_MODELS = Path(__file__).resolve().parents[2] / "models"
_FIX = "Restore it with `git checkout models/` or rebuild it with `make model`."
# A sentence longer than this many characters is cut at spaces before it is tokenised; at
# about four characters a token this keeps each piece under MAX_TOKENS.
_PIECE_CHARS = 400
# A post that fits in PACK_TOKENS is one chunk, as a tweet is; a longer one is packed into chunks
# of at most PACK_TOKENS, the length the model was trained on (TRAIN_MAX_TOKENS; training cut
# longer tweets there), so that one abusive sentence is not diluted by polite text around it.
# Measured on TweetEval val when posts of 65-128 tokens went from whole to chunks: offensive
# macro-F1 0.7635 -> 0.7667, hate 0.7028 -> 0.7058, the staff posts unchanged (models/README.md).
PACK_TOKENS = TRAIN_MAX_TOKENS


def model_dir() -> Path:
    """Where the model files are: $CLEARPOST_MODEL_DIR, else the repository's models/."""
    configured = os.environ.get(MODEL_DIR_ENV)
    return Path(configured) if configured else _REPO_MODELS


@dataclass(frozen=True)
class ChunkScores:
    """A stretch of the post (whole sentences) and the model's probability for each head."""

    start: int
    end: int
    scores: dict[str, float]


class ToxicityModel:
    def __init__(self, directory: Path | None = None, *, threads: int | None = None, shared: bool = False) -> None:
        """`threads`: onnxruntime threads per run (default: all cores). `shared`: runs may overlap (the
        service checks on two threads). A run that starts while another is in flight then uses a
        one-thread session, so that the two share the cores instead of fighting over them, and a
        run alone (one person typing) has every core. Both give the same scores, bit for bit: the
        threads split the work, not the arithmetic (`tests/test_toxicity_model.py`)."""
        directory = directory or model_dir()
        meta_path = directory / "toxicity.json"
        meta = _read_meta(meta_path)
        self.heads: tuple[str, ...] = tuple(meta["heads"])
        self.thresholds: dict[str, float] = {h: float(meta["thresholds"][h]) for h in self.heads}
        self.meta = meta

        onnx_path = directory / meta["file"]
        data = _read_bytes(onnx_path)
        if hashlib.sha256(data).hexdigest() != meta["sha256"]:
            raise ModelError(f"model file {onnx_path} does not match the sha256 in {meta_path}: it is corrupt or was replaced. {_FIX}")
        wide = threads or os.cpu_count() or 1
        self._session = _session(data, onnx_path, wide)
        self._narrow = _session(data, onnx_path, 1) if shared and wide > 1 else None
        self._in_flight = 0
        self._flight_lock = threading.Lock()

        tokenizer_path = directory / meta["tokenizer"]
        _read_bytes(tokenizer_path)
        try:
            self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception:  # tokenizers raises a bare Exception for a bad file
            raise ModelError(f"tokenizer file {tokenizer_path} is not a valid tokenizer. {_FIX}") from None
        # The shipped tokenizer.json pads every input to 128 tokens; padding to the batch is 5x faster.
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self.memo: Memo[np.ndarray] = Memo("model scores by token ids")
        self.pieces_memo: Memo[list[int]] = Memo("token ids by piece")

    def _run(self, rows: list[list[int]]) -> np.ndarray:
        """Probabilities, one row per row of ids and one column per head; shorter rows are padded
        and masked. The check scores one row at a time; the audit's batch mode passes many."""
        if not rows:
            return np.zeros((0, len(self.heads)), dtype=np.float32)
        width = max(len(r) for r in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1
        with self._flight_lock:
            self._in_flight += 1
            session = self._session if self._narrow is None or self._in_flight == 1 else self._narrow
        try:
            result = session.run(["scores"], {"input_ids": ids, "attention_mask": mask})[0]
        finally:
            with self._flight_lock:
                self._in_flight -= 1
        return np.asarray(result, dtype=np.float32)

    def score_ids(self, ids: list[int]) -> dict[str, float]:
        """One row of token ids scored alone (through the memo): what score_post gives its chunk."""
        row = self.memo.get(tuple(ids), lambda: self._run([ids])[0])
        return {h: float(row[i]) for i, h in enumerate(self.heads)}

    def score_each(self, texts: list[str]) -> list[dict[str, float]]:
        """Each text scored alone, up to MAX_TOKENS: the sentences of a long post's suspect chunk
        (`ToxicityCheck._undiluted`). Texts are used as given."""
        return [self.score_ids(enc.ids) for enc in self._tokenizer.encode_batch([normalise(t) for t in texts])]

    def token_count(self, text: str) -> int:
        """Tokens the whole text would be, [CLS] and [SEP] included, before any chunking."""
        return joined_length(self._encoded_pieces(text))

    def score_post(self, text: str) -> list[ChunkScores]:
        """Scores for each chunk of a post; a post of up to PACK_TOKENS (most tweets) is one chunk, as in training."""
        return [ChunkScores(s, e, self.score_ids(ids)) for s, e, ids in self.chunks(text)]

    def _encoded_pieces(self, text: str) -> list[tuple[int, int, list[int]]]:
        """Each piece with its token ids. A piece that fills MAX_TOKENS may have been truncated
        (dense text: numbers, DOIs, links in a list run to 2 or 3 characters a token), so it is
        halved at a space and encoded again until every piece fits: no part of a post goes unread."""
        done: list[tuple[int, int, list[int]]] = []
        todo = _pieces(text)
        while todo:
            # A piece is tokenised alone, so its ids depend on its text only and are kept in the
            # memo: while someone types, one piece is tokenised again.
            encoded = self.pieces_memo.get_all([text[s:e] for s, e in todo], self._encode)
            again: list[tuple[int, int]] = []
            for (s, e), ids in zip(todo, encoded, strict=True):
                if len(ids) >= MAX_TOKENS and e - s > 1:
                    mid = _halfway(text, s, e)
                    again += [(s, mid), (mid, e)]
                else:
                    done.append((s, e, ids))
            todo = again
        done.sort(key=lambda piece: piece[0])
        return done

    def _encode(self, pieces: list[Any]) -> list[list[int]]:
        return [enc.ids for enc in self._tokenizer.encode_batch([normalise(p) for p in pieces])]

    def chunks(self, text: str) -> list[tuple[int, int, list[int]]]:
        """Whole sentences packed into chunks (the whole post when it fits PACK_TOKENS, else chunks of
        at most PACK_TOKENS, a long sentence alone up to MAX_TOKENS), with their token ids.

        Pieces are tokenised once: a chunk's ids are its pieces' ids joined under one [CLS]
        and [SEP], which is what tokenising the joined text gives: pieces split at spaces (a
        400-character run with no space is cut where it must, and may tokenise differently there).
        """
        pieces = self._encoded_pieces(text)
        if not pieces:
            return []
        limit = MAX_TOKENS if joined_length(pieces) <= PACK_TOKENS else PACK_TOKENS
        chunks: list[tuple[int, int, list[int]]] = []
        start, end, ids = pieces[0]
        for s, e, piece in pieces[1:]:
            # In a long post a chunk also ends at a paragraph: a paragraph is usually about one thing.
            new_paragraph = limit == PACK_TOKENS and "\n\n" in text[end:s]
            if len(ids) + len(piece) - 2 <= limit and not new_paragraph:
                end, ids = e, ids[:-1] + piece[1:]  # a new list: the pieces' own stay as they were
            else:
                chunks.append((start, end, ids))
                start, end, ids = s, e, piece
        chunks.append((start, end, ids))
        return chunks


def joined_length(rows: list[tuple[int, int, list[int]]]) -> int:
    """Tokens of these pieces or chunks joined under one [CLS] and [SEP] (each row carries its own pair)."""
    return sum(len(ids) - 2 for _, _, ids in rows) + 2


def _session(data: bytes, path: Path, threads: int) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.log_severity_level = 3  # onnxruntime's own warnings are not the user's business
    options.intra_op_num_threads = threads
    # Idle threads sleep instead of spinning: between keystrokes the cores are the user's.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        return ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own exception types, not exported stably
        raise ModelError(f"model file {path} cannot be loaded by onnxruntime ({type(exc).__name__}). {_FIX}") from None


def _pieces(text: str) -> list[tuple[int, int]]:
    return [p for s, e in sentence_spans(text) for p in _split_long(text, s, e)]


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > _PIECE_CHARS:
        cut = text.rfind(" ", start + _PIECE_CHARS // 2, start + _PIECE_CHARS)
        cut = cut if cut > start else start + _PIECE_CHARS
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _halfway(text: str, start: int, end: int) -> int:
    """A cut near the middle of text[start:end], at a space when there is one."""
    mid = (start + end) // 2
    cut = text.rfind(" ", start + 1, mid + 1)
    if cut <= start:
        cut = text.find(" ", mid, end - 1)
    return cut if start < cut < end else mid


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ModelError(f"model file {path} is missing. {_FIX}") from None
    except OSError as exc:
        raise ModelError(f"model file {path} cannot be read ({exc.strerror}). {_FIX}") from None


_META_KEYS = {"file": str, "tokenizer": str, "sha256": str, "heads": list, "thresholds": dict}


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads(_read_bytes(path))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"model description {path} is not valid JSON ({exc}). {_FIX}") from None
    if not isinstance(meta, dict):
        raise ModelError(f"model description {path} must be a JSON object. {_FIX}")
    for key, kind in _META_KEYS.items():
        if not isinstance(meta.get(key), kind):
            raise ModelError(f"model description {path}: field {key!r} is missing or not a {kind.__name__}. {_FIX}")
    missing = [h for h in meta["heads"] if not isinstance(meta["thresholds"].get(h), (int, float))]
    if missing:
        raise ModelError(f"model description {path}: field 'thresholds' has no number for {', '.join(missing)}. {_FIX}")
    return meta
