package org.cryoem.wasserstein.cluster;

/**
 * Every setting of one classification run. Plain mutable bean with the
 * documented defaults; {@link #validate(int, int)} checks it against an input.
 */
public final class ClassificationParameters {

	/** Number of classes k. */
	public int classes = 20;
	/** "w1" (wavelet Earth mover's distance) or "l2". */
	public String metric = "w1";
	/** Number m of equally spaced in-plane rotations over 360°. */
	public int rotations = 200;
	/** Cap on Lloyd iterations. */
	public int maxIterations = 30;
	/** Random seed for k-means++. */
	public long seed = 1;
	/** Worker threads; 0 means all available processors. */
	public int threads = 0;
	/**
	 * Radius of the circular mask in pixels; negative means the default
	 * (N−1)/2, 0 turns masking off.
	 */
	public double maskRadius = -1;
	/** Wavelet for W1 (PyWavelets name). */
	public String wavelet = "sym5";
	/** DWT levels for W1. */
	public int levels = 6;
	/** DWT boundary mode for W1 (PyWavelets name). */
	public String mode = "zero";
	/**
	 * Nearest-centroid search strategy: "fast" (default; exact pruning and
	 * vectorised kernels) or "exhaustive" (the plain reference loop). Both give
	 * bit-identical results.
	 */
	public String search = "fast";

	/** @return the number of threads to use */
	public int effectiveThreads() {
		return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
	}

	/** @return the mask radius to use for images of edge length {@code size} */
	public double effectiveMaskRadius(final int size) {
		return maskRadius < 0 ? (size - 1) / 2.0 : maskRadius;
	}

	/**
	 * Checks the parameters against an input of {@code count} images of
	 * {@code size}×{@code size}.
	 *
	 * @throws IllegalArgumentException with a one-line, user-facing message
	 */
	public void validate(final int count, final int size) {
		if (count < 1) throw new IllegalArgumentException("The input holds no images");
		if (size < 16) throw new IllegalArgumentException("Images must be at least 16×16 pixels, got " +
			size + "×" + size);
		if (classes < 1) throw new IllegalArgumentException("classes must be at least 1, got " + classes);
		if (classes > count) throw new IllegalArgumentException("classes (" + classes +
			") cannot exceed the number of images (" + count + ")");
		if (rotations < 1) throw new IllegalArgumentException("rotations must be at least 1, got " +
			rotations);
		if (maxIterations < 1) throw new IllegalArgumentException(
			"max_iterations must be at least 1, got " + maxIterations);
		if (threads < 0) throw new IllegalArgumentException("threads must be 0 (all) or positive, got " +
			threads);
		if (!(Double.isFinite(maskRadius))) throw new IllegalArgumentException(
			"mask_radius must be a finite number");
		if (levels < 1) throw new IllegalArgumentException("levels must be at least 1, got " + levels);
		if (!"w1".equalsIgnoreCase(metric) && !"l2".equalsIgnoreCase(metric)) {
			throw new IllegalArgumentException("metric must be w1 or l2, got " + metric);
		}
		if (!"fast".equalsIgnoreCase(search) && !"exhaustive".equalsIgnoreCase(search)) {
			throw new IllegalArgumentException("search must be fast or exhaustive, got " + search);
		}
	}

	/** @return an independent copy with the same settings */
	public ClassificationParameters copy() {
		final ClassificationParameters c = new ClassificationParameters();
		c.classes = classes;
		c.metric = metric;
		c.rotations = rotations;
		c.maxIterations = maxIterations;
		c.seed = seed;
		c.threads = threads;
		c.maskRadius = maskRadius;
		c.wavelet = wavelet;
		c.levels = levels;
		c.mode = mode;
		c.search = search;
		return c;
	}
}
