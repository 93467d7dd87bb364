#!/usr/bin/python3
"""Writes the golden fixtures for the wavelet / W1 tests.

Run from the repository root with Debian's Python (python3-pywt, python3-pot):
    /usr/bin/python3 src/test/python/make_wavelet_fixtures.py

Everything is deterministic (fixed seeds).  Files go to
src/test/resources/fixtures/wavelet/; binary arrays are raw little-endian
float32, row-major (numpy axis 0 = y = rows):

  input_N{N}.f32                 DWT input images
  dwt_{wavelet}_{mode}_L{L}_N{N}.f32
                                 pywt.wavedecn(img, wavelet, mode, level=L),
                                 flattened: cA, then per level (coarsest
                                 first) the bands 'ad', 'da', 'dd'
  dwt_cases.tsv                  wavelet mode levels N input coeffs count
                                 band-edges (cA edge, then one per level)
  w1_{i}_a.f32, w1_{i}_b.f32     W1 image pairs
  w1_cases.tsv                   wavelet mode levels N a b expected-W1
  emd_pairs_N32.f32              2*P images of 32x32, pair p = images 2p, 2p+1
  emd_pairs_N32.tsv              pair index, exact EMD (ot.emd2, Euclidean
                                 ground distance between pixel centres, each
                                 image normalised to unit mass)

W1 definition (Shirdhonkar & Jacobs 2008, as in Rao, Moscovich & Singer
2020): embedding = detail coefficients of wavedecn, coarsest level first,
level j (0 = coarsest) multiplied by 4**(L-1-j); W1 = L1 norm of the
difference of the embeddings.
"""
import os
import warnings
import numpy as np
import pywt
import ot

OUT = os.path.join("src", "test", "resources", "fixtures", "wavelet")


def save_f32(name, arr):
    np.asarray(arr, dtype="<f4").tofile(os.path.join(OUT, name))


def flat_wavedecn(img, wavelet, mode, level):
    coeffs = pywt.wavedecn(img.astype(np.float64), wavelet, mode=mode,
                           level=level)
    parts = [coeffs[0].ravel()]
    edges = [coeffs[0].shape[0]]
    for d in coeffs[1:]:
        assert list(d.keys()) == ["ad", "da", "dd"], d.keys()
        for k in ("ad", "da", "dd"):
            assert d[k].shape[0] == d[k].shape[1]
            parts.append(d[k].ravel())
        edges.append(d["ad"].shape[0])
    return np.concatenate(parts), edges


def w1_embedding(img, wavelet, mode, level):
    coeffs = pywt.wavedecn(img.astype(np.float64), wavelet, mode=mode,
                           level=level)
    parts = []
    for j, d in enumerate(coeffs[1:]):
        w = 4.0 ** (level - 1 - j)
        for k in ("ad", "da", "dd"):
            parts.append(w * d[k].ravel())
    return np.concatenate(parts)


def w1(a, b, wavelet, mode, level):
    return float(np.abs(w1_embedding(a, wavelet, mode, level)
                        - w1_embedding(b, wavelet, mode, level)).sum())


def test_image(rng, n):
    """Smooth blobs plus noise: image-like, with all frequencies present."""
    y, x = np.mgrid[0:n, 0:n].astype(np.float64)
    img = np.zeros((n, n))
    for _ in range(3):
        cy, cx = rng.uniform(0.2 * n, 0.8 * n, 2)
        s = rng.uniform(0.05 * n, 0.2 * n)
        img += rng.uniform(0.5, 2.0) * np.exp(-((y - cy) ** 2 + (x - cx) ** 2)
                                              / (2 * s * s))
    img += 0.3 * rng.standard_normal((n, n))
    return img.astype(np.float32)


def dwt_fixtures():
    rng = np.random.default_rng(20200501)
    sizes = [32, 64, 65, 128, 200]
    inputs = {}
    for n in sizes:
        inputs[n] = test_image(rng, n)
        save_f32(f"input_N{n}.f32", inputs[n])
    cases = [("sym5", "zero", 6, n) for n in sizes]
    cases += [("db2", "zero", 6, n) for n in sizes]
    cases += [("coif3", "zero", 6, n) for n in (32, 65, 128)]
    cases += [("haar", "zero", 6, 65), ("db10", "zero", 6, 64),
              ("sym5", "zero", 1, 65), ("sym5", "zero", 0, 32)]
    for mode in ("symmetric", "constant", "periodic", "periodization"):
        cases += [("sym5", mode, 6, 32), ("sym5", mode, 6, 65)]
    cases += [("db2", "periodization", 6, 200), ("coif3", "symmetric", 4, 128)]
    rows = []
    for wav, mode, level, n in cases:
        flat, edges = flat_wavedecn(inputs[n], wav, mode, level)
        name = f"dwt_{wav}_{mode}_L{level}_N{n}.f32"
        save_f32(name, flat)
        rows.append(f"{wav}\t{mode}\t{level}\t{n}\tinput_N{n}.f32\t{name}\t"
                    f"{flat.size}\t{','.join(map(str, edges))}")
    with open(os.path.join(OUT, "dwt_cases.tsv"), "w") as fh:
        fh.write("# wavelet\tmode\tlevels\tN\tinput\tcoeffs\tcount\tedges\n")
        fh.write("\n".join(rows) + "\n")


def w1_fixtures():
    rng = np.random.default_rng(1234)
    cases = [("sym5", "zero", 6, 64), ("sym5", "zero", 6, 64),
             ("sym5", "zero", 6, 128), ("sym5", "zero", 6, 65),
             ("db2", "zero", 4, 65), ("coif3", "symmetric", 6, 32),
             ("sym5", "periodization", 3, 64)]
    rows = []
    for i, (wav, mode, level, n) in enumerate(cases):
        a = np.clip(test_image(rng, n), 0, None).astype(np.float32)
        b = np.clip(test_image(rng, n), 0, None).astype(np.float32)
        save_f32(f"w1_{i}_a.f32", a)
        save_f32(f"w1_{i}_b.f32", b)
        d = w1(a, b, wav, mode, level)
        rows.append(f"{wav}\t{mode}\t{level}\t{n}\tw1_{i}_a.f32\tw1_{i}_b.f32\t"
                    f"{d!r}")
    with open(os.path.join(OUT, "w1_cases.tsv"), "w") as fh:
        fh.write("# wavelet\tmode\tlevels\tN\ta\tb\tW1\n")
        fh.write("\n".join(rows) + "\n")


def shape(rng, n):
    """A non-negative 'particle': gaussian(s), disk or ring somewhere."""
    y, x = np.mgrid[0:n, 0:n].astype(np.float64)
    kind = rng.integers(0, 4)
    cy, cx = rng.uniform(0.25 * n, 0.75 * n, 2)
    r2 = (y - cy) ** 2 + (x - cx) ** 2
    if kind == 0:
        s = rng.uniform(1.0, 3.5)
        img = np.exp(-r2 / (2 * s * s))
    elif kind == 1:
        r = rng.uniform(2.0, 5.0)
        img = (r2 <= r * r).astype(np.float64)
    elif kind == 2:
        r = rng.uniform(3.0, 6.0)
        img = np.exp(-(np.sqrt(r2) - r) ** 2 / 2.0)
    else:
        s = rng.uniform(1.0, 2.5)
        dy, dx = rng.uniform(-6, 6, 2)
        img = np.exp(-r2 / (2 * s * s)) + rng.uniform(0.3, 1.0) * np.exp(
            -((y - cy - dy) ** 2 + (x - cx - dx) ** 2) / (2 * s * s))
    img[img < 1e-6] = 0
    return (img / img.sum()).astype(np.float32)


def emd_fixtures(n=32, pairs=48):
    rng = np.random.default_rng(42)
    y, x = np.mgrid[0:n, 0:n]
    pts = np.stack([y.ravel(), x.ravel()], axis=1).astype(np.float64)
    imgs, rows, ours, exact = [], [], [], []
    for p in range(pairs):
        a = shape(rng, n)
        b = shape(rng, n)
        imgs += [a, b]
        wa = a.astype(np.float64).ravel()
        wb = b.astype(np.float64).ravel()
        ia, ib = np.nonzero(wa)[0], np.nonzero(wb)[0]
        wa, wb = wa[ia] / wa[ia].sum(), wb[ib] / wb[ib].sum()
        m = ot.dist(pts[ia], pts[ib], metric="euclidean")
        d = float(ot.emd2(wa, wb, m, numItermax=10_000_000))
        rows.append(f"{p}\t{d!r}")
        exact.append(d)
        ours.append(w1(a, b, "sym5", "zero", 6))
    save_f32(f"emd_pairs_N{n}.f32", np.stack(imgs))
    with open(os.path.join(OUT, f"emd_pairs_N{n}.tsv"), "w") as fh:
        fh.write("# pair\texact EMD (pixels, unit mass)\n")
        fh.write("\n".join(rows) + "\n")
    ra = np.argsort(np.argsort(exact))
    rb = np.argsort(np.argsort(ours))
    print("Spearman(sym5/zero/6 W1, exact EMD) =",
          np.corrcoef(ra, rb)[0, 1], "over", pairs, "pairs")


def main():
    # pywt warns for levels beyond dwt_max_level; those are intended here
    warnings.simplefilter("ignore", UserWarning)
    os.makedirs(OUT, exist_ok=True)
    dwt_fixtures()
    w1_fixtures()
    emd_fixtures()


if __name__ == "__main__":
    main()
