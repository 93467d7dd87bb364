package org.cryoem.wasserstein.ij1;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;

import org.cryoem.wasserstein.image.ParticleStack;

/**
 * Converts an ImageJ 1.x image (any bit depth, single image or stack) to a
 * float {@link ParticleStack}. The pixels are always copied, so the input image
 * is never modified and later edits to it do not affect a running
 * classification. Every slice of the stack (all channels, slices and frames of
 * a hyperstack) is one particle. A calibration function (e.g. of signed 16-bit
 * images) is applied; RGB images are converted to luminance.
 */
public final class ImagePlusParticles {

	private ImagePlusParticles() {}

	/**
	 * @param imp the image; not modified
	 * @return a new float stack holding a copy of the pixels
	 * @throws IllegalArgumentException if the image is not square
	 */
	public static ParticleStack toParticleStack(final ImagePlus imp) {
		if (imp == null) throw new IllegalArgumentException("No input image");
		final int w = imp.getWidth(), h = imp.getHeight();
		if (w != h) throw new IllegalArgumentException("Particle images must be square, got " + w +
			"×" + h);
		final ImageStack stack = imp.getStack();
		final float[] cTable = imp.getCalibration().getCTable();
		final float[][] images = new float[stack.getSize()][];
		for (int i = 0; i < images.length; i++) {
			// getProcessor returns a new processor around the slice's pixels; the
			// calibration table is state of that processor only
			final ImageProcessor ip = stack.getProcessor(i + 1);
			final Object pixels = ip.getPixels();
			if (pixels instanceof float[]) {
				images[i] = ((float[]) pixels).clone();
			}
			else {
				ip.setCalibrationTable(cTable);
				// convertToFloat creates a new array for non-float processors
				images[i] = (float[]) ip.convertToFloat().getPixels();
			}
		}
		return new ParticleStack(w, images);
	}
}
