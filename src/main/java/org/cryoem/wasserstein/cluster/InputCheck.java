package org.cryoem.wasserstein.cluster;

import java.util.Locale;

import org.cryoem.wasserstein.image.ParticleStack;

/**
 * Checks the pixels of a stack before a classification run, so that bad input
 * is refused with a one-line message before anything is computed or written.
 * <ul>
 * <li><b>NaN or infinite pixels</b> are an error naming the first such image
 * (1-based): every distance to it would be NaN.</li>
 * <li><b>Constant images</b> (every pixel equal, e.g. blank padding) are
 * allowed and counted in the {@link Report}, so that adapters can warn: they
 * are valid if useless particles. A stack where <em>all</em> images are
 * constant is an error: there is nothing to classify.</li>
 * </ul>
 */
public final class InputCheck {

	private InputCheck() {}

	/** What {@link #check} found that is worth a warning. */
	public static final class Report {

		/** Number of constant images. */
		public final int constantImages;
		/** 0-based index of the first constant image, −1 if none. */
		public final int firstConstant;

		Report(final int constantImages, final int firstConstant) {
			this.constantImages = constantImages;
			this.firstConstant = firstConstant;
		}

		/** @return a one-line warning, or null when there is nothing to say */
		public String warning() {
			if (constantImages == 0) return null;
			return String.format(Locale.ROOT, "%d image%s constant (every pixel equal; first: image %d)",
				constantImages, constantImages == 1 ? " is" : "s are", firstConstant + 1);
		}
	}

	/**
	 * @return what was found (constant images)
	 * @throws IllegalArgumentException with a one-line message if an image has
	 *           NaN or infinite pixels, or all images are constant
	 */
	public static Report check(final ParticleStack input) {
		int constant = 0, first = -1;
		for (int i = 0; i < input.count(); i++) {
			final float[] p = input.image(i);
			boolean same = true;
			for (final float v : p) {
				if (!Float.isFinite(v)) throw new IllegalArgumentException(String.format(Locale.ROOT,
					"Image %d contains NaN or infinite pixels", i + 1));
				same &= v == p[0];
			}
			if (same) {
				if (first < 0) first = i;
				constant++;
			}
		}
		if (input.count() > 0 && constant == input.count()) throw new IllegalArgumentException(
			input.count() == 1 ? "The only image is constant (every pixel equal); nothing to classify"
				: "All " + input.count() + " images are constant (every pixel equal); nothing to classify");
		return new Report(constant, first);
	}
}
