package org.cryoem.wasserstein.distance;

import org.cryoem.wasserstein.Simd;

/**
 * Optional SIMD column kernels for {@link Metric#accumulate}: the same
 * per-candidate sums as the scalar loops, bit for bit, for a leading part of
 * the candidates. The plugin targets Java 11, so the implementation (written
 * with the incubating Vector API) is compiled separately and loaded only when
 * the JVM has the module, i.e. when started with
 * {@code --add-modules jdk.incubator.vector} (Java 17 and later). Otherwise,
 * or with {@code -Dw2d.vector=false}, {@link #VECTOR} is null and the scalar
 * loops, which the JIT vectorises itself, do all the work with the same
 * results.
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

	/** As {@link #w1} with the L2 terms (e[i] − columns[i][r])². */
	int l2(float[] e, float[][] columns, int from, int to, float[] acc, int r0, int r1);

	/** @return a short description of the kernel in use, for logs and benchmarks */
	static String describe() {
		return VECTOR == null ? "scalar (JIT-vectorised loops)" : VECTOR.toString();
	}
}
