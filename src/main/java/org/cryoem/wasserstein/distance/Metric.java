package org.cryoem.wasserstein.distance;

/**
 * A distance between N×N images, factored as an embedding into a feature
 * vector followed by a cheap vector distance, so that each image and each
 * rotated centroid is embedded once and compared many times.
 * <p>
 * Implementations are immutable and thread-safe.
 * </p>
 */
public interface Metric {

	/** @return short lower-case name, e.g. "w1" or "l2" */
	String name();

	/** @return length of the embedding of one size×size image */
	int embeddingLength(int size);

	/**
	 * Embeds one image.
	 *
	 * @param image size·size pixels, row-major; not modified
	 * @param size edge length N
	 * @param out receives {@link #embeddingLength(int)} values
	 */
	void embed(float[] image, int size, float[] out);

	/**
	 * The distance between two embeddings.
	 */
	default double distance(final float[] a, final float[] b) {
		return finish(partial(a, b, Double.POSITIVE_INFINITY));
	}

	/**
	 * A monotone "partial cost" between two embeddings, with early exit: the
	 * exact cost if it is below {@code bound}, otherwise some value
	 * {@code >= bound}. The terms are accumulated in a fixed order, so the
	 * returned value never depends on the bound when it is below it.
	 * {@link #finish} turns a cost into a distance (identity for W1, square
	 * root for L2).
	 */
	default double partial(final float[] a, final float[] b, final double bound) {
		return partial(a, b, 0, 0, bound);
	}

	/**
	 * {@link #partial(float[], float[], double)} resumed at element {@code from}
	 * (0 or a multiple of {@link #block()}), with {@code sum} the double total
	 * of the blocks before it as {@link #accumulate} and the reference order
	 * compute it: the result is bit-identical to the uninterrupted sum.
	 */
	double partial(float[] a, float[] b, int from, double sum, double bound);

	/**
	 * The fixed summation order of {@link #partial}: the terms of each block of
	 * this many consecutive elements are added one by one, in increasing index,
	 * into a float that starts at 0; the block sums are added, in block order,
	 * into a double that starts at 0.
	 */
	int block();

	/**
	 * Column kernel for the fast search (several candidates at once, in the
	 * same per-candidate order as {@link #partial}): for every element i in
	 * [from, to), in increasing i, and every candidate r in [r0, r1),
	 * {@code acc[r] += term(e[i], columns[i][r])} in float arithmetic, where
	 * {@code columns[i][r]} is element i of candidate r.
	 */
	void accumulate(float[] e, float[][] columns, int from, int to, float[] acc, int r0, int r1);

	/**
	 * {@link #accumulate} for four embeddings at once (the fast search's dense
	 * blocks, where most candidates of four images are still alive): the sums
	 * of {@code es[q]} go to {@code accs[q]}, q &lt; 4, each candidate's terms in
	 * the same order as {@link #accumulate}. The same embedding may be passed
	 * more than once, with different sums. This default calls
	 * {@link #accumulate} four times.
	 */
	default void accumulate4(final float[][] es, final float[][] columns, final int from,
		final int to, final float[][] accs, final int r0, final int r1)
	{
		for (int q = 0; q < 4; q++)
			accumulate(es[q], columns, from, to, accs[q], r0, r1);
	}

	/**
	 * Column kernel over scattered groups of candidates, each with its own
	 * embedding (several images, or several groups of one image, at once): for
	 * every group p &lt; {@code count} and lane j &lt; {@code lanes}, for every
	 * element i in [from, to) in increasing i,
	 * {@code acc[p·lanes + j] += term(es[p][i], columns[i][r0s[p] + j])} in float
	 * arithmetic, the same per-candidate order as {@link #accumulate}.
	 */
	void accumulateGroups(float[][] es, int[] r0s, int count, int lanes, float[][] columns, int from,
		int to, float[] acc);

	/**
	 * Norms of the suffixes of an embedding at block boundaries, as
	 * {@link #tailLowerBound} takes them: {@code out[b]} (b = 0 ..
	 * ceil(length/block)) is Σ|v| (W1) or sqrt(Σv²) (L2) over the elements
	 * from b·{@link #block()} on, in double; the last entry is 0.
	 */
	void suffixNorms(float[] v, double[] out);

	/**
	 * A rigorous lower bound on what {@link #partial} adds for elements
	 * the same elements of two embeddings whose norms are {@code na} and
	 * {@code nb} ({@link #suffixNorms}; reverse triangle inequality), reduced by a safety margin
	 * that covers the float rounding of the reference sum; 0 when useless.
	 */
	double tailLowerBound(double na, double nb);

	/**
	 * Whether the cost is the squared Euclidean distance Σ(a − b)² of the
	 * embeddings (summed as {@link #partial} describes), so that the fast
	 * search may screen candidates by inner products ({@link InnerProducts}).
	 */
	default boolean squaredEuclidean() {
		return false;
	}

	/**
	 * Lets the JIT compile the fast search's kernels before a search (see
	 * {@link W1Metric#warmUp}); no effect on any result. This default does
	 * nothing.
	 */
	default void warmUp() {}

	/** Turns a {@link #partial} cost into a distance. */
	double finish(double cost);

	/** Inverse of {@link #finish}: the cost for a given distance. */
	double cost(double distance);
}
