"""An experiment for issue 15, not part of `make model`: the shipped int8 model with each layer's
self-attention fused into one onnxruntime `QAttention` node.

The fused node keeps the model's int8 weights exactly: Q, K and V are concatenated and keep their
own scales (per-column scales, three values), and it reads the same dynamically quantised input.
What changes is how the attention itself is computed (onnxruntime's kernel instead of the
exported graph), which moves the scores a little. `--compare` reports by how much and how fast
each model runs. Measured on session 20's machine (AVX2, no AVX-512, 2 threads): 64 tokens
10.35 -> 9.59 ms, 128 tokens 21.7 -> 19.7 ms; over TweetEval's 1,324 offensive val tweets the
scores move by up to 0.052 (the median is 0), so every threshold and figure would have to be
measured again. Not shipped: see models/README.md.

    .venv-train/bin/python models/fuse_attention.py models/toxicity.onnx /tmp/fused.onnx --compare ../shared
"""

from __future__ import annotations

import argparse
import collections
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

HEADS = 12  # all-MiniLM-L6-v2: 12 heads of 32 over a hidden size of 384


def fuse(model: onnx.ModelProto) -> onnx.ModelProto:
    """The model with every `/layer.N/attention/self` block replaced by one QAttention node."""
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    producer = {o: n for n in g.node for o in n.output}
    consumers: dict[str, list[onnx.NodeProto]] = collections.defaultdict(list)
    for n in g.node:
        for i in n.input:
            consumers[i].append(n)
    integer_matmuls = {n.output[0]: n for n in g.node if n.op_type == "MatMulInteger"}

    def array(name: str) -> np.ndarray:
        return numpy_helper.to_array(inits[name])

    def matmul(layer: int, part: str) -> onnx.NodeProto:
        found = [n for out, n in integer_matmuls.items() if f"/layer.{layer}/attention/{part}/" in out]
        if len(found) != 1:
            raise SystemExit(f"layer {layer}: expected one integer MatMul for {part}, found {len(found)}")
        return found[0]

    def bias(node: onnx.NodeProto) -> np.ndarray:
        # MatMulInteger -> Cast -> Mul (the two scales) -> Add (the bias)
        [cast] = consumers[node.output[0]]
        [scale] = consumers[cast.output[0]]
        [add] = consumers[scale.output[0]]
        [name] = [i for i in add.input if i in inits]
        return array(name)

    fused: dict[str, onnx.NodeProto] = {}
    new_inits: list[onnx.TensorProto] = []
    layers = sorted({int(x) for x in re.findall(r"/layer\.(\d+)/", " ".join(integer_matmuls))})
    for layer in layers:
        q, k, v = (matmul(layer, f"self/{p}") for p in ("query", "key", "value"))
        if not q.input[0] == k.input[0] == v.input[0]:
            raise SystemExit(f"layer {layer}: Q, K and V do not read one quantised input")
        x_q, _, x_zero, _ = q.input
        x_scale = producer[x_q].output[1]
        weights, scales = [], []
        for node in (q, k, v):
            w_scale, w_zero = array(node.input[1].removesuffix("_quantized") + "_scale"), array(node.input[3])
            if w_scale.size != 1 or int(w_zero) != 0:
                raise SystemExit(f"layer {layer}: expected symmetric per-tensor int8 weights")
            weights.append(array(node.input[1]))
            scales.append(np.full(weights[-1].shape[1], float(w_scale), dtype=np.float32))
        qkv = np.concatenate(weights, axis=1).astype(np.int8)
        names = [f"layer{layer}_qkv_{what}" for what in ("weight", "bias", "scale", "zero_point")]
        new_inits += [
            numpy_helper.from_array(qkv, names[0]),
            numpy_helper.from_array(np.concatenate([bias(n) for n in (q, k, v)]).astype(np.float32), names[1]),
            numpy_helper.from_array(np.concatenate(scales), names[2]),
            numpy_helper.from_array(np.zeros(qkv.shape[1], dtype=np.int8), names[3]),
        ]
        # The attention's output is what the output projection's quantiser reads.
        context = producer[matmul(layer, "output/dense").input[0]].input[0]
        fused[context] = helper.make_node(
            "QAttention", [x_q, names[0], names[1], x_scale, names[2], "mask_index", x_zero, names[3]], [context],
            name=f"layer{layer}_qattention", domain="com.microsoft", num_heads=HEADS)

    mask = helper.make_node("Cast", ["attention_mask"], ["mask_index"], to=TensorProto.INT32, name="mask_index_cast")
    nodes = [n for n in g.node if not any(o in fused for o in n.output)] + [mask, *fused.values()]
    nodes = _live(nodes, [o.name for o in g.output])
    known = {i.name for i in g.input} | set(inits) | {i.name for i in new_inits} | {""}
    ordered = _topological(nodes, known)
    used = {i for n in ordered for i in n.input}
    kept = [i for i in g.initializer if i.name in used]
    del g.node[:]
    g.node.extend(ordered)
    del g.initializer[:]
    g.initializer.extend(kept + new_inits)
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return model


def _live(nodes: list[onnx.NodeProto], outputs: list[str]) -> list[onnx.NodeProto]:
    """The nodes some output depends on; the old attention blocks fall away."""
    by_output = {o: n for n in nodes for o in n.output}
    live: set[int] = set()
    todo = list(outputs)
    while todo:
        node = by_output.get(todo.pop())
        if node is not None and id(node) not in live:
            live.add(id(node))
            todo.extend(i for i in node.input if i)
    return [n for n in nodes if id(n) in live]


def _topological(nodes: list[onnx.NodeProto], known: set[str]) -> list[onnx.NodeProto]:
    ordered: list[onnx.NodeProto] = []
    pending = nodes
    while pending:
        ready = [n for n in pending if all(i in known for i in n.input)]
        if not ready:
            raise SystemExit("the fused graph has a cycle or a missing input")
        for n in ready:
            ordered.append(n)
            known.update(n.output)
        pending = [n for n in pending if all(n is not r for r in ready)]
    return ordered


def _session(path: Path, threads: int) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def compare(shipped: Path, fused: Path, shared: Path) -> None:
    """Largest score change over TweetEval's offensive val tweets, then time per row by length."""
    from tokenizers import Tokenizer

    a, b = _session(shipped, 2), _session(fused, 2)
    tokenizer = Tokenizer.from_file(str(shipped.parent / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(128)
    texts = (shared / "data" / "tweeteval" / "offensive" / "val_text.txt").read_text(encoding="utf-8").splitlines()
    moved = []
    for text in texts:
        ids = np.array([tokenizer.encode(text).ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        moved.append(float(np.abs(a.run(["scores"], feed)[0] - b.run(["scores"], feed)[0]).max()))
    print(f"{len(texts)} val tweets: scores move by up to {max(moved):.4f} (median {statistics.median(moved):.4f})")
    rng = np.random.default_rng(1)
    for tokens in (16, 32, 64, 128):
        ids = np.concatenate([[101], rng.integers(1000, 20000, tokens - 2), [102]]).reshape(1, -1).astype(np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        best = {}
        for name, session in (("shipped", a), ("fused", b)) * 2:  # interleaved: the machine drifts
            for _ in range(3):
                session.run(["scores"], feed)
            times = []
            for _ in range(30):
                started = time.perf_counter()
                session.run(["scores"], feed)
                times.append((time.perf_counter() - started) * 1000)
            best[name] = min(best.get(name, float("inf")), statistics.median(times))
        print(f"{tokens} tokens, 2 threads: shipped {best['shipped']:.2f} ms, fused {best['fused']:.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", type=Path, help="the int8 model to fuse (models/toxicity.onnx)")
    parser.add_argument("out", type=Path, help="where to write the fused model")
    parser.add_argument("--compare", type=Path, metavar="SHARED", help="the shared data folder: report score changes and speed")
    args = parser.parse_args()
    if not args.model.is_file():
        parser.error(f"{args.model} is not a file")
    if args.out.resolve() == args.model.resolve():
        parser.error("OUT must differ from MODEL: the shipped model is not overwritten")
    onnx.save(fuse(onnx.load(str(args.model))), str(args.out))
    print(f"wrote {args.out}")
    if args.compare is not None:
        compare(args.model, args.out, args.compare)
    return 0


if __name__ == "__main__":
    sys.exit(main())
