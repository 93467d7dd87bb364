package org.cryoem.wasserstein.ij1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import org.cryoem.wasserstein.image.ParticleStack;
import org.junit.jupiter.api.Test;

class ImagePlusParticlesTest {

	@Test
	void anyBitDepthBecomesAFloatCopy() {
		final ImageStack stack = new ImageStack(16, 16);
		final ByteProcessor b = new ByteProcessor(16, 16);
		b.set(3, 2, 200);
		final ShortProcessor s = new ShortProcessor(16, 16);
		s.set(4, 5, 40000);
		final FloatProcessor f = new FloatProcessor(16, 16);
		f.setf(7, 1, -2.5f);
		stack.addSlice(b);
		stack.addSlice(new ByteProcessor(16, 16));
		final ImagePlus bytes = new ImagePlus("b", b);
		final ImagePlus shorts = new ImagePlus("s", s);
		final ImagePlus floats = new ImagePlus("f", f);

		assertEquals(200, ImagePlusParticles.toParticleStack(bytes).image(0)[2 * 16 + 3], 0);
		assertEquals(40000, ImagePlusParticles.toParticleStack(shorts).image(0)[5 * 16 + 4], 0);
		final ParticleStack pf = ImagePlusParticles.toParticleStack(floats);
		assertEquals(-2.5f, pf.image(0)[1 * 16 + 7], 0);
		pf.image(0)[0] = 99;
		assertEquals(0, f.getf(0, 0), 0, "input untouched");

		final ImagePlus multi = new ImagePlus("stack", stack);
		final ParticleStack ps = ImagePlusParticles.toParticleStack(multi);
		assertEquals(2, ps.count());
		assertEquals(16, ps.size());
	}

	@Test
	void signed16BitCalibrationIsApplied() {
		final ShortProcessor s = new ShortProcessor(16, 16);
		s.set(1, 1, 32768 - 5); // -5 in the signed 16-bit convention
		final ImagePlus imp = new ImagePlus("signed", s);
		imp.getCalibration().setSigned16BitCalibration();
		final short[] before = ((short[]) s.getPixels()).clone();
		assertEquals(-5, ImagePlusParticles.toParticleStack(imp).image(0)[16 + 1], 0);
		assertArrayEquals(before, (short[]) imp.getProcessor().getPixels());
	}

	@Test
	void rejectsNonSquareImages() {
		assertThrows(IllegalArgumentException.class, () -> ImagePlusParticles.toParticleStack(
			new ImagePlus("r", new FloatProcessor(16, 8))));
	}
}
