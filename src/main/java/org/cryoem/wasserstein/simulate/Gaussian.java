package org.cryoem.wasserstein.simulate;

import java.util.SplittableRandom;

/**
 * Standard normal numbers from a {@link SplittableRandom} (which has no
 * {@code nextGaussian} on Java 11), and per-index seed derivation.
 */
final class Gaussian {

	private Gaussian() {}

	/**
	 * One standard normal number by Marsaglia's polar method. Uses one of the two
	 * numbers each draw produces, so a stream's output depends only on how many
	 * numbers were drawn before.
	 */
	static double next(final SplittableRandom random) {
		while (true) {
			final double u = 2 * random.nextDouble() - 1;
			final double v = 2 * random.nextDouble() - 1;
			final double s = u * u + v * v;
			if (s > 0 && s < 1) return u * Math.sqrt(-2 * Math.log(s) / s);
		}
	}

	/**
	 * A well-mixed 64-bit seed for stream {@code stream} of item {@code index}
	 * under {@code seed} (SplitMix64 finaliser applied to a combination of the
	 * three), so every item gets its own independent-looking generator.
	 */
	static long derive(final long seed, final long index, final long stream) {
		long z = seed + 0x9E3779B97F4A7C15L * (index + 1) + 0xD1B54A32D192ED03L * (stream + 1);
		z = mix(z);
		return mix(z ^ seed);
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}
}
