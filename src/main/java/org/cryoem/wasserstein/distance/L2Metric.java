package org.cryoem.wasserstein.distance;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Plain Euclidean (L2) distance between images: the embedding is the image's
 * pixels, reordered from the centre outwards (by distance from the pixel
 * centre ((N−1)/2, (N−1)/2), ties in raster order); the cost is the sum of
 * squared differences and the distance its square root.
 * <p>
 * The order changes nothing but the float rounding of the sums; it puts the
 * particle first and the outside of the circular mask, where every masked
 * image is zero, last, where the fast search's inner products
 * ({@link InnerProducts}) stop.
 * </p>
 */
public final class L2Metric implements Metric {

	/** Per image size: the pixel index of each embedding element. */
	private final ConcurrentHashMap<Integer, int[]> orders = new ConcurrentHashMap<>();

	/** Name used on the command line and in macros. */
	public static final String NAME = "l2";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public int embeddingLength(final int size) {
		return size * size;
	}

	@Override
	public void embed(final float[] image, final int size, final float[] out) {
		final int[] order = orders.computeIfAbsent(size, L2Metric::centreOut);
		for (int i = 0; i < order.length; i++)
			out[i] = image[order[i]];
	}

	/** The pixel index (y·N + x) of every embedding element, for size×size images (a new array). */
	public int[] pixelOrder(final int size) {
		return orders.computeIfAbsent(size, L2Metric::centreOut).clone();
	}

	/** Pixel indices of a size×size image by distance from the centre, ties in raster order. */
	private static int[] centreOut(final int size) {
		final long[] keys = new long[size * size];
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				// (2x − (N−1))² + (2y − (N−1))² is an exact integer: 4× the squared radius
				final long dx = 2L * x - (size - 1), dy = 2L * y - (size - 1);
				keys[y * size + x] = (dx * dx + dy * dy) << 32 | (y * size + x);
			}
		java.util.Arrays.sort(keys);
		final int[] order = new int[keys.length];
		for (int i = 0; i < order.length; i++)
			order[i] = (int) keys[i];
		return order;
	}

	@Override
	public int block() {
		return BLOCK;
	}

	@Override
	public double partial(final float[] a, final float[] b, final int from, final double sum0,
		final double bound)
	{
		final int n = a.length;
		double sum = sum0;
		for (int start = from; start < n; start += BLOCK) {
			final int end = Math.min(n, start + BLOCK);
			float s = 0;
			for (int i = start; i < end; i++) {
				final float d = a[i] - b[i];
				s += d * d;
			}
			sum += s;
			if (sum >= bound) return sum;
		}
		return sum;
	}

	/**
	 * The plain loop (the fast search screens L2 by inner products instead,
	 * {@link InnerProducts}; this serves the partial-sum interface).
	 */
	@Override
	public void accumulate(final float[] e, final float[][] columns, final int from, final int to,
		final float[] acc, final int r0, final int r1)
	{
		accumulateScalar(e, columns, from, to, acc, r0, r1);
	}

	/**
	 * The scalar {@link #accumulate} (package-private for tests): the inner loop
	 * over candidates r is a plain map that C2 vectorises; unrolling over four
	 * elements keeps each candidate's float additions in increasing element
	 * order.
	 */
	static void accumulateScalar(final float[] e, final float[][] columns, final int from,
		final int to, final float[] acc, final int r0, final int r1)
	{
		int i = from;
		for (; i + 4 <= to; i += 4) {
			final float v0 = e[i], v1 = e[i + 1], v2 = e[i + 2], v3 = e[i + 3];
			final float[] c0 = columns[i], c1 = columns[i + 1], c2 = columns[i + 2], c3 = columns[i + 3];
			for (int r = r0; r < r1; r++) {
				float s = acc[r];
				final float d0 = v0 - c0[r], d1 = v1 - c1[r], d2 = v2 - c2[r], d3 = v3 - c3[r];
				s += d0 * d0;
				s += d1 * d1;
				s += d2 * d2;
				s += d3 * d3;
				acc[r] = s;
			}
		}
		for (; i < to; i++) {
			final float v = e[i];
			final float[] c = columns[i];
			for (int r = r0; r < r1; r++) {
				final float d = v - c[r];
				acc[r] += d * d;
			}
		}
	}

	/** The plain loop, as {@link #accumulate}. */
	@Override
	public void accumulateGroups(final float[][] es, final int[] r0s, final int count,
		final int lanes, final float[][] columns, final int from, final int to, final float[] acc)
	{
		accumulateGroupsScalar(es, r0s, 0, count, lanes, columns, from, to, acc);
	}

	/** The scalar {@link #accumulateGroups} for groups p0 .. count−1 (package-private for tests). */
	static void accumulateGroupsScalar(final float[][] es, final int[] r0s, final int p0,
		final int count, final int lanes, final float[][] columns, final int from, final int to,
		final float[] acc)
	{
		for (int p = p0; p < count; p++) {
			final float[] e = es[p];
			final int r0 = r0s[p], o = p * lanes;
			for (int i = from; i < to; i++) {
				final float v = e[i];
				final float[] c = columns[i];
				for (int j = 0; j < lanes; j++) {
					final float d = v - c[r0 + j];
					acc[o + j] += d * d;
				}
			}
		}
	}

	@Override
	public void suffixNorms(final float[] v, final double[] out) {
		final int blocks = (v.length + BLOCK - 1) / BLOCK;
		double total = 0;
		out[blocks] = 0;
		for (int b = blocks - 1; b >= 0; b--) {
			for (int i = b * BLOCK, end = Math.min(v.length, i + BLOCK); i < end; i++)
				total += (double) v[i] * v[i];
			out[b] = Math.sqrt(total);
		}
	}
	/**
	 * Σ(a−b)² ≥ (‖a‖ − ‖b‖)²; the margin (relative 1e-4 plus 1e-9 of the
	 * squared norms) exceeds the float error of 256-term block sums.
	 */
	@Override
	public double tailLowerBound(final double na, final double nb) {
		final double d = Math.abs(na - nb);
		final double lb = d * d * (1 - 1e-4) - 1e-9 * (na + nb) * (na + nb);
		return lb > 0 ? lb : 0;
	}

	@Override
	public boolean squaredEuclidean() {
		return true;
	}

	@Override
	public double finish(final double cost) {
		return Math.sqrt(cost);
	}

	@Override
	public double cost(final double distance) {
		return distance * distance;
	}

	/** Block length between early-exit checks; sums inside a block are float. */
	static final int BLOCK = 256;
}
