#!/usr/bin/python3
"""Side study for the README (Performance, "W1: the loudest coefficients first").

A model of W1 k-means++ with pruning on partial sums: how many of the terms a
candidate (image, rotated centroid) needs before its partial sum, checked every
256 terms, passes the image's incumbent (no tail bound), for three orders of
the weighted detail coefficients: pywt's ('ref'), by decreasing standard
deviation under white pixel noise ('noise', what W1Metric now uses, here
estimated from 200 noise images), and by decreasing mean |a - b| over random
pairs of the data ('data'). Rotations by scipy's bilinear rotate.

usage: scripts/w1-order-model.py STACK.mrcs N M K   (e.g. 150 16 20; needs
python3-pywt, python3-mrcfile, python3-scipy; about 2 minutes)
"""
import numpy as np, pywt, mrcfile, scipy.ndimage as nd, sys
rng = np.random.default_rng(1)
N, M, K = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
with mrcfile.mmap(sys.argv[1], permissive=True) as f:
    imgs = np.array(f.data[:N], dtype=np.float64)
def embed(img):
    c = pywt.wavedecn(img, 'sym5', mode='zero', level=6)
    out = []
    for j, d in enumerate(c[1:]):
        w = 4.0 ** (5 - j)
        for key in ('ad', 'da', 'dd'):
            out.append(w * d[key].ravel())
    return np.concatenate(out)
E = np.array([embed(x) for x in imgs], dtype=np.float32)
dim = E.shape[1]
# level of each coefficient
lv = []
c = pywt.wavedecn(imgs[0], 'sym5', mode='zero', level=6)
for j, d in enumerate(c[1:]):
    lv += [j] * (3 * d['ad'].size)
lv = np.array(lv)
# noise-variance order (data-independent): std over white-noise images
W = np.array([embed(rng.standard_normal(imgs[0].shape)) for _ in range(200)])
noise_sd = W.std(0)
# data order: mean |a-b| over random pairs
pa, pb = rng.integers(0, N, 2000), rng.integers(0, N, 2000)
data_mad = np.abs(E[pa] - E[pb]).mean(0)
orders = {'ref': np.arange(dim), 'noise': np.argsort(-noise_sd, kind='stable'),
          'data': np.argsort(-data_mad, kind='stable')}
B = 256
cost = np.full(N, np.inf)
chosen = []
pick = rng.integers(N)
depth = {k: 0 for k in orders}; total = 0
for j in range(K):
    chosen.append(pick)
    rot = np.array([embed(nd.rotate(imgs[pick], 360.0 * r / M, reshape=False, order=1)) for r in range(M)], dtype=np.float32)
    diff = np.abs(E[:, None, :] - rot[None, :, :])  # N x M x dim
    d = diff.sum(2, dtype=np.float64)
    if j > 0:
        for name, o in orders.items():
            cs = np.cumsum(diff[:, :, o], axis=2, dtype=np.float64)[:, :, B - 1::B]
            ends = np.minimum(np.arange(1, cs.shape[2] + 1) * B, dim)
            ok = cs >= cost[:, None, None]
            first = np.where(ok.any(2), ok.argmax(2), cs.shape[2] - 1)
            depth[name] += ends[first].sum()
        total += N * M * dim
    cost = np.minimum(cost, d.min(1))
    w = cost ** 2; w[chosen] = 0
    pick = rng.choice(N, p=w / w.sum())
for name in orders:
    print(name, 'fraction computed %.4f' % (depth[name] / total))
print('noise sd by level', [round(float(noise_sd[lv == j].mean() / 4.0**(5-j)), 3) for j in range(6)])
