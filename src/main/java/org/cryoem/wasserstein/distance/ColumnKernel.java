package org.cryoem.wasserstein.distance;

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
	ColumnKernel VECTOR = load();

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

	private static ColumnKernel load() {
		if (!Boolean.parseBoolean(System.getProperty("w2d.vector", "true"))) return null;
		if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) return null;
		try {
			return (ColumnKernel) Class.forName(ColumnKernel.class.getPackage().getName() +
				".VectorKernel").getDeclaredConstructor().newInstance();
		}
		catch (final ReflectiveOperationException | RuntimeException | LinkageError e) {
			return null; // built without it (JDK < 17), or the API changed: the scalar loops
		}
	}
}
