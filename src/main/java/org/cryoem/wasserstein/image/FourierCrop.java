package org.cryoem.wasserstein.image;

/**
 * Downsampling of square images by Fourier cropping: the N×N image is
 * transformed, its centred spectrum is cropped to the S×S lowest frequencies
 * and transformed back at size S, as RELION ({@code relion_image_handler
 * --rescale_angpix}) and ASPIRE ({@code downsample}) do.
 * <p>
 * Written as a separable linear operator, so that any N and S work (no
 * power-of-two FFT): the result is {@code M · X · Mᵀ} with the real S×N matrix
 * M[s][n] = (1/N) Σ<sub>k</sub> w<sub>k</sub> cos(2πk(p<sub>s</sub> − n)/N),
 * the sum running over the S kept frequencies −⌊S/2⌋ … ⌈S/2⌉ − 1. It evaluates
 * the band-limited (trigonometric) interpolant of each row and column at the
 * S sample positions p<sub>s</sub> = c<sub>N</sub> + (s − c<sub>S</sub>)·N/S,
 * c<sub>N</sub> = (N − 1)/2 and c<sub>S</sub> = (S − 1)/2, so the image
 * centre used by rotations and masks stays the centre. For an even S the
 * Nyquist frequency S/2 gets half its weight at +S/2 and half at −S/2
 * (w = ½), which keeps the result real and mirror-symmetric; elsewhere w = 1.
 * </p>
 * <p>
 * Properties (tested): an image whose spectrum lies within the kept band is
 * reproduced exactly at the new sample positions; the mean is preserved
 * exactly; S = N is the identity. The new pixel size is the old one × N/S.
 * Cost: 2·S·N·(N + S) multiply–adds per image.
 * </p>
 */
public final class FourierCrop {

	private final int inSize, outSize;
	/** Row-major S×N operator. */
	private final double[] m;

	/**
	 * @param inSize edge length N of the input images
	 * @param outSize edge length S of the output images, 1 ≤ S ≤ N
	 * @throws IllegalArgumentException if S is out of range
	 */
	public FourierCrop(final int inSize, final int outSize) {
		if (inSize < 1) throw new IllegalArgumentException("Image size must be positive, got " +
			inSize);
		if (outSize < 1 || outSize > inSize) throw new IllegalArgumentException("box must be " +
			"between 1 and the image size " + inSize + ", got " + outSize);
		this.inSize = inSize;
		this.outSize = outSize;
		m = matrix(inSize, outSize);
	}

	/** @return N */
	public int inSize() {
		return inSize;
	}

	/** @return S */
	public int outSize() {
		return outSize;
	}

	/**
	 * @param pixelSize input pixel size (any unit); NaN stays NaN
	 * @return the output pixel size, pixelSize·N/S
	 */
	public double pixelSize(final double pixelSize) {
		return pixelSize * inSize / outSize;
	}

	/**
	 * Downsamples one image.
	 *
	 * @param image N·N pixels, row-major; not modified
	 * @return a new array of S·S pixels, row-major
	 */
	public float[] apply(final float[] image) {
		final int n = inSize, s = outSize;
		if (image.length != n * n) throw new IllegalArgumentException("Expected " + n + "×" + n +
			" pixels, got " + image.length);
		if (s == n) return image.clone();
		// T = X · Mᵀ  (N rows × S columns)
		final double[] t = new double[n * s];
		for (int y = 0; y < n; y++) {
			final int row = y * n;
			for (int j = 0; j < s; j++) {
				final int mj = j * n;
				double sum = 0;
				for (int x = 0; x < n; x++)
					sum += image[row + x] * m[mj + x];
				t[y * s + j] = sum;
			}
		}
		// Y = M · T  (S × S)
		final float[] out = new float[s * s];
		final double[] acc = new double[s];
		for (int i = 0; i < s; i++) {
			java.util.Arrays.fill(acc, 0);
			final int mi = i * n;
			for (int y = 0; y < n; y++) {
				final double w = m[mi + y];
				final int ty = y * s;
				for (int j = 0; j < s; j++)
					acc[j] += w * t[ty + j];
			}
			for (int j = 0; j < s; j++)
				out[i * s + j] = (float) acc[j];
		}
		return out;
	}

	/**
	 * Downsamples every image of a stack, images in parallel (on the common
	 * fork–join pool); the input stack is not modified.
	 *
	 * @return a new stack of S×S images
	 */
	public ParticleStack apply(final ParticleStack stack) {
		if (stack.size() != inSize) throw new IllegalArgumentException("Expected " + inSize + "×" +
			inSize + " images, got " + stack.size() + "×" + stack.size());
		final float[][] out = new float[stack.count()][];
		// images are independent: the result does not depend on the threads
		java.util.stream.IntStream.range(0, out.length).parallel().forEach(i -> out[i] = apply(stack
			.image(i)));
		return new ParticleStack(outSize, out);
	}

	private static double[] matrix(final int n, final int s) {
		final double[] m = new double[s * n];
		final double cn = (n - 1) / 2.0, cs = (s - 1) / 2.0;
		final int kMin = -(s / 2), kMax = (s + 1) / 2 - 1;
		for (int i = 0; i < s; i++) {
			final double p = cn + (i - cs) * n / (double) s;
			for (int x = 0; x < n; x++) {
				final double d = 2 * Math.PI * (p - x) / n;
				double sum = 0;
				// the real part of e^{ikd}: for k = −S/2 (even S) this is the
				// even split of the Nyquist term between ±S/2
				for (int k = kMin; k <= kMax; k++)
					sum += Math.cos(k * d);
				m[i * n + x] = sum / n;
			}
		}
		return m;
	}
}
