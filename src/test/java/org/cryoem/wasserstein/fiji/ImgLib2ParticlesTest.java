package org.cryoem.wasserstein.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.view.Views;

import org.cryoem.wasserstein.image.ParticleStack;
import org.junit.jupiter.api.Test;

class ImgLib2ParticlesTest {

	@Test
	void stackKeepsPixelOrderAndLeavesInputUntouched() {
		final int n = 4, count = 3;
		final short[] data = new short[n * n * count];
		for (int i = 0; i < data.length; i++) data[i] = (short) (i - 20);
		final short[] before = data.clone();
		final ArrayImg<ShortType, ShortArray> img = ArrayImgs.shorts(data, n, n, count);
		final ParticleStack s = ImgLib2Particles.toParticleStack(img);
		assertEquals(count, s.count());
		assertEquals(n, s.size());
		for (int z = 0; z < count; z++)
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++)
					assertEquals(data[(z * n + y) * n + x], s.image(z)[y * n + x], 0);
		s.image(0)[0] = 1000;
		assertArrayEquals(before, data);
	}

	@Test
	void single2DImageAndOffsetIntervals() {
		final float[] px = new float[16 * 16];
		px[3 * 16 + 5] = 7;
		final ParticleStack s = ImgLib2Particles.toParticleStack(Views.translate(ArrayImgs.floats(
			px, 16, 16), 100, -50));
		assertEquals(1, s.count());
		assertEquals(7, s.image(0)[3 * 16 + 5], 0);
		// singleton dimensions are dropped: (x, y, 1 channel, particle)
		assertEquals(5, ImgLib2Particles.toParticleStack(ArrayImgs.floats(16, 16, 1, 5)).count());
	}

	@Test
	void rejectsNonSquareAndHigherDimensionalImages() {
		assertThrows(IllegalArgumentException.class, () -> ImgLib2Particles.toParticleStack(
			ArrayImgs.floats(16, 8, 3)));
		assertThrows(IllegalArgumentException.class, () -> ImgLib2Particles.toParticleStack(
			ArrayImgs.floats(16, 16, 2, 3)));
	}
}
