package org.cryoem.wasserstein;

/**
 * Loads the optional SIMD kernels, written with the incubating Vector API
 * ({@code jdk.incubator.vector}) and compiled separately for Java 17 (the
 * {@code vector-kernels} build profile). They are used only when the JVM was
 * started with {@code --add-modules jdk.incubator.vector} and not switched
 * off with {@code -Dw2d.vector=false}; every kernel gives the same results,
 * bit for bit, as the plain loops it replaces, so the option changes speed,
 * never results.
 */
public final class Simd {

	private Simd() {}

	/**
	 * @param type the kernel interface
	 * @param implementation binary name of its Vector API implementation
	 * @return a new instance, or null where it is unavailable or switched off
	 */
	public static <T> T load(final Class<T> type, final String implementation) {
		if (!Boolean.parseBoolean(System.getProperty("w2d.vector", "true"))) return null;
		if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) return null;
		try {
			return type.cast(Class.forName(implementation, true, type.getClassLoader())
				.getDeclaredConstructor().newInstance());
		}
		catch (final ReflectiveOperationException | RuntimeException | LinkageError e) {
			return null; // built without it (JDK < 17), or the API changed: the plain loops
		}
	}
}
