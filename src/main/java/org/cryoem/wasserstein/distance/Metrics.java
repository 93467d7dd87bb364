package org.cryoem.wasserstein.distance;

import java.util.Locale;

/** Creates a {@link Metric} from its user-facing name and options. */
public final class Metrics {

	private Metrics() {}

	/**
	 * @param name "w1" or "l2" (case-insensitive)
	 * @param wavelet wavelet for W1 (PyWavelets name, e.g. "sym5")
	 * @param levels DWT levels for W1
	 * @param mode DWT boundary mode for W1 (PyWavelets name, e.g. "zero")
	 * @throws IllegalArgumentException for an unknown name or W1 option
	 */
	public static Metric create(final String name, final String wavelet, final int levels,
		final String mode)
	{
		switch (name.toLowerCase(Locale.ROOT)) {
			case W1Metric.NAME:
				return new W1Metric(wavelet, levels, mode);
			case L2Metric.NAME:
				return new L2Metric();
			default:
				throw new IllegalArgumentException("Unknown metric '" + name + "': use w1 or l2");
		}
	}

	/**
	 * @return whether the fast search's column kernels are the Vector API
	 *         ones (which, unlike the scalar loops, are fast on a few
	 *         candidates at a time); the results are the same either way
	 */
	public static boolean vectorised() {
		return ColumnKernel.VECTOR != null;
	}

	/**
	 * @return which column kernel the fast search uses: the Vector API one
	 *         (JVM started with {@code --add-modules jdk.incubator.vector}) or
	 *         the scalar loops; the results are the same
	 */
	public static String kernel() {
		final ColumnKernel simd = ColumnKernel.VECTOR;
		return simd == null ? "scalar (JIT-vectorised loops)" : simd.toString();
	}
}
