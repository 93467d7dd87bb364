package org.cryoem.wasserstein.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The L2 fast search's screening: the inner-product kernels, and the bounds
 * they give on the reference cost, which must hold for every input (the
 * search relies on them to skip candidates) and be tight for ordinary images
 * (else the search would compute everything again).
 */
class InnerProductsTest {

	private static final L2Metric L2 = new L2Metric();

	/** ⟨a, b⟩ as the L2 search computes it: float sums over blocks, added into a double. */
	private static double dot(final float[] a, final float[] b, final boolean scalar) {
		final int n = a.length, rows = InnerProducts.ROWS;
		final float[][] columns = new float[n][16];
		for (int i = 0; i < n; i++)
			columns[i][3] = b[i]; // candidate 3 of 16
		final float[][] es = new float[rows][];
		for (int q = 0; q < rows; q++)
			es[q] = a;
		double sum = 0;
		for (int from = 0; from < n; from += InnerProducts.BLOCK) {
			final int to = Math.min(n, from + InnerProducts.BLOCK);
			final float[] out = new float[rows * 16];
			if (scalar) InnerProducts.dotsScalar(es, columns, from, to, out, 16, 0, 16);
			else search(es, columns, from, to, out, 16, 0, 16);
			for (int q = 1; q < rows; q++)
				assertEquals(Float.floatToRawIntBits(out[3]), Float.floatToRawIntBits(out[q * 16 + 3]),
					"every row of the same image gets the same sum");
			sum += out[3];
		}
		return sum;
	}

	/**
	 * The inner products as the search computes them: in panels with the
	 * Vector API kernel ({@link InnerProducts#dotsPanels}), else in columns.
	 */
	private static void search(final float[][] es, final float[][] columns, final int from,
		final int to, final float[] out, final int stride, final int r0, final int r1)
	{
		final int w = InnerProducts.panelWidth();
		if (w == 0) {
			InnerProducts.dots(es, columns, from, to, out, stride, r0, r1);
			return;
		}
		final int m = columns[0].length;
		final float[][] panels = new float[(m + w - 1) / w][columns.length * w];
		for (int i = 0; i < columns.length; i++)
			for (int r = 0; r < m; r++)
				panels[r / w][i * w + r % w] = columns[i][r];
		InnerProducts.dotsPanels(new float[][][] { es }, 1, panels, from, to, new float[][] { out },
			stride, r0, r1);
	}

	private static double norm(final float[] v) {
		final double[] norms = new double[(v.length + L2.block() - 1) / L2.block() + 1];
		L2.suffixNorms(v, norms);
		return norms[0];
	}

	/**
	 * kind 0: Gaussian images; 1: b = a plus a tiny change (cost ≈ 0, all
	 * cancellation); 2: b = a; 3: wide magnitudes; 4: tiny values that
	 * underflow in float; 5: huge values whose float products overflow;
	 * 6: sparse 0/±1 values; 7: a constant offset far larger than the
	 * differences.
	 */
	private static void fill(final Random random, final int kind, final float[] a, final float[] b) {
		for (int i = 0; i < a.length; i++) {
			final double g = random.nextGaussian(), h = random.nextGaussian();
			switch (kind) {
				case 1:
					a[i] = (float) g;
					b[i] = random.nextInt(50) == 0 ? Math.nextUp(a[i]) : a[i];
					break;
				case 2:
					a[i] = b[i] = (float) g;
					break;
				case 3:
					a[i] = (float) (g * Math.pow(10, random.nextInt(13) - 6));
					b[i] = (float) (h * Math.pow(10, random.nextInt(13) - 6));
					break;
				case 4:
					a[i] = (float) (g * 1e-22);
					b[i] = (float) (h * 1e-22);
					break;
				case 5:
					a[i] = (float) (g * 1e19);
					b[i] = (float) (h * 1e19);
					break;
				case 6:
					a[i] = random.nextInt(3) - 1;
					b[i] = random.nextInt(3) - 1;
					break;
				case 7:
					a[i] = (float) (1000 + g * 1e-2);
					b[i] = (float) (1000 + h * 1e-2);
					break;
				default:
					a[i] = (float) g;
					b[i] = (float) (0.3 * g + h);
			}
		}
	}

	@Test
	void boundsHoldTheReferenceCost() {
		final Random random = new Random(3);
		for (final int n : new int[] { 1, 7, 255, 256, 257, 1000, 4096, 16384 }) {
			for (int kind = 0; kind < 8; kind++) {
				for (int rep = 0; rep < 3; rep++) {
					final float[] a = new float[n], b = new float[n];
					fill(random, kind, a, b);
					final double reference = L2.partial(a, b, Double.POSITIVE_INFINITY);
					for (final boolean scalar : new boolean[] { false, true }) {
						final double d = dot(a, b, scalar), na = norm(a), nb = norm(b);
						final double slack = InnerProducts.slack(na, nb, InnerProducts.gamma() * na * nb);
						final double lo = InnerProducts.lower(na * na + nb * nb - 2 * d, slack), hi =
							InnerProducts.upper(na * na + nb * nb - 2 * d, slack);
						final String what = "n " + n + ", kind " + kind + ", scalar " + scalar + ": " + lo +
							" <= " + reference + " <= " + hi;
						// NaN bounds (overflow) make the search compute the cost itself
						assertTrue(!(lo > reference), what);
						assertTrue(!(hi < reference), what);
						assertTrue(lo >= 0 || Double.isNaN(lo), what);
						if (kind == 0 && n >= 256) assertTrue(hi - lo < 1e-3 * reference, "tight: " + what);
					}
				}
			}
		}
	}

	/** The overflow case really overflows: its bounds say nothing, and the search computes the cost. */
	@Test
	void overflowGivesNoBound() {
		final Random random = new Random(5);
		final float[] a = new float[1000], b = new float[1000];
		fill(random, 5, a, b);
		final double d = dot(a, b, false), na = norm(a), nb = norm(b);
		assertTrue(Double.isInfinite(d) || Double.isNaN(d), "float products overflow: " + d);
		final double slack = InnerProducts.slack(na, nb, InnerProducts.gamma() * na * nb);
		assertTrue(Double.isNaN(InnerProducts.lower(na * na + nb * nb - 2 * d, slack)), "no lower bound");
		assertTrue(Double.isNaN(InnerProducts.upper(na * na + nb * nb - 2 * d, slack)), "no upper bound");
		// an overflowed inner product gives no bound (never −∞ above, which would
		// skip every candidate, nor +∞ below, which would skip this one)
		for (final double estimate : new double[] { Double.POSITIVE_INFINITY,
			Double.NEGATIVE_INFINITY, Double.NaN })
		{
			assertTrue(Double.isNaN(InnerProducts.lower(estimate, 1)), "lower, " + estimate);
			assertTrue(Double.isNaN(InnerProducts.upper(estimate, 1)), "upper, " + estimate);
		}
		assertTrue(Double.isNaN(InnerProducts.upper(1, Double.POSITIVE_INFINITY)), "infinite slack");
		assertTrue(Double.isNaN(InnerProducts.lower(1, Double.POSITIVE_INFINITY)), "infinite slack");
	}

	/** The kernels agree with the exact inner product within the float error bound they promise. */
	@Test
	void kernelsWithinTheDotProductErrorBound() {
		final Random random = new Random(9);
		final int rows = InnerProducts.ROWS, m = 208, n = 256;
		final float[][] columns = new float[n][m];
		final float[][] es = new float[rows][n];
		for (final float[] e : es)
			for (int i = 0; i < n; i++)
				e[i] = (float) random.nextGaussian();
		for (final float[] c : columns)
			for (int r = 0; r < m; r++)
				c[r] = (float) random.nextGaussian();
		final double gamma = n * 0x1p-24 / (1 - n * 0x1p-24);
		for (final int[] range : new int[][] { { 0, m }, { 0, 16 }, { 16, 48 }, { 32, 208 }, { 3, 200 },
			{ 100, 101 } })
		{
			for (final boolean scalar : new boolean[] { false, true }) {
				// the block's sums are computed from zero, then added to what out holds
				final float[] out = new float[rows * m], before = new float[rows * m];
				for (int i = 0; i < out.length; i++)
					out[i] = before[i] = (float) (100 * random.nextGaussian());
				if (scalar) InnerProducts.dotsScalar(es, columns, 0, n, out, m, range[0], range[1]);
				else search(es, columns, 0, n, out, m, range[0], range[1]);
				for (int q = 0; q < rows; q++)
					for (int r = 0; r < m; r++) {
						double exact = 0, abs = 0;
						for (int i = 0; i < n; i++) {
							exact += (double) es[q][i] * columns[i][r];
							abs += Math.abs((double) es[q][i] * columns[i][r]);
						}
						final float got = out[q * m + r], was = before[q * m + r];
						if (r < range[0] || r >= range[1]) assertEquals(was, got, "outside the range");
						else {
							// got = fl(was + s) for the block's float sum s: s lies in an
							// interval around got − was of half an ulp of got
							final double s = (double) got - was, slack = Math.ulp(got);
							assertTrue(Math.abs(s - exact) <= gamma * abs + slack, "row " + q + ", candidate " + r +
								": " + s + " vs " + exact);
						}
					}
			}
		}
	}

	@Test
	void refusesWhatTheBoundsDoNotCover() {
		final float[][] columns = new float[600][16];
		final float[] e = new float[600];
		final float[][] twelve = new float[InnerProducts.ROWS][];
		java.util.Arrays.fill(twelve, e);
		assertThrows(IllegalArgumentException.class, () -> InnerProducts.dots(twelve, columns, 0, 300,
			new float[16 * InnerProducts.ROWS], 16, 0, 16));
		assertThrows(IllegalArgumentException.class, () -> InnerProducts.dots(new float[][] { e },
			columns, 0, 10, new float[16], 16, 0, 16));
		final int w = InnerProducts.panelWidth();
		if (w > 0) {
			final float[][] panels = new float[(16 + w - 1) / w][600 * w];
			assertThrows(IllegalArgumentException.class, () -> InnerProducts.dotsPanels(new float[][][] {
				twelve }, 1, panels, 0, 300, new float[][] { new float[16 * InnerProducts.ROWS] }, 16, 0, 16));
			assertThrows(IllegalArgumentException.class, () -> InnerProducts.dotsPanels(new float[][][] {
				{ e } }, 1, panels, 0, 10, new float[][] { new float[16] }, 16, 0, 16));
		}
	}
}
