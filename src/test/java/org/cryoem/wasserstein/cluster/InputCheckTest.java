package org.cryoem.wasserstein.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;

import org.cryoem.wasserstein.image.ParticleStack;
import org.junit.jupiter.api.Test;

/** The pixel check at the edges of float: NaNs of either sign, infinities, signed zeros, subnormals, overflow. */
class InputCheckTest {

	private static ParticleStack stack(final float[]... images) {
		return new ParticleStack(3, images);
	}

	/** An image of nine pixels, all {@code v} but pixel {@code at}, which is {@code odd}. */
	private static float[] image(final float v, final int at, final float odd) {
		final float[] p = new float[9];
		Arrays.fill(p, v);
		p[at] = odd;
		return p;
	}

	@Test
	void nonFinitePixelsAnywhereAreRefused() {
		final float[] bad = { Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
			Float.intBitsToFloat(0xffc00001) }; // a NaN with the sign bit set
		final Random random = new Random(1);
		for (final float b : bad)
			for (int at = 0; at < 9; at++) {
				final float[] ok = image((float) random.nextGaussian(), 4, 1f);
				final int atFinal = at;
				final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
					() -> InputCheck.check(stack(ok, image(0.5f, atFinal, b))));
				assertEquals("Image 2 contains NaN or infinite pixels", e.getMessage());
			}
		// the largest finite floats, subnormals and signed zeros are fine
		assertEquals(0, InputCheck.check(stack(image(Float.MAX_VALUE, 3, -Float.MAX_VALUE), image(
			Float.MIN_VALUE, 0, -0f))).constantImages);
	}

	@Test
	void constantMeansEveryPixelEqualAsFloats() {
		// +0 and −0 are equal floats; the smallest subnormal step, or a difference that
		// overflows to infinity, is not equal
		final InputCheck.Report r = InputCheck.check(stack(image(0f, 5, -0f), image(1f, 2, 1f),
			image(0f, 8, Float.MIN_VALUE), image(Float.MAX_VALUE, 0, -Float.MAX_VALUE), image(2f, 1,
				Math.nextUp(2f))));
		assertEquals(2, r.constantImages);
		assertEquals(0, r.firstConstant);
		// the same answers as the plain test, on random images with repeated values
		final Random random = new Random(2);
		for (int trial = 0; trial < 2000; trial++) {
			final float[] p = new float[9];
			final float[] values = { 0f, -0f, 1f, Float.MIN_VALUE, -Float.MAX_VALUE, 3.5f };
			final float base = values[random.nextInt(values.length)];
			for (int j = 0; j < 9; j++)
				p[j] = random.nextInt(4) == 0 ? values[random.nextInt(values.length)] : base;
			boolean same = true;
			for (final float v : p)
				same &= v == p[0];
			final InputCheck.Report one = InputCheck.check(stack(p, image(1f, 0, 2f)));
			assertEquals(same ? 1 : 0, one.constantImages, Arrays.toString(p));
		}
	}
}
