package org.cryoem.wasserstein.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PreprocessingTest {

	private static ParticleStack noisy(final int n, final int count, final double mean,
		final double sd)
	{
		final SplittableRandom r = new SplittableRandom(7);
		final float[][] im = new float[count][n * n];
		for (final float[] a : im)
			for (int p = 0; p < a.length; p++)
				a[p] = (float) (mean + sd * (r.nextDouble() * 2 - 1) * Math.sqrt(3));
		return new ParticleStack(n, im);
	}

	@Test
	void nothingRequestedReturnsTheInput() {
		final ParticleStack s = noisy(20, 2, 0, 1);
		assertSame(s, new Preprocessing().apply(s, -1));
	}

	@Test
	void normalizeGivesZeroMeanUnitStdOutsideTheMaskAndLeavesTheInputAlone() {
		final int n = 40;
		final ParticleStack s = noisy(n, 3, 5, 2);
		// a bright disc in the middle must not count
		for (int i = 0; i < 3; i++)
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++)
					if (Math.hypot(x - 19.5, y - 19.5) < 10) s.image(i)[y * n + x] += 100;
		final float[] before = s.image(0).clone();
		final Preprocessing p = new Preprocessing();
		p.normalize = true;
		final double radius = 15;
		final ParticleStack out = p.apply(s, radius);
		assertArrayEquals(before, s.image(0));
		for (int i = 0; i < 3; i++) {
			double sum = 0, ss = 0;
			int count = 0;
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++)
					if (Math.hypot(x - 19.5, y - 19.5) > radius) {
						sum += out.image(i)[y * n + x];
						count++;
					}
			final double mean = sum / count;
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++)
					if (Math.hypot(x - 19.5, y - 19.5) > radius) {
						final double d = out.image(i)[y * n + x] - mean;
						ss += d * d;
					}
			assertEquals(0, mean, 1e-5);
			assertEquals(1, Math.sqrt(ss / count), 1e-5);
			// the disc is far above the background
			assertTrue(out.image(i)[20 * n + 20] > 20);
		}
	}

	@Test
	void invertFlipsTheSignAndBoxShrinks() {
		final ParticleStack s = noisy(32, 2, 1, 1);
		final Preprocessing p = new Preprocessing();
		p.invert = true;
		final ParticleStack inv = p.apply(s, -1);
		for (int q = 0; q < 32 * 32; q++)
			assertEquals(-s.image(1)[q], inv.image(1)[q], 0);
		p.box = 16;
		assertEquals(16, p.apply(s, -1).size());
		assertEquals(16, p.workingSize(32));
		assertEquals(2.5, p.workingPixelSize(32, 1.25), 1e-12);
		assertEquals("box 16, invert", p.toString());
	}

	@Test
	void badOptionsAreOneLineErrors() {
		final Preprocessing p = new Preprocessing();
		p.box = 40;
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p
			.validate(32));
		assertTrue(e.getMessage().contains("box (40)"), e.getMessage());
		final Preprocessing flat = new Preprocessing();
		flat.normalize = true;
		assertThrows(IllegalArgumentException.class, () -> flat.apply(new ParticleStack(16,
			new float[][] { new float[256] }), -1));
	}
}
