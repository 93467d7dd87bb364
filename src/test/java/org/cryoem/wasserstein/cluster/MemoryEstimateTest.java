package org.cryoem.wasserstein.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.cryoem.wasserstein.image.ParticleStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The heap check, against a small injected heap limit rather than a huge allocation. */
class MemoryEstimateTest {

	@AfterEach
	void clear() {
		System.clearProperty(MemoryEstimate.HEAP_LIMIT_PROPERTY);
	}

	private static ClassificationParameters params() {
		final ClassificationParameters p = new ClassificationParameters();
		p.classes = 3;
		p.rotations = 16;
		p.maxIterations = 2;
		p.threads = 2;
		return p;
	}

	@Test
	void estimateGrowsWithEveryDimension() {
		final long base = MemoryEstimate.working(100, 64, 10, 100, 4000, 10, 2);
		assertTrue(MemoryEstimate.working(200, 64, 10, 100, 4000, 10, 2) > base);
		assertTrue(MemoryEstimate.working(100, 128, 10, 100, 4000, 10, 2) > base);
		assertTrue(MemoryEstimate.working(100, 64, 20, 100, 4000, 10, 2) > base);
		assertTrue(MemoryEstimate.working(100, 64, 10, 200, 4000, 10, 2) > base);
		assertTrue(MemoryEstimate.working(100, 64, 10, 100, 4000, 10, 8) > base);
		assertEquals(4L * 100 * 64 * 64, MemoryEstimate.input(100, 64));
	}

	@Test
	void injectedLimitRefusesBeforeAllocating() {
		final float[][] images = new float[20][32 * 32];
		final Random random = new Random(1);
		for (final float[] image : images)
			for (int p = 0; p < image.length; p++)
				image[p] = (float) random.nextGaussian();
		final ParticleStack stack = new ParticleStack(32, images);
		System.setProperty(MemoryEstimate.HEAP_LIMIT_PROPERTY, Long.toString(8L << 20));
		final MemoryEstimate.NotEnoughMemoryException e = assertThrows(
			MemoryEstimate.NotEnoughMemoryException.class, () -> Classifier.classify(stack, params(),
				null));
		assertTrue(e.getMessage().contains("-Xmx") && e.getMessage().contains(
			"Edit > Options > Memory & Threads"), e.getMessage());
		assertEquals(1, e.getMessage().split("\n").length);
		assertEquals(8L << 20, e.limit);
		assertTrue(e.needed > e.limit);
		// with the JVM's own limit the same run goes through
		System.clearProperty(MemoryEstimate.HEAP_LIMIT_PROPERTY);
		assertEquals(20, Classifier.classify(stack, params(), null).particleCount());
	}

	@Test
	void absurdSizesDoNotOverflow() {
		System.setProperty(MemoryEstimate.HEAP_LIMIT_PROPERTY, Long.toString(1L << 30));
		final MemoryEstimate.NotEnoughMemoryException e = assertThrows(
			MemoryEstimate.NotEnoughMemoryException.class, () -> MemoryEstimate.checkBeforeLoading(
				1L << 31, Integer.MAX_VALUE, params()));
		assertTrue(e.needed == Long.MAX_VALUE && e.getMessage().contains("more than"), e
			.getMessage());
		// a small run fits
		MemoryEstimate.checkBeforeLoading(10, 32, params());
		// a malformed property leaves the JVM's limit
		System.setProperty(MemoryEstimate.HEAP_LIMIT_PROPERTY, "lots");
		assertEquals(Runtime.getRuntime().maxMemory(), MemoryEstimate.heapLimit());
	}
}
