package org.cryoem.wasserstein.distance;

import org.cryoem.wasserstein.Simd;

/**
 * Optional SIMD kernels of the fast search: W1's column kernels for
 * {@link Metric#accumulate} and its kin (the same per-candidate sums as the
 * scalar loops, bit for bit, for a leading part of the candidates), and the
 * L2 screening's inner products ({@link InnerProducts#dotsPanels}, within the same
 * error bound as the scalar loop). Loaded by {@link Simd}: only on a JVM
 * started with {@code --add-modules jdk.incubator.vector}; otherwise the
 * scalar loops, which the JIT vectorises itself, do all the work.
 */
interface ColumnKernel {

	/** The Vector API kernel, or null where it is unavailable or switched off. */
	ColumnKernel VECTOR = Simd.load(ColumnKernel.class, ColumnKernel.class.getPackage().getName() +
		".VectorKernel");

	/**
	 * W1 terms |e[i] − columns[i][r]| added to {@code acc[r]} for every element i
	 * in [from, to), in increasing i, for the candidates r in [r0, end).
	 *
	 * @return end: the candidates from end to r1 are left to the caller
	 */
	int w1(float[] e, float[][] columns, int from, int to, float[] acc, int r0, int r1);

	/**
	 * {@link Metric#accumulateGroups} with the W1 terms.
	 *
	 * @return the number of groups done: {@code count}, or 0 when {@code lanes}
	 *         does not suit the kernel (all are then left to the caller)
	 */
	int w1Groups(float[][] es, int[] r0s, int count, int lanes, float[][] columns, int from, int to,
		float[] acc);

	/**
	 * {@link Metric#accumulate4} with the W1 terms, for the candidates r in
	 * [r0, end).
	 *
	 * @return end: the candidates from end to r1 are left to the caller
	 */
	int w1Quad(float[][] es, float[][] columns, int from, int to, float[][] accs, int r0, int r1);

	/**
	 * Candidates per panel of {@link #dotsPanels}: two vectors' worth.
	 */
	int panelWidth();

	/**
	 * {@link InnerProducts#dotsPanels} for the candidates r in [r0, end) of
	 * every group: candidate r's element i at {@code panels[r / w][i·w + r % w]},
	 * w = {@link #panelWidth}.
	 *
	 * @return end: the candidates from end to r1 are left to the caller
	 */
	int dotsPanels(float[][][] groups, int count, float[][] panels, int from, int to,
		float[][] outs, int stride, int r0, int r1);
}
