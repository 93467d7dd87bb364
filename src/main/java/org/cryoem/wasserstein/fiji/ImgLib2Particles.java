package org.cryoem.wasserstein.fiji;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.cryoem.wasserstein.image.ParticleStack;

/**
 * Converts ImgLib2 images to a float {@link ParticleStack}, copying the pixels,
 * so the input is never modified and never shared with the core.
 * <p>
 * Accepted inputs, after dropping dimensions of size 1: a 2D image (x, y) is
 * one particle; a 3D image (x, y, particle) is a stack. Images must be square.
 * Pixel (x, y) goes to index {@code y * N + x}, the {@link ParticleStack}
 * convention, whatever the interval's minimum.
 * </p>
 */
public final class ImgLib2Particles {

	private ImgLib2Particles() {}

	/**
	 * @param image a 2D image or a 3D stack (x, y, particle) of any real type
	 * @return a new float stack holding a copy of the pixels
	 * @throws IllegalArgumentException if the image is not 2D/3D or not square
	 */
	public static ParticleStack toParticleStack(
		final RandomAccessibleInterval<? extends RealType<?>> image)
	{
		if (image == null) throw new IllegalArgumentException("No input image");
		return convert(image);
	}

	private static <T extends RealType<?>> ParticleStack convert(
		final RandomAccessibleInterval<T> image)
	{
		final RandomAccessibleInterval<T> img = Views.zeroMin(Views.dropSingletonDimensions(image));
		final int nd = img.numDimensions();
		if (nd > 3) throw new IllegalArgumentException(
			"Expected a 2D image or a 3D stack (x, y, particle), got " + image.numDimensions() +
				" dimensions");
		if (nd < 2) throw new IllegalArgumentException(
			"Particle images must be square 2D images, got " + describe(image));
		final long w = img.dimension(0), h = img.dimension(1);
		if (w != h) throw new IllegalArgumentException("Particle images must be square, got " + w +
			"×" + h);
		if (w * h > Integer.MAX_VALUE) throw new IllegalArgumentException("Images are too large: " +
			w + "×" + h);
		final long count = nd == 3 ? img.dimension(2) : 1;
		if (count > Integer.MAX_VALUE) throw new IllegalArgumentException("Too many images: " + count);
		final int size = (int) w;
		final float[][] images = new float[(int) count][];
		for (int i = 0; i < count; i++) {
			final RandomAccessibleInterval<T> slice = nd == 3 ? Views.hyperSlice(img, 2, i) : img;
			final float[] px = new float[size * size];
			// flat iteration order: x fastest, then y, i.e. index y * size + x
			final Cursor<T> c = Views.flatIterable(slice).cursor();
			int j = 0;
			while (c.hasNext())
				px[j++] = c.next().getRealFloat();
			images[i] = px;
		}
		return new ParticleStack(size, images);
	}

	private static String describe(final RandomAccessibleInterval<?> image) {
		final StringBuilder sb = new StringBuilder();
		for (int d = 0; d < image.numDimensions(); d++) {
			if (d > 0) sb.append('×');
			sb.append(image.dimension(d));
		}
		return sb.length() == 0 ? "a 0-dimensional image" : sb.toString();
	}
}
