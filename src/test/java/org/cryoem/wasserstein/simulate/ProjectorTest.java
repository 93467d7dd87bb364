package org.cryoem.wasserstein.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.MrcData;
import org.cryoem.wasserstein.io.StarFile;
import org.junit.jupiter.api.Test;

/**
 * RELION conventions: projections of the 70S map must match relion_project's
 * images of the same Euler angles.
 * <ul>
 * <li>{@code ../shared/data/particles/rln_proj_65.*}: 65³ map, five random
 * angles (made by ASPIRE's authors with RELION). relion_project displaces odd
 * boxes by one pixel in +x and +y (see {@link Projector}), which the test undoes.</li>
 * <li>{@code fixtures/simulate/rln_proj_64.*}: the same map cropped to 64³,
 * seven angles including pure psi and pure tilt, made by
 * {@code src/test/scripts/make_relion_projection_fixtures.sh} with RELION 3.1.3;
 * no shift.</li>
 * </ul>
 */
class ProjectorTest {

	private static final Path SHARED = Paths.get("..", "shared", "data");
	private static final Path FIXTURES = Paths.get("src", "test", "resources", "fixtures",
		"simulate");

	static float[] ribosome65() throws IOException {
		final Path map = SHARED.resolve("maps/clean70SRibosome_vol_65p.mrc");
		assumeTrue(Files.isRegularFile(map), "shared data not found: " + map.toAbsolutePath());
		final MrcData m = Mrc.read(map);
		assertEquals(65, m.nx());
		return m.data();
	}

	static float[] crop64(final float[] map65) {
		final float[] c = new float[64 * 64 * 64];
		for (int z = 0; z < 64; z++)
			for (int y = 0; y < 64; y++)
				for (int x = 0; x < 64; x++)
					c[(z * 64 + y) * 64 + x] = map65[(z * 65 + y) * 65 + x];
		return c;
	}

	@Test
	void matchesRelion65() throws IOException {
		final Path star = SHARED.resolve("particles/rln_proj_65.star");
		assumeTrue(Files.isRegularFile(star));
		final double[] r = compare(new Projector(ribosome65(), 65), star, SHARED.resolve(
			"particles/rln_proj_65.mrcs"), 1);
		assertEquals(5, r.length);
		for (int i = 0; i < r.length; i++)
			assertTrue(r[i] >= 0.98, "image " + (i + 1) + ": Pearson " + r[i]);
	}

	@Test
	void matchesRelion64() throws IOException {
		final double[] r = compare(new Projector(crop64(ribosome65()), 64), FIXTURES.resolve(
			"rln_proj_64.star"), FIXTURES.resolve("rln_proj_64.mrcs"), 0);
		assertEquals(7, r.length);
		for (int i = 0; i < r.length; i++)
			assertTrue(r[i] >= 0.99, "image " + (i + 1) + ": Pearson " + r[i]);
	}

	/** The wrong conventions (A instead of Aᵀ, flipped rows) must fail clearly. */
	@Test
	void wrongConventionsDoNotMatch() throws IOException {
		final Projector p = new Projector(crop64(ribosome65()), 64);
		final ParticleStack ref = Mrc.readStack(FIXTURES.resolve("rln_proj_64.mrcs"));
		final StarFile.Block b = StarFile.read(FIXTURES.resolve("rln_proj_64.star")).block(
			"particles");
		for (int i = 0; i < ref.count(); i++) {
			final double[][] A = angles(b, i);
			if (i == 0) continue; // the identity cannot tell A from Aᵀ
			final float[] untransposed = p.projectSampling(A);
			assertTrue(pearson(untransposed, ref.image(i)) < 0.9, "A instead of Aᵀ, image " + (i + 1));
			final float[] flipped = flipRows(p.project(A), 64);
			assertTrue(pearson(flipped, ref.image(i)) < 0.9, "rows flipped, image " + (i + 1));
		}
	}

	private static double[] compare(final Projector p, final Path star, final Path mrcs,
		final int shift) throws IOException
	{
		final ParticleStack ref = Mrc.readStack(mrcs);
		final StarFile.Block b = StarFile.read(star).block("particles");
		final int n = ref.size();
		final double[] r = new double[ref.count()];
		for (int i = 0; i < r.length; i++) {
			final double[] e = euler(b, i);
			final float[] proj = p.project(e[0], e[1], e[2], n);
			r[i] = pearson(shift(proj, n, shift), ref.image(i));
		}
		return r;
	}

	private static double[] euler(final StarFile.Block b, final int row) {
		return new double[] { Double.parseDouble(b.value(row, "rlnAngleRot")), Double.parseDouble(b
			.value(row, "rlnAngleTilt")), Double.parseDouble(b.value(row, "rlnAnglePsi")) };
	}

	private static double[][] angles(final StarFile.Block b, final int row) {
		final double[] e = euler(b, row);
		return Orientations.eulerToMatrix(e[0], e[1], e[2]);
	}

	/** Moves the content by (s, s) pixels, zero filling. */
	static float[] shift(final float[] img, final int n, final int s) {
		final float[] o = new float[n * n];
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				final int sx = x - s, sy = y - s;
				if (sx >= 0 && sy >= 0 && sx < n && sy < n) o[y * n + x] = img[sy * n + sx];
			}
		return o;
	}

	static float[] flipRows(final float[] img, final int n) {
		final float[] o = new float[n * n];
		for (int y = 0; y < n; y++)
			System.arraycopy(img, (n - 1 - y) * n, o, y * n, n);
		return o;
	}

	static double pearson(final float[] a, final float[] b) {
		double ma = 0, mb = 0;
		for (int i = 0; i < a.length; i++) {
			ma += a[i];
			mb += b[i];
		}
		ma /= a.length;
		mb /= b.length;
		double sab = 0, saa = 0, sbb = 0;
		for (int i = 0; i < a.length; i++) {
			final double u = a[i] - ma, v = b[i] - mb;
			sab += u * v;
			saa += u * u;
			sbb += v * v;
		}
		return sab / Math.sqrt(saa * sbb);
	}

	@Test
	void resampleIdentityAndConstant() {
		final float[] img = new float[16 * 16];
		for (int i = 0; i < img.length; i++)
			img[i] = i % 7;
		assertArrayEquals(img, Projector.resample(img, 16, 16));
		// Area averaging by 2 of a constant image: constant inside, and the mean of 2×2 blocks.
		final float[] ones = new float[16 * 16];
		java.util.Arrays.fill(ones, 3f);
		final float[] half = Projector.resample(ones, 16, 8);
		for (final float v : half)
			assertEquals(3f, v, 1e-6);
		// Every row of the weights sums to 1 when its footprint lies inside.
		final double[][] w = Projector.weights(96, 64);
		for (int t = 1; t < 63; t++) {
			double s = 0;
			for (final double v : w[t])
				s += v;
			assertEquals(1, s, 1e-12);
		}
		// The centres map onto each other: a delta at 48 of 96 lands on 32 of 64.
		final double[][] w2 = Projector.weights(96, 48);
		assertEquals(0.5, w2[24][48], 1e-12);
		assertEquals(0.25, w2[24][47], 1e-12);
		assertEquals(0.25, w2[24][49], 1e-12);
	}

	@Test
	void resampledProjectionIsAreaAverage() throws IOException {
		// Shrinking 64 → 32 centres output pixel t on input pixel 2t with footprint [2t − 1, 2t + 1]:
		// separable weights 1/4, 1/2, 1/4 (renormalised at the border).
		final Projector p = new Projector(crop64(ribosome65()), 64);
		final double[][] A = Orientations.eulerToMatrix(20, 70, 110);
		final float[] full = p.project(A);
		final float[] small = p.project(A, 32);
		assertEquals(32 * 32, small.length);
		for (int y = 1; y < 32; y++)
			for (int x = 1; x < 32; x++) {
				double s = 0;
				for (int j = -1; j <= 1; j++)
					for (int i = -1; i <= 1; i++)
						s += (j == 0 ? 0.5 : 0.25) * (i == 0 ? 0.5 : 0.25) * full[(2 * y + j) * 64 + 2 * x + i];
				assertEquals(s, small[y * 32 + x], 1e-5 * (1 + Math.abs(s)));
			}
		// Enlarging to 128 keeps the centre pixel and interpolates between pixels.
		final float[] big = Projector.resample(full, 64, 128);
		assertEquals(full[32 * 64 + 32], big[64 * 128 + 64], 1e-6);
		assertEquals((full[32 * 64 + 32] + full[32 * 64 + 33]) / 2, big[64 * 128 + 65], 1e-6);
	}
}
