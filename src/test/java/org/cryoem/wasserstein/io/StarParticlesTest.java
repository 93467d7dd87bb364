package org.cryoem.wasserstein.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cryoem.wasserstein.image.FourierCrop;
import org.cryoem.wasserstein.image.ParticleStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads RELION 3.0, 3.1 and cryoSPARC-style STAR files with their stacks. */
class StarParticlesTest {

	static final Path SHARED = Paths.get("..", "shared", "data", "particles");

	@TempDir
	Path tmp;

	@ParameterizedTest
	@CsvSource({ "empiar_10076_7.star, empiar_10076_7.mrc, 7, 320", //
		"sample_relion_data.star, sample.mrcs, 17, 200", //
		"rln_proj_65.star, rln_proj_65.mrcs, 5, 65" })
	void readsTheSharedRealStarFiles(final String star, final String stack, final int count,
		final int size) throws IOException
	{
		assumeTrue(Files.isDirectory(SHARED), "no ../shared/data/particles");
		final StarParticles p = StarParticles.read(SHARED.resolve(star));
		assertEquals(count, p.stack.count());
		assertEquals(size, p.stack.size());
		assertEquals(1, p.stackCount);
		final ParticleStack all = Mrc.readStack(SHARED.resolve(stack));
		// row i names image i+1 in all three files
		for (int i = 0; i < count; i++)
			assertArrayEquals(all.image(i), p.stack.image(i), star + " row " + (i + 1));
		if (star.startsWith("empiar")) assertEquals(5e4 / 38168, p.pixelSize, 1e-9);
	}

	/** Writes a float stack of {@code count} images whose pixels all equal base + index. */
	private Path stack(final String name, final int count, final int size, final float base)
		throws IOException
	{
		final float[][] im = new float[count][size * size];
		for (int i = 0; i < count; i++)
			java.util.Arrays.fill(im[i], base + i);
		final Path f = tmp.resolve(name);
		Files.createDirectories(f.getParent());
		Mrc.writeStack(f, new ParticleStack(size, im), 2.0);
		return f;
	}

	private Path write(final String name, final String text) throws IOException {
		final Path f = tmp.resolve(name);
		Files.write(f, text.getBytes(StandardCharsets.UTF_8));
		return f;
	}

	@Test
	void relion31WithOpticsAndInterleavedStacks() throws IOException {
		stack("Extract/a.mrcs", 3, 16, 100);
		stack("Extract/b.mrcs", 2, 16, 200);
		final Path star = write("particles.star", "\n# version 30001\n\ndata_optics\n\nloop_\n" +
			"_rlnOpticsGroupName #1\n_rlnOpticsGroup #2\n_rlnImagePixelSize #3\n_rlnImageSize #4\n" +
			"_rlnImageDimensionality #5\nopticsGroup1 1 1.5 16 2\nopticsGroup2 2 0.75 16 2\n\n" +
			"# version 30001\n\ndata_particles\n\nloop_\n_rlnImageName #1\n_rlnOpticsGroup #2\n" +
			"_rlnAnglePsi #3\n000003@Extract/a.mrcs 2 10\n000001@Extract/b.mrcs 2 20\n" +
			"000001@Extract/a.mrcs 2 30\n000002@Extract/b.mrcs 2 40\n000002@Extract/a.mrcs 2 50\n");
		final StarParticles p = StarParticles.read(star);
		assertEquals(5, p.stack.count());
		assertEquals(2, p.stackCount);
		final float[] expected = { 102, 200, 100, 201, 101 };
		for (int i = 0; i < 5; i++)
			assertEquals(expected[i], p.stack.image(i)[0], 0, "row " + (i + 1));
		assertEquals(0.75, p.pixelSize, 0); // optics group 2
		assertEquals("particles", p.particles.name());
	}

	@Test
	void eachStackIsReadAndTransformedOnce() throws IOException {
		stack("a.mrcs", 3, 16, 100);
		stack("b.mrcs", 2, 16, 200);
		final Path star = write("p.star", "data_particles\nloop_\n_rlnImageName\n3@a.mrcs\n1@b.mrcs\n" +
			"1@a.mrcs\n2@b.mrcs\n2@a.mrcs\n");
		final List<Integer> calls = new ArrayList<>();
		final StarParticles p = StarParticles.read(star, s -> {
			calls.add(s.count());
			return new FourierCrop(16, 8).apply(s);
		});
		assertEquals(Arrays.asList(3, 2), calls);
		assertEquals(8, p.stack.size());
		assertEquals(16, p.imageSize);
		final float[] expected = { 102, 200, 100, 201, 101 };
		for (int i = 0; i < 5; i++)
			assertEquals(expected[i], p.stack.image(i)[27], 1e-3, "row " + (i + 1));
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> StarParticles
			.read(star, s -> {
				throw new IllegalArgumentException("box (20) must not exceed the image size 16");
			}));
		assertTrue(e.getMessage().contains("a.mrcs: box (20)"), e.getMessage());
	}

	@Test
	void cryoSparcExportWithProjectRelativeMarkerAndMagnification() throws IOException {
		// csparc2star.py writes one data_ block, paths under the job directory,
		// the pixel size as _rlnDetectorPixelSize (µm) at _rlnMagnification 10000
		stack("J12/extract/012_particles.mrc", 4, 20, 0);
		final Path star = write("cs.star", "data_\n\nloop_\n_rlnImageName\n_rlnDefocusU\n" +
			"_rlnDetectorPixelSize\n_rlnMagnification\n_rlnClassNumber\n" +
			"000004@J12/extract/012_particles.mrc 1 1.1 10000 3\n" +
			">000002@J12/extract/012_particles.mrc 1 1.1 10000 3\n".replace(">000002@",
				"000002@>"));
		final StarParticles p = StarParticles.read(star);
		assertEquals(2, p.stack.count());
		assertEquals(3, p.stack.image(0)[0], 0);
		assertEquals(1, p.stack.image(1)[0], 0);
		assertEquals(1.1, p.pixelSize, 1e-12);
		assertEquals("", p.particles.name());
	}

	@Test
	void pixelSizeFallsBackToTheMrcHeader() throws IOException {
		stack("s.mrcs", 2, 16, 0);
		final StarParticles p = StarParticles.read(write("p.star",
			"data_particles\nloop_\n_rlnImageName\n1@s.mrcs\n2@s.mrcs\n"));
		assertEquals(2.0, p.pixelSize, 1e-6);
	}

	@Test
	void mixedBoxSizesNameTheStack() throws IOException {
		stack("a.mrcs", 2, 16, 0);
		stack("b.mrcs", 2, 20, 0);
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> StarParticles
			.read(write("mixed.star", "data_\nloop_\n_rlnImageName\n1@a.mrcs\n2@b.mrcs\n")));
		assertTrue(e.getMessage().contains("b.mrcs") && e.getMessage().contains("20×20") && e
			.getMessage().contains("16×16"), e.getMessage());
		assertFalse(e.getMessage().contains("\n"));
	}

	@Test
	void badReferencesAreOneLineErrors() throws IOException {
		stack("a.mrcs", 2, 16, 0);
		for (final String[] c : new String[][] { { "3@a.mrcs", "out of range" }, //
			{ "1@missing.mrcs", "missing.mrcs not found" }, //
			{ "x@a.mrcs", "not N@stack" } })
		{
			final Path star = write("bad.star", "data_\nloop_\n_rlnImageName\n" + c[0] + "\n");
			final InvalidInputException e = assertThrows(InvalidInputException.class,
				() -> StarParticles.read(star));
			assertTrue(e.getMessage().contains(c[1]), e.getMessage());
		}
		final Path none = write("none.star", "data_\nloop_\n_rlnDefocusU\n1\n");
		assertTrue(assertThrows(InvalidInputException.class, () -> StarParticles.read(none))
			.getMessage().contains("no particle table"));
	}
}
