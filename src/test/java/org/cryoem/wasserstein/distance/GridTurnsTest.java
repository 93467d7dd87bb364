package org.cryoem.wasserstein.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.cryoem.wasserstein.image.CircularMask;
import org.cryoem.wasserstein.image.Rotation;
import org.junit.jupiter.api.Test;

/**
 * The L2 screen's inner products with all m rotations from the rotations by
 * less than a turn of 360°/g: within the error bound they promise for every
 * input, and tight for ordinary images.
 */
class GridTurnsTest {

	private static final L2Metric L2 = new L2Metric();

	/** Σ x·y over [from, to) as the search computes it: float sums of 256 terms, added into a double. */
	private static double dot(final float[] x, final float[] y, final int from, final int to) {
		double sum = 0;
		for (int b = from; b < to; b += InnerProducts.BLOCK) {
			float s = 0;
			for (int i = b; i < Math.min(to, b + InnerProducts.BLOCK); i++)
				s += x[i] * y[i];
			sum += s;
		}
		return sum;
	}

	private static double norm(final float[] v) {
		double s = 0;
		for (final float x : v)
			s += (double) x * x;
		return Math.sqrt(s);
	}

	/**
	 * For sizes odd and even, m with g = 4, 2 and 1, masked and unmasked
	 * images of several kinds: the combined inner products are within
	 * {@link GridTurns#error} of the exact ⟨a, X_r'⟩ for every rotation r' of
	 * the centroid, and the bound is far below the norms' product.
	 */
	@Test
	void innerProductsOfAllRotationsWithinTheBound() {
		final Random random = new Random(4);
		for (final int size : new int[] { 1, 2, 5, 8, 9, 16, 17, 31 })
			for (final int m : new int[] { 8, 12, 20, 6, 10, 5, 7 })
				for (int kind = 0; kind < 3; kind++)
					check(random, size, m, kind, kind == 2 ? (size - 1) / 2.0 : 0);
	}

	/**
	 * kind 0: Gaussian images; 1: the image is the centroid plus a little
	 * noise (inner products near the norms); 2: values of wide magnitudes.
	 */
	private static void check(final Random random, final int size, final int m, final int kind,
		final double radius)
	{
		final int dim = size * size, g = Rotation.symmetry(m), q = m / g;
		final float[] image = new float[dim], centroid = new float[dim];
		for (int p = 0; p < dim; p++) {
			centroid[p] = (float) random.nextGaussian();
			image[p] = kind == 1 ? centroid[p] + (float) (0.01 * random.nextGaussian())
				: kind == 2 ? (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4))
					: (float) random.nextGaussian();
		}
		final float[] masked = new float[dim];
		new CircularMask(size, radius).apply(image, masked);
		final float[] a = new float[dim];
		L2.embed(masked, size, a);
		int support = 0;
		for (int i = 0; i < dim; i++)
			if (a[i] != 0) support = i + 1;
		final GridTurns turns = new GridTurns(size, m, L2.pixelOrder(size), support);
		assertEquals(g, turns.order());
		final int length = turns.length(), segments = turns.segments();
		final float[] x = new float[segments * length], y = new float[segments * length];
		final double[] nx = new double[segments], ny = new double[segments], sums =
			new double[segments], c = new double[g];
		turns.image(a, x);
		turns.norms(x, nx);
		final double na = norm(a);
		final float[] buffer = new float[dim], b = new float[dim], turned = new float[dim];
		for (int r = 0; r < q; r++) {
			Rotation.rotate(centroid, size, r, m, buffer);
			L2.embed(buffer, size, b);
			turns.candidate(b, y);
			turns.norms(y, ny);
			for (int j = 0; j < segments; j++)
				sums[j] = dot(x, y, j * length, (j + 1) * length);
			final int centre = turns.centre();
			turns.combine(sums, 0, 1, centre < 0 ? 0 : (double) a[centre] * b[centre], c);
			final double error = turns.error(nx, ny, na, norm(b));
			for (int s = 0; s < g; s++) {
				Rotation.rotate(centroid, size, r + s * q, m, buffer);
				final float[] reference = new float[dim];
				L2.embed(buffer, size, reference);
				if (s > 0) {
					turns.turn(b, s, turned);
					for (int i = 0; i < dim; i++)
						assertEquals(Float.floatToRawIntBits(reference[i]), Float.floatToRawIntBits(
							turned[i]), "turned embedding, element " + i);
				}
				double exact = 0;
				for (int i = 0; i < dim; i++)
					exact += (double) a[i] * reference[i];
				final String what = "size " + size + ", m " + m + ", kind " + kind + ", r " + (r + s *
					q) + ": " + c[s] + " vs " + exact + " ± " + error;
				assertTrue(Math.abs(c[s] - exact) <= error, what);
				assertTrue(error <= 2e-4 * na * norm(reference) + 1e-300, "tight: " + what);
			}
		}
	}

	/**
	 * The orbits cover every pixel but the centre exactly once: the segments
	 * keep the image's energy (g = 4: (‖u+v‖² + ‖u−v‖²)/2 + ‖w‖² + ‖z‖² = ‖u‖² +
	 * ‖v‖² + ‖w‖² + ‖z‖² = 2Σa²; g = 2: ‖a₀+a₁‖² + ‖a₀−a₁‖² = 2Σa²), and the
	 * third segment is w + z.
	 */
	@Test
	void segmentsKeepTheEnergy() {
		final Random random = new Random(8);
		for (final int size : new int[] { 6, 7, 12 })
			for (final int m : new int[] { 4, 2, 3 }) {
				final int dim = size * size;
				final float[] a = new float[dim];
				for (int i = 0; i < dim; i++)
					a[i] = (float) random.nextGaussian();
				final GridTurns turns = new GridTurns(size, m, L2.pixelOrder(size), dim);
				final int g = turns.order(), length = turns.length(), centre = turns.centre();
				assertEquals(size % 2 == 1 && g > 1, centre >= 0, "the centre is its own orbit for odd N");
				assertEquals((dim - (centre >= 0 ? 1 : 0)) / g, length);
				final float[] x = new float[turns.segments() * length];
				final double[] n = new double[turns.segments()];
				turns.image(a, x);
				turns.norms(x, n);
				double rest = 0;
				for (int i = 0; i < dim; i++)
					if (i != centre) rest += (double) a[i] * a[i];
				final String what = "size " + size + ", m " + m;
				if (g == 1) assertEquals(rest, n[0] * n[0], 1e-5 * rest, what);
				else if (g == 2) assertEquals(2 * rest, n[0] * n[0] + n[1] * n[1], 1e-5 * rest, what);
				else {
					assertEquals(2 * rest, (n[0] * n[0] + n[1] * n[1]) / 2 + n[3] * n[3] + n[4] * n[4],
						1e-5 * rest, what);
					for (int o = 0; o < length; o++)
						assertEquals(x[3 * length + o] + x[4 * length + o], x[2 * length + o], 1e-5, what);
				}
			}
	}

	/**
	 * The L2 screen bounds every candidate's slack by that of the batch's
	 * largest segment norms and norm: {@link GridTurns#error} and
	 * {@link InnerProducts#slack} may not fall when a candidate's norms grow
	 * (their float roundings included), over wide magnitudes.
	 */
	@Test
	void errorAndSlackGrowWithTheCandidateNorms() {
		final Random random = new Random(12);
		for (final int m : new int[] { 4, 2, 3 }) {
			final GridTurns turns = new GridTurns(9, m, L2.pixelOrder(9), 81);
			final int segments = turns.segments();
			for (int trial = 0; trial < 2000; trial++) {
				final double scale = Math.pow(10, random.nextInt(60) - 30);
				final double[] ni = new double[segments], nc = new double[segments];
				final double[] big = new double[segments];
				for (int j = 0; j < segments; j++) {
					ni[j] = scale * random.nextDouble();
					nc[j] = scale * random.nextDouble();
					big[j] = random.nextBoolean() ? nc[j] : Math.nextUp(nc[j]) * (1 + random.nextDouble());
				}
				final double na = scale * random.nextDouble(), nb = scale * random.nextDouble();
				final double nbBig = random.nextBoolean() ? nb : nb * (1 + random.nextDouble());
				final double e = turns.error(ni, nc, na, nb), eBig = turns.error(ni, big, na, nbBig);
				assertTrue(eBig >= e, "error " + e + " > " + eBig);
				assertTrue(InnerProducts.slack(na, nbBig, eBig) >= InnerProducts.slack(na, nb, e), "slack");
			}
		}
	}
}
