package org.cryoem.wasserstein.simulate;

import java.util.SplittableRandom;

/**
 * An asymmetric phantom "molecule" for simulations: a sum of isotropic 3D
 * Gaussian blobs of different widths and amplitudes at random positions
 * inside a sphere, with no symmetry.
 * <p>
 * Blob centres are uniform in a ball of radius 0.7·(n/2) about the map
 * centre ⌊n/2⌋; widths σ are uniform in [0.02·n, 0.05·n] and amplitudes
 * uniform in [0.2, 1]. The centres are then translated so that the mass
 * centre (Σ amplitude·σ³·position) lies on the map centre. Every voxel is
 * Σ_b a_b·exp(−|r − c_b|²/(2σ_b²)), evaluated within 4σ of each blob. The map
 * is x fastest, then y, then z, like {@link Projector} expects. The same
 * (n, blobs, seed) always gives the same map.
 * </p>
 */
public final class Phantom {

	/** Default number of blobs. */
	public static final int DEFAULT_BLOBS = 40;

	private Phantom() {}

	/** @return a phantom of {@link #DEFAULT_BLOBS} blobs */
	public static float[] create(final int n, final long seed) {
		return create(n, DEFAULT_BLOBS, seed);
	}

	/**
	 * @param n edge length of the cubic map (≥ 8)
	 * @param blobs number of Gaussian blobs (≥ 1)
	 * @param seed seed of the blob parameters
	 * @return n³ voxels, x fastest
	 */
	public static float[] create(final int n, final int blobs, final long seed) {
		if (n < 8) throw new IllegalArgumentException("Phantom size must be at least 8, got " + n);
		if (blobs < 1) throw new IllegalArgumentException("Need at least one blob, got " + blobs);
		final SplittableRandom random = new SplittableRandom(seed);
		final double c = n / 2, radius = 0.7 * n / 2;
		final double[][] centre = new double[blobs][3];
		final double[] sigma = new double[blobs], amp = new double[blobs];
		final double[] mass = new double[3];
		double massTotal = 0;
		for (int b = 0; b < blobs; b++) {
			double x, y, z;
			do {
				x = 2 * random.nextDouble() - 1;
				y = 2 * random.nextDouble() - 1;
				z = 2 * random.nextDouble() - 1;
			}
			while (x * x + y * y + z * z > 1);
			centre[b] = new double[] { x * radius, y * radius, z * radius };
			sigma[b] = n * (0.02 + 0.03 * random.nextDouble());
			amp[b] = 0.2 + 0.8 * random.nextDouble();
			final double w = amp[b] * sigma[b] * sigma[b] * sigma[b];
			for (int a = 0; a < 3; a++)
				mass[a] += w * centre[b][a];
			massTotal += w;
		}
		final float[] map = new float[n * n * n];
		for (int b = 0; b < blobs; b++) {
			final double bx = c + centre[b][0] - mass[0] / massTotal;
			final double by = c + centre[b][1] - mass[1] / massTotal;
			final double bz = c + centre[b][2] - mass[2] / massTotal;
			final double s = sigma[b], reach = 4 * s, inv = 1 / (2 * s * s);
			final int x0 = Math.max(0, (int) Math.floor(bx - reach)), x1 = Math.min(n - 1, (int) Math
				.ceil(bx + reach));
			final int y0 = Math.max(0, (int) Math.floor(by - reach)), y1 = Math.min(n - 1, (int) Math
				.ceil(by + reach));
			final int z0 = Math.max(0, (int) Math.floor(bz - reach)), z1 = Math.min(n - 1, (int) Math
				.ceil(bz + reach));
			for (int z = z0; z <= z1; z++)
				for (int y = y0; y <= y1; y++)
					for (int x = x0; x <= x1; x++) {
						final double dx = x - bx, dy = y - by, dz = z - bz;
						map[(z * n + y) * n + x] += (float) (amp[b] * Math.exp(-(dx * dx + dy * dy + dz * dz) *
							inv));
					}
		}
		return map;
	}
}
