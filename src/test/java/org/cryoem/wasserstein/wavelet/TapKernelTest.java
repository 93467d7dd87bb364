package org.cryoem.wasserstein.wavelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector API tap kernel of {@link Dwt2D} against the plain sum it
 * replaces, bit for bit; the transform's agreement with PyWavelets is checked
 * by {@link Dwt2DTest}, which runs with this kernel in the build.
 */
class TapKernelTest {

	@BeforeAll
	static void vectorKernelPresent() {
		assumeTrue(Runtime.version().feature() >= 17, "the Vector API kernels need Java 17");
		assumeTrue(Boolean.parseBoolean(System.getProperty("w2d.vector", "true")), "switched off");
		assertNotNull(TapKernel.VECTOR, "tests run with jdk.incubator.vector, so the kernel must load");
	}

	@Test
	void sameCoefficientsAsThePlainSum() {
		final Random random = new Random(5);
		final double[][] src = new double[40][140];
		for (final double[] row : src)
			for (int x = 0; x < row.length; x++)
				row[x] = random.nextInt(4) == 0 ? 0 : random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
		for (int width = 1; width <= 140; width += width < 20 ? 1 : 7) {
			for (int taps = 1; taps <= 10; taps++) {
				final int[] rows = new int[taps];
				final double[] cl = new double[taps], ch = new double[taps];
				for (int j = 0; j < taps; j++) {
					rows[j] = random.nextInt(src.length);
					cl[j] = random.nextGaussian();
					ch[j] = random.nextGaussian();
				}
				final double[] lo = new double[width], hi = new double[width];
				final int end = TapKernel.VECTOR.filter(src, rows, cl, ch, taps, width, lo, hi);
				assertTrue(end >= 0 && end <= width);
				for (int x = 0; x < end; x++) {
					double l = 0, h = 0;
					for (int j = 0; j < taps; j++) {
						l += cl[j] * src[rows[j]][x];
						h += ch[j] * src[rows[j]][x];
					}
					assertEquals(Double.doubleToRawLongBits(l), Double.doubleToRawLongBits(lo[x]));
					assertEquals(Double.doubleToRawLongBits(h), Double.doubleToRawLongBits(hi[x]));
				}
				if (width >= 64) assertTrue(end >= width - 7, "the kernel leaves at most a vector's remainder");
			}
		}
	}
}
