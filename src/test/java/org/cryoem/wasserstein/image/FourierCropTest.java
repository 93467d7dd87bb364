package org.cryoem.wasserstein.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FourierCropTest {

	/** Sum of plane waves with frequencies below S/2, evaluated anywhere. */
	private static double bandLimited(final double x, final double y, final int n, final int s) {
		final int f = Math.max(1, (s - 1) / 2 - 1);
		return 3 + Math.cos(2 * Math.PI * (f * x + 1 * y) / n + 0.3) + 0.5 * Math.sin(2 * Math.PI *
			(-1 * x + f * y) / n - 1.1) + 0.25 * Math.cos(2 * Math.PI * (f * x - f * y) / n);
	}

	@ParameterizedTest
	@CsvSource({ "64,32", "64,33", "65,32", "65,21", "200,64", "50,50", "17,16" })
	void bandLimitedImageSurvivesAtTheNewSamplePositions(final int n, final int s) {
		final float[] image = new float[n * n];
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++)
				image[y * n + x] = (float) bandLimited(x, y, n, s);
		final float[] before = image.clone();
		final FourierCrop crop = new FourierCrop(n, s);
		final float[] out = crop.apply(image);
		assertEquals(s * s, out.length);
		assertArrayEquals(before, image, "input untouched");
		final double cn = (n - 1) / 2.0, cs = (s - 1) / 2.0;
		for (int i = 0; i < s; i++)
			for (int j = 0; j < s; j++) {
				final double x = cn + (j - cs) * n / s, y = cn + (i - cs) * n / s;
				assertEquals(bandLimited(x, y, n, s), out[i * s + j], 2e-4, "(" + j + "," + i + ")");
			}
	}

	@ParameterizedTest
	@CsvSource({ "64,32", "64,31", "65,40", "96,17" })
	void meanIsPreservedForAnyImage(final int n, final int s) {
		final SplittableRandom r = new SplittableRandom(n * 31 + s);
		final float[] image = new float[n * n];
		double sum = 0;
		for (int p = 0; p < image.length; p++) {
			image[p] = (float) (r.nextDouble() * 10 - 2);
			sum += image[p];
		}
		final float[] out = new FourierCrop(n, s).apply(image);
		double outSum = 0;
		for (final float v : out)
			outSum += v;
		assertEquals(sum / image.length, outSum / out.length, 1e-4);
	}

	@Test
	void sameSizeIsTheIdentityAndPixelSizeScales() {
		final float[] image = new float[16 * 16];
		for (int p = 0; p < image.length; p++)
			image[p] = p % 7;
		assertArrayEquals(image, new FourierCrop(16, 16).apply(image));
		assertEquals(2.0, new FourierCrop(64, 32).pixelSize(1.0), 1e-12);
		assertEquals(3 * 65 / 20.0, new FourierCrop(65, 20).pixelSize(3.0), 1e-12);
	}

	@Test
	void stacksKeepTheirCountAndOddEvenSizes() {
		final ParticleStack in = new ParticleStack(33, new float[][] { new float[33 * 33],
			new float[33 * 33], new float[33 * 33] });
		final ParticleStack out = new FourierCrop(33, 16).apply(in);
		assertEquals(3, out.count());
		assertEquals(16, out.size());
		assertEquals(17, new FourierCrop(33, 17).apply(in).size());
	}

	@Test
	void refusesToGrow() {
		assertThrows(IllegalArgumentException.class, () -> new FourierCrop(32, 33));
		assertThrows(IllegalArgumentException.class, () -> new FourierCrop(32, 0));
	}
}
