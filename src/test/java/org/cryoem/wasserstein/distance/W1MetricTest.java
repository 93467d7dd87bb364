package org.cryoem.wasserstein.distance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cryoem.wasserstein.wavelet.Dwt2D;
import org.cryoem.wasserstein.wavelet.WaveletFixtures;
import org.junit.jupiter.api.Test;

/** {@link W1Metric}: against Python fixtures, exact EMD ranking and contracts. */
class W1MetricTest {

	private static float[] embed(final W1Metric m, final float[] img,
		final int n)
	{
		final float[] e = new float[m.embeddingLength(n)];
		m.embed(img, n, e);
		return e;
	}

	private static double w1(final W1Metric m, final float[] a, final float[] b,
		final int n)
	{
		return m.distance(embed(m, a, n), embed(m, b, n));
	}

	@Test
	void matchesPythonW1() {
		final List<String[]> rows = WaveletFixtures.table("w1_cases.tsv");
		assertTrue(rows.size() >= 5);
		for (final String[] r : rows) {
			final W1Metric m = new W1Metric(r[0], Integer.parseInt(r[2]), r[1]);
			final int n = Integer.parseInt(r[3]);
			final double expected = Double.parseDouble(r[6]);
			final double got = w1(m, WaveletFixtures.floats(r[4]), WaveletFixtures
				.floats(r[5]), n);
			assertEquals(expected, got, 1e-4 * expected, String.join(" ", r));
		}
	}

	@Test
	void embeddingLength() {
		final W1Metric m = W1Metric.paperDefault();
		assertEquals(21291, m.embeddingLength(128));
		for (final String mode : new String[] { "zero", "symmetric",
			"periodization" })
		{
			for (final String w : new String[] { "haar", "sym5", "coif3" }) {
				for (final int levels : new int[] { 1, 3, 6 }) {
					final W1Metric mm = new W1Metric(w, levels, mode);
					for (final int n : new int[] { 1, 2, 7, 32, 65, 100, 128, 200 }) {
						assertEquals(new Dwt2D(w, mode, levels, n).detailCount(), mm
							.embeddingLength(n), mm + " N=" + n);
					}
				}
			}
		}
		// 128 → 68 → 38 → 23 → 16 → 12 → 10
		assertEquals(3 * (68 * 68 + 38 * 38 + 23 * 23 + 16 * 16 + 12 * 12 + 10 *
			10), m.embeddingLength(128));
	}

	@Test
	void weightsAndOrder() {
		final W1Metric m = W1Metric.paperDefault();
		assertEquals(1024, m.weight(0));
		assertEquals(1, m.weight(5));
		for (final int n : new int[] { 40, 128, 7 }) {
			// embedding = the weighted details of the DWT, in the metric's order
			final float[] img = randomImage(new Random(5), n);
			final Dwt2D dwt = m.transform(n);
			final double[] c = dwt.forward(img);
			final double[] variance = dwt.noiseVariance();
			final float[] e = embed(m, img, n);
			final int[] order = m.order(n);
			assertEquals(e.length, order.length);
			final int first = dwt.coefficientCount() - dwt.detailCount();
			final double[] weight = new double[dwt.coefficientCount()];
			for (int j = 0; j < 6; j++)
				for (int i = dwt.detailOffset(j, 0); i < dwt.detailOffset(j, 0) + 3 * dwt.bandSize(j) * dwt
					.bandSize(j); i++)
					weight[i] = m.weight(j);
			final boolean[] seen = new boolean[dwt.coefficientCount()];
			double previous = Double.POSITIVE_INFINITY;
			int previousIndex = -1;
			for (int o = 0; o < order.length; o++) {
				final int i = order[o];
				assertTrue(i >= first && !seen[i], "a permutation of the detail coefficients");
				seen[i] = true;
				assertEquals((float) (weight[i] * c[i]), e[o]);
				// by decreasing weight² · noise variance, ties in pywt's order
				final double key = weight[i] * weight[i] * variance[i];
				assertTrue(key < previous || key == previous && i > previousIndex, "position " + o);
				previous = key;
				previousIndex = i;
			}
		}
		// the order is not pywt's: the zero padding's quiet edges of the coarsest band move back
		final int[] order = m.order(128);
		assertTrue(order[0] != m.transform(128).detailOffset(0, 0));
	}

	/**
	 * The tail bound holds for the reference's sum of every suffix, whichever
	 * embedding has the larger norm, and is useful both ways.
	 */
	@Test
	void tailLowerBoundBothWays() {
		final W1Metric m = W1Metric.paperDefault();
		final Random rnd = new Random(21);
		final int n = 64;
		for (int t = 0; t < 20; t++) {
			final float[] a = embed(m, randomImage(rnd, n), n);
			final float[] b = embed(m, randomImage(rnd, n), n);
			final float scale = 0.2f + 2 * rnd.nextFloat();
			for (int i = 0; i < b.length; i++)
				b[i] *= scale;
			final int blocks = (a.length + m.block() - 1) / m.block();
			final double[] na = new double[blocks + 1], nb = new double[blocks + 1];
			m.suffixNorms(a, na);
			m.suffixNorms(b, nb);
			for (int k = 0; k < blocks; k++) {
				final double tail = m.partial(a, b, k * m.block(), 0, Double.POSITIVE_INFINITY);
				assertTrue(m.tailLowerBound(na[k], nb[k]) <= tail, "block " + k);
				assertTrue(m.tailLowerBound(nb[k], na[k]) <= tail, "block " + k);
			}
			if (scale > 1.5f) {
				assertTrue(m.tailLowerBound(na[0], nb[0]) > 0);
				assertTrue(m.tailLowerBound(nb[0], na[0]) > 0);
			}
		}
	}

	/**
	 * The warm-up only runs the kernels: embeddings, costs and the kernels'
	 * sums are the same after it (in a fresh metric and in one used before).
	 */
	@Test
	void warmUpChangesNothing() {
		final Random rnd = new Random(8);
		final int n = 48;
		final float[] a = randomImage(rnd, n), b = randomImage(rnd, n);
		final W1Metric used = W1Metric.paperDefault();
		final float[] ea = embed(used, a, n), eb = embed(used, b, n);
		final float[][] columns = new float[ea.length][16];
		for (int i = 0; i < ea.length; i++)
			for (int r = 0; r < 16; r++)
				columns[i][r] = eb[i] * (1 + r / 16f);
		final float[] before = new float[16], after = new float[16];
		used.accumulate(ea, columns, 0, ea.length, before, 0, 16);
		final double cost = used.partial(ea, eb, Double.POSITIVE_INFINITY);
		used.warmUp();
		final W1Metric fresh = W1Metric.paperDefault();
		fresh.warmUp();
		for (final W1Metric m : new W1Metric[] { used, fresh }) {
			assertArrayEquals(ea, embed(m, a, n));
			assertEquals(cost, m.partial(embed(m, a, n), embed(m, b, n), Double.POSITIVE_INFINITY));
			Arrays.fill(after, 0);
			m.accumulate(ea, columns, 0, ea.length, after, 0, 16);
			assertArrayEquals(before, after);
		}
	}

	/**
	 * The warm-up's stop rule, on round times like those measured at the
	 * paper's workload: a cold JVM (the Vector API loading, interpreted, a
	 * plateau in C1, then compiled) stops at the first compiled round, not on
	 * the plateau nor on a slow round; a JVM that has compiled the kernels
	 * already (rounds all alike) stops after ten rounds; and nothing runs past
	 * 2 s.
	 */
	@Test
	void warmUpStopsOnceCompiled() {
		final long ms = 1_000_000, us = 1_000;
		final long[] cold = new long[100];
		for (int r = 0; r < cold.length; r++)
			cold[r] = r == 0 ? 67 * ms : r < 4 ? 24 * ms / r : r < 95 ? 2600 * us : 40 * us;
		cold[13] = 27 * ms; // a slow round on the plateau (a safepoint, a compilation)
		assertEquals(95, stop(cold));
		final long[] warm = new long[30];
		Arrays.fill(warm, 40 * us);
		warm[0] = 300 * us;
		warm[3] = 70 * us;
		assertEquals(10, stop(warm));
		final long[] slow = new long[2000];
		Arrays.fill(slow, 5 * ms); // never compiled: stops after 2 s
		slow[0] = 67 * ms;
		slow[1] = 24 * ms;
		assertEquals(383, stop(slow));
	}

	/** The round after which {@link W1Metric#warmUp} stops, for these round times. */
	private static int stop(final long[] rounds) {
		final W1Metric.WarmUpRounds rule = new W1Metric.WarmUpRounds();
		for (int r = 0; r < rounds.length; r++)
			if (rule.done(rounds[r])) return r;
		return -1;
	}

	@Test
	void zeroForIdenticalAndSymmetric() {
		final W1Metric m = W1Metric.paperDefault();
		final Random rnd = new Random(11);
		final int n = 64;
		final float[] a = randomImage(rnd, n), b = randomImage(rnd, n);
		final float[] ea = embed(m, a, n), eb = embed(m, b, n);
		assertEquals(0, m.distance(ea, embed(m, a.clone(), n)));
		final double ab = m.distance(ea, eb);
		assertTrue(ab > 0);
		assertEquals(ab, m.distance(eb, ea));
		assertEquals(ab, m.finish(m.cost(ab)));
	}

	/** Two smooth disks: W1 grows with their separation, like EMD. */
	@Test
	void growsWithSeparation() {
		final W1Metric m = W1Metric.paperDefault();
		final int n = 64;
		final float[] ref = disk(n, 32, 32, 6);
		final float[] eref = embed(m, ref, n);
		double prev = 0;
		final int[] shifts = { 1, 3, 6, 10, 15, 20 };
		final double[] d = new double[shifts.length];
		for (int i = 0; i < shifts.length; i++) {
			d[i] = m.distance(eref, embed(m, disk(n, 32, 32 + shifts[i], 6), n));
			assertTrue(d[i] > prev * 1.05, "not increasing: " + Arrays.toString(d));
			prev = d[i];
		}
	}

	/** Rank agreement with exact EMD computed by POT (ot.emd2). */
	@Test
	void ranksLikeExactEmd() {
		final int n = 32;
		final float[] all = WaveletFixtures.floats("emd_pairs_N32.f32");
		final List<String[]> rows = WaveletFixtures.table("emd_pairs_N32.tsv");
		final int pairs = rows.size();
		assertTrue(pairs >= 40);
		assertEquals(2 * pairs * n * n, all.length);
		final W1Metric m = W1Metric.paperDefault();
		final double[] exact = new double[pairs], ours = new double[pairs];
		for (int p = 0; p < pairs; p++) {
			exact[p] = Double.parseDouble(rows.get(p)[1]);
			final float[] a = Arrays.copyOfRange(all, 2 * p * n * n, (2 * p + 1) *
				n * n);
			final float[] b = Arrays.copyOfRange(all, (2 * p + 1) * n * n, (2 * p +
				2) * n * n);
			ours[p] = w1(m, a, b, n);
		}
		final double rho = spearman(exact, ours);
		assertTrue(rho >= 0.9, "Spearman " + rho);
		// the statistic can fail: reversed ranking gives -rho
		final double[] negated = new double[pairs];
		for (int p = 0; p < pairs; p++) negated[p] = -ours[p];
		assertEquals(-rho, spearman(exact, negated), 1e-12);
	}

	@Test
	void spearmanWithTies() {
		assertEquals(1.0, spearman(new double[] { 1, 2, 2, 3 }, new double[] { 10,
			20, 20, 30 }), 1e-12);
		assertEquals(-1.0, spearman(new double[] { 1, 2, 3 }, new double[] { 3, 2,
			1 }), 1e-12);
		// ranks 1, 2.5, 2.5, 4 vs 1, 2, 3, 4: Pearson of the ranks
		assertEquals(0.9486832980505138, spearman(new double[] { 1, 2, 2, 3 },
			new double[] { 1, 2, 3, 4 }), 1e-12);
	}

	@Test
	void partialEarlyExitContract() {
		final W1Metric m = W1Metric.paperDefault();
		final Random rnd = new Random(17);
		final int n = 128;
		final float[] a = embed(m, randomImage(rnd, n), n);
		final float[] b = embed(m, randomImage(rnd, n), n);
		final double full = m.partial(a, b, Double.POSITIVE_INFINITY);
		assertEquals(full, m.distance(a, b));
		// bound above the exact cost: the exact cost, bit for bit
		for (final double f : new double[] { 1.0000001, 1.5, 10 }) {
			assertEquals(full, m.partial(a, b, full * f));
		}
		// bound at or below: some value >= bound, and it really exits early
		for (final double f : new double[] { 1, 0.999, 0.5, 0.01 }) {
			assertTrue(m.partial(a, b, full * f) >= full * f);
		}
		assertTrue(m.partial(a, b, full * 0.01) < full, "no early exit");
		assertTrue(m.partial(a, b, full * 0.01) <= full);
		// fixed order: same cost as a reference block summation
		double ref = 0;
		for (int s = 0; s < a.length; s += 256) {
			float blk = 0;
			for (int i = s; i < Math.min(a.length, s + 256); i++) blk += Math.abs(
				a[i] - b[i]);
			ref += blk;
		}
		assertEquals(ref, full);
	}

	@Test
	void threadSafeEmbedding() throws Exception {
		final W1Metric m = W1Metric.paperDefault();
		final Random rnd = new Random(23);
		final int[] sizes = { 32, 65, 128, 65, 32, 128, 100, 64 };
		final List<float[]> imgs = new ArrayList<>();
		final List<float[]> expected = new ArrayList<>();
		for (final int n : sizes) {
			final float[] img = randomImage(rnd, n);
			imgs.add(img);
			expected.add(embed(new W1Metric("sym5", 6, "zero"), img, n));
		}
		final ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			final List<Future<Boolean>> fs = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				final int off = t;
				fs.add(pool.submit(() -> {
					for (int rep = 0; rep < 5; rep++) {
						for (int i = 0; i < sizes.length; i++) {
							final int k = (i + off) % sizes.length;
							if (!Arrays.equals(expected.get(k), embed(m, imgs.get(k),
								sizes[k]))) return false;
						}
					}
					return true;
				}));
			}
			for (final Future<Boolean> f : fs) assertTrue(f.get());
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void rejectsBadParameters() {
		final IllegalArgumentException e = assertThrows(
			IllegalArgumentException.class, () -> new W1Metric("mexh", 6, "zero"));
		assertTrue(e.getMessage().contains("supported"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> new W1Metric("sym5", 6,
			"smooth"));
		assertThrows(IllegalArgumentException.class, () -> new W1Metric("sym5", 0,
			"zero"));
		assertEquals("w1", W1Metric.paperDefault().name());
		assertArrayEquals(new Object[] { "sym5", 6, "zero" }, new Object[] {
			W1Metric.paperDefault().wavelet().name(), W1Metric.paperDefault()
				.levels(), W1Metric.paperDefault().mode().pywtName() });
	}

	// --- helpers ---

	private static float[] randomImage(final Random rnd, final int n) {
		final float[] img = new float[n * n];
		for (int i = 0; i < img.length; i++) img[i] = (float) Math.max(0, rnd
			.nextGaussian());
		return img;
	}

	/** Unit-mass disk with a soft (1 px) edge. */
	private static float[] disk(final int n, final double cy, final double cx,
		final double r)
	{
		final float[] img = new float[n * n];
		double sum = 0;
		for (int y = 0; y < n; y++) {
			for (int x = 0; x < n; x++) {
				final double d = Math.hypot(y - cy, x - cx);
				final double v = Math.min(1, Math.max(0, r + 0.5 - d));
				img[y * n + x] = (float) v;
				sum += v;
			}
		}
		for (int i = 0; i < img.length; i++) img[i] /= sum;
		return img;
	}

	/** Spearman's rho: Pearson correlation of average ranks (ties averaged). */
	static double spearman(final double[] x, final double[] y) {
		return pearson(ranks(x), ranks(y));
	}

	private static double[] ranks(final double[] v) {
		final Integer[] idx = new Integer[v.length];
		for (int i = 0; i < idx.length; i++) idx[i] = i;
		Arrays.sort(idx, (p, q) -> Double.compare(v[p], v[q]));
		final double[] r = new double[v.length];
		for (int i = 0; i < idx.length;) {
			int j = i;
			while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) j++;
			final double avg = (i + j) / 2.0 + 1;
			for (int k = i; k <= j; k++) r[idx[k]] = avg;
			i = j + 1;
		}
		return r;
	}

	private static double pearson(final double[] x, final double[] y) {
		double mx = 0, my = 0;
		for (int i = 0; i < x.length; i++) {
			mx += x[i];
			my += y[i];
		}
		mx /= x.length;
		my /= y.length;
		double sxy = 0, sxx = 0, syy = 0;
		for (int i = 0; i < x.length; i++) {
			sxy += (x[i] - mx) * (y[i] - my);
			sxx += (x[i] - mx) * (x[i] - mx);
			syy += (y[i] - my) * (y[i] - my);
		}
		return sxy / Math.sqrt(sxx * syy);
	}
}
