package org.cryoem.wasserstein.image;

import java.util.Locale;

/**
 * Optional preparation of raw particle images before classification, in
 * RELION's order ({@code relion_preprocess}): downsample, then normalise, then
 * invert contrast. The input stack is never modified.
 * <ul>
 * <li>{@link #box}: Fourier-crop each image to box×box ({@link FourierCrop});
 * 0 (default) keeps the input size. The pixel size grows by N/box.</li>
 * <li>{@link #normalize}: subtract the mean and divide by the standard
 * deviation of the background, the pixels farther than the background radius
 * from the centre ((S−1)/2, (S−1)/2), as {@code relion_preprocess --norm}
 * does. The radius is the classification's mask radius at the working size,
 * (S−1)/2 when that is unset or 0. Off by default.</li>
 * <li>{@link #invert}: multiply by −1 (as {@code --invert_contrast}), so that
 * particles become bright on a dark background. Off by default.</li>
 * </ul>
 */
public final class Preprocessing {

	/** Working edge length after Fourier cropping; 0 = keep the input size. */
	public int box = 0;
	/** Normalise the background to zero mean and unit standard deviation. */
	public boolean normalize = false;
	/** Invert the contrast. */
	public boolean invert = false;

	/** @return whether any step is requested */
	public boolean isActive() {
		return box > 0 || normalize || invert;
	}

	/**
	 * @param inputSize edge length N of the input images
	 * @return the working edge length S
	 */
	public int workingSize(final int inputSize) {
		return box > 0 ? box : inputSize;
	}

	/**
	 * @param inputSize N
	 * @param inputPixelSize input pixel size (NaN when unknown)
	 * @return the pixel size at the working size
	 */
	public double workingPixelSize(final int inputSize, final double inputPixelSize) {
		return inputPixelSize * inputSize / workingSize(inputSize);
	}

	/**
	 * Checks the options against input images of edge length N.
	 *
	 * @throws IllegalArgumentException with a one-line, user-facing message
	 */
	public void validate(final int inputSize) {
		if (box < 0) throw new IllegalArgumentException("box must be 0 (keep the size) or positive, got " +
			box);
		if (box > inputSize) throw new IllegalArgumentException("box (" + box +
			") must not exceed the image size " + inputSize + " (Fourier cropping only shrinks)");
	}

	/**
	 * Applies the requested steps.
	 *
	 * @param input the raw images; not modified
	 * @param maskRadius the classification's mask radius in pixels at the
	 *          working size; ≤ 0 means (S−1)/2
	 * @return the prepared images (the input itself when nothing is requested)
	 * @throws IllegalArgumentException if the options are invalid or an image
	 *           has a flat background
	 */
	public ParticleStack apply(final ParticleStack input, final double maskRadius) {
		validate(input.size());
		if (!isActive()) return input;
		ParticleStack s = box > 0 && box != input.size() ? new FourierCrop(input.size(), box).apply(
			input) : input.copy();
		if (normalize) s = normalized(s, maskRadius);
		if (invert) for (int i = 0; i < s.count(); i++) {
			final float[] im = s.image(i);
			for (int p = 0; p < im.length; p++)
				im[p] = -im[p];
		}
		return s;
	}

	/** Normalises the images of a stack we own, in place; returns it. */
	private static ParticleStack normalized(final ParticleStack s, final double maskRadius) {
		final int n = s.size();
		final double r = maskRadius > 0 ? maskRadius : (n - 1) / 2.0;
		final double c = (n - 1) / 2.0;
		final boolean[] bg = new boolean[n * n];
		int count = 0;
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				final double dx = x - c, dy = y - c;
				if (dx * dx + dy * dy > r * r) {
					bg[y * n + x] = true;
					count++;
				}
			}
		if (count < 2) throw new IllegalArgumentException(String.format(Locale.ROOT,
			"normalize: no background outside a radius of %.1f pixels in %d×%d images", r, n, n));
		for (int i = 0; i < s.count(); i++) {
			final float[] im = s.image(i);
			double sum = 0;
			for (int p = 0; p < im.length; p++)
				if (bg[p]) sum += im[p];
			final double mean = sum / count;
			double ss = 0;
			for (int p = 0; p < im.length; p++)
				if (bg[p]) {
					final double d = im[p] - mean;
					ss += d * d;
				}
			final double sd = Math.sqrt(ss / count);
			if (!(sd > 0) || !Double.isFinite(sd)) throw new IllegalArgumentException("normalize: image " +
				(i + 1) + " has a constant background, which cannot be normalised");
			for (int p = 0; p < im.length; p++)
				im[p] = (float) ((im[p] - mean) / sd);
		}
		return s;
	}

	/** @return e.g. {@code box 64, normalize, invert}, or {@code none} */
	@Override
	public String toString() {
		final StringBuilder sb = new StringBuilder();
		if (box > 0) sb.append("box ").append(box);
		if (normalize) sb.append(sb.length() > 0 ? ", " : "").append("normalize");
		if (invert) sb.append(sb.length() > 0 ? ", " : "").append("invert");
		return sb.length() == 0 ? "none" : sb.toString();
	}
}
