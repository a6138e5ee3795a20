"""Builds ru-navec-news-100k.kemb from navec's news embeddings.

navec (Alexander Kukushkin, the Natasha project, MIT licence) ships inside the
PyPI package `natasha` 1.6.0 as natasha/data/emb/navec_news_v1_1B_250K_300d_100q.tar:
250,000 Russian words, 300 dimensions, product-quantised (100 sub-vectors of
3 dimensions, 256 centroids each). This keeps the 100,000 most frequent
all-Cyrillic words and their codes as they are, in Kelisim's own small
format (see kelisim-text/src/embeddings.rs):

    pip download natasha==1.6.0 --no-deps -d dl && unzip dl/natasha-*.whl -d nat
    pip install navec
    python3 make_navec.py nat/natasha/data/emb/navec_news_v1_1B_250K_300d_100q.tar ru-navec-news-100k.kemb
"""
import re, struct, sys
import numpy as np
from navec import Navec

WORDS = 100_000
MAGIC = b"KELISIM-EMBEDDINGS/1\n"


def fnv1a(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def main(src, dst):
    nv = Navec.load(src)
    words, counts = nv.vocab.words, np.array(nv.vocab.counts)
    codebook = np.asarray(nv.pq.codes, dtype="<f4")  # (subvectors, centroids, sub_dim)
    indexes = np.asarray(nv.pq.indexes, dtype=np.uint8)  # (words, subvectors)
    qs, centroids, sub = codebook.shape
    cyrillic = re.compile(r"^[а-яё]+(-[а-яё]+)*$")
    order = [i for i in np.argsort(-counts, kind="stable") if cyrillic.match(words[i])][:WORDS]
    # The layout is what navec's own look-up does: sub-vector q is codebook[q, code[q]].
    probe = order[0]
    assert np.allclose(np.concatenate([codebook[q, indexes[probe, q]] for q in range(qs)]), nv[words[probe]])
    out = bytearray(MAGIC)
    out += struct.pack("<III", qs * sub, qs, centroids)
    out += codebook.tobytes()
    out += struct.pack("<I", len(order))
    for i in order:
        b = words[i].encode()
        out += struct.pack("<B", len(b)) + b
    out += indexes[order].tobytes()
    out += struct.pack("<Q", fnv1a(bytes(out)))
    open(dst, "wb").write(bytes(out))
    print(f"{len(order)} words, {len(out)} bytes")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
