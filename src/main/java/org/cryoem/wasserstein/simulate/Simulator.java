package org.cryoem.wasserstein.simulate;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.cryoem.wasserstein.Progress;
import org.cryoem.wasserstein.image.CircularMask;
import org.cryoem.wasserstein.image.ParticleStack;

/**
 * Simulated particle stacks: projections of a 3D map at uniform random
 * orientations with additive white Gaussian noise, as in the experiments of
 * Rao, Moscovich and Singer (2020).
 *
 * <h2>Recipe</h2>
 * <ol>
 * <li>Image i (0-based) gets RELION Euler angles drawn uniformly on SO(3)
 * ({@link Orientations#randomEuler}) from its own generator, seeded with a
 * hash of (seed, i, stream 0); the projection uses exactly the reported angles
 * ({@link Orientations#eulerToMatrix} of them).</li>
 * <li>The clean image is the {@link Projector} projection at those angles,
 * resampled to S×S.</li>
 * <li>The noise variance follows the paper's eq. (10):
 * σ² = P / SNR with P = the mean squared clean pixel over the whole stack
 * (all n·S² pixels, before any mask). SNR = +∞ gives σ = 0 (noise-free).</li>
 * <li>Noisy image i = clean image i + σ·(i.i.d. standard normal numbers from a
 * generator seeded with a hash of (seed, i, stream 1)).</li>
 * <li>With a mask radius &gt; 0, both the clean and the noisy image are then
 * multiplied by the hard {@link CircularMask} (centre ((S−1)/2, (S−1)/2)).</li>
 * </ol>
 *
 * <h2>Determinism</h2> Every image has its own generators derived from
 * (seed, index) and the stack power is summed in image order, so the output
 * depends on the parameters only, never on the thread count.
 */
public final class Simulator {

	/** Simulation settings; public fields with defaults, checked by {@link #validate}. */
	public static final class Parameters {

		/** Number of images n. */
		public int count = 1000;
		/** Edge length S of the output images. */
		public int size = 64;
		/** Signal-to-noise ratio (eq. 10); {@code Double.POSITIVE_INFINITY} for no noise. */
		public double snr = Double.POSITIVE_INFINITY;
		/** Seed of every random number. */
		public long seed = 1;
		/** Radius of the circular mask in pixels; 0 or less for none. */
		public double maskRadius = 0;
		/** Worker threads; 0 or less for all available processors. */
		public int threads = 0;

		/** @throws IllegalArgumentException if a setting is out of range */
		public void validate() {
			if (count < 1) throw new IllegalArgumentException("Image count must be positive, got " +
				count);
			if (size < 1) throw new IllegalArgumentException("Image size must be positive, got " + size);
			if (!(snr > 0)) throw new IllegalArgumentException("SNR must be positive, got " + snr);
			if (Double.isNaN(maskRadius)) throw new IllegalArgumentException("Mask radius is NaN");
		}

		int effectiveThreads() {
			return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
		}
	}

	/** The outcome of a simulation. */
	public static final class Simulation {

		/** Noise-free projections (masked if a mask was asked for). */
		public final ParticleStack clean;
		/** Projections with noise (masked if a mask was asked for). */
		public final ParticleStack noisy;
		/** Per image: RELION Euler angles {rot, tilt, psi} in degrees. */
		public final double[][] angles;
		/** Mean squared clean pixel over the stack, before masking (P of eq. 10). */
		public final double signalPower;
		/** Noise variance σ² = P / SNR (0 for infinite SNR). */
		public final double noiseVariance;

		Simulation(final ParticleStack clean, final ParticleStack noisy, final double[][] angles,
			final double signalPower, final double noiseVariance)
		{
			this.clean = clean;
			this.noisy = noisy;
			this.angles = angles;
			this.signalPower = signalPower;
			this.noiseVariance = noiseVariance;
		}

		/** @return the viewing directions (unit vectors) of all images, see {@link Orientations} */
		public double[][] viewingDirections() {
			final double[][] d = new double[angles.length][];
			for (int i = 0; i < d.length; i++)
				d[i] = Orientations.viewingDirection(angles[i][0], angles[i][1]);
			return d;
		}
	}

	private Simulator() {}

	/**
	 * Simulates a stack.
	 *
	 * @param projector projector of the 3D map
	 * @param params settings (validated)
	 * @param progress progress and cancellation; may be {@code null}
	 * @throws IllegalArgumentException for invalid settings
	 * @throws CancellationException if cancelled
	 */
	public static Simulation simulate(final Projector projector, final Parameters params,
		final Progress progress)
	{
		params.validate();
		final Progress p = progress == null ? Progress.NONE : progress;
		final int n = params.count, size = params.size;
		final float[][] clean = new float[n][];
		final double[][] angles = new double[n][];
		final double[] sumSquares = new double[n];
		try (Parallel parallel = new Parallel(params.effectiveThreads())) {
			parallel.forEach(n, "Projecting", p, i -> {
				final double[] e = Orientations.randomEuler(new SplittableRandom(Gaussian.derive(
					params.seed, i, 0)));
				angles[i] = e;
				final float[] img = projector.project(Orientations.eulerToMatrix(e[0], e[1], e[2]), size);
				double s = 0;
				for (final float v : img)
					s += (double) v * v;
				sumSquares[i] = s;
				clean[i] = img;
			});
			double total = 0;
			for (final double s : sumSquares)
				total += s;
			final double power = total / ((double) n * size * size);
			final double variance = Double.isInfinite(params.snr) ? 0 : power / params.snr;
			final double sigma = Math.sqrt(variance);
			final CircularMask mask = params.maskRadius > 0 ? new CircularMask(size, params.maskRadius)
				: null;
			final float[][] noisy = new float[n][];
			parallel.forEach(n, "Adding noise", p, i -> {
				final SplittableRandom random = new SplittableRandom(Gaussian.derive(params.seed, i, 1));
				final float[] c = clean[i];
				final float[] y = new float[c.length];
				for (int k = 0; k < c.length; k++)
					y[k] = (float) (c[k] + (sigma > 0 ? sigma * Gaussian.next(random) : 0));
				if (mask != null) {
					mask.apply(y, y);
					mask.apply(c, c);
				}
				noisy[i] = y;
			});
			return new Simulation(new ParticleStack(size, clean), new ParticleStack(size, noisy), angles,
				power, variance);
		}
	}

	/** @return a one-line description of a simulation, for logs */
	public static String describe(final Parameters params, final Simulation sim) {
		return String.format(Locale.ROOT,
			"%d projections of %d×%d, SNR %s, seed %d: signal power %.6g, noise variance %.6g",
			params.count, params.size, params.size, Double.isInfinite(params.snr) ? "∞" : String
				.format(Locale.ROOT, "%g", params.snr), params.seed, sim.signalPower, sim.noiseVariance);
	}
}
