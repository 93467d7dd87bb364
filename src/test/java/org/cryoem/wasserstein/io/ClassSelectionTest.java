package org.cryoem.wasserstein.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoem.wasserstein.image.ParticleStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassSelectionTest {

	@TempDir
	Path tmp;

	@Test
	void classListsWithRangesAndSeparators() {
		assertArrayEquals(new int[] { 1, 2, 3, 8 }, ClassSelection.parseClasses("8, 1-3"));
		assertArrayEquals(new int[] { 4, 7 }, ClassSelection.parseClasses(" 7;4 4 "));
		assertArrayEquals(new int[0], ClassSelection.parseClasses(""));
		for (final String bad : new String[] { "1,a", "3-1", "-2", "1.5" })
			assertThrows(IllegalArgumentException.class, () -> ClassSelection.parseClasses(bad), bad);
	}

	/** A run directory by hand: 3 classes, particles of classes 2, 1, 2, 3, 2. */
	private Path run(final String inputJson) throws Exception {
		final Path dir = tmp.resolve("run");
		Files.createDirectories(dir);
		Mrc.writeStack(dir.resolve(RunWriter.CLASS_AVERAGES), new ParticleStack(16, new float[][] {
			new float[256], new float[256], new float[256] }), 1);
		final StarFile s = new StarFile();
		final StarFile.Block b = s.addBlock("particles").addColumns("_rlnImageName",
			"_rlnClassNumber");
		final int[] cls = { 2, 1, 2, 3, 2 };
		for (int i = 0; i < cls.length; i++)
			b.addRow(String.format("%06d@in.mrcs", i + 1), Integer.toString(cls[i]));
		s.write(dir.resolve(RunWriter.PARTICLES));
		Files.write(dir.resolve(RunWriter.RUN), inputJson.getBytes(StandardCharsets.UTF_8));
		return dir;
	}

	@Test
	void selectsRowsInOrderAndPointsStackNamesAtTheInput() throws Exception {
		final Path dir = run("{\n  \"input_path\": \"/data/my \\\"stack\\\".mrcs\",\n" +
			"  \"input_format\": \"stack\"\n}\n");
		assertArrayEquals(new int[] { 1, 3, 1 }, ClassSelection.occupancy(dir));
		final Path out = tmp.resolve("sub/s.star");
		final ClassSelection.Result r = ClassSelection.select(dir, new int[] { 2, 3 }, 0, out);
		assertEquals(4, r.particles);
		assertEquals(5, r.total);
		final StarFile.Block b = StarFile.read(out).block("particles");
		assertEquals(4, b.rows().size());
		assertEquals("000001@/data/my \"stack\".mrcs", b.value(0, "_rlnImageName"));
		assertEquals("000004@/data/my \"stack\".mrcs", b.value(2, "_rlnImageName"));
		// classes and a minimum together: both must hold
		assertEquals(3, ClassSelection.select(dir, new int[] { 1, 2 }, 2, out).particles);
		assertEquals(3, ClassSelection.select(dir, new int[0], 2, out).particles);
	}

	@Test
	void oneLineErrors() throws Exception {
		final Path dir = run("{}\n");
		final Path out = tmp.resolve("s.star");
		final String[][] cases = { { "4", "0", "no class 4" }, { "", "0", "Choose classes" },
			{ "", "9", "no class has at least 9 particles" }, { "1", "2",
				"class 1 holds fewer than 2 particles" } };
		for (final String[] c : cases) {
			final InvalidInputException e = assertThrows(InvalidInputException.class,
				() -> ClassSelection.select(dir, ClassSelection.parseClasses(c[0]), Integer.parseInt(c[1]),
					out));
			assertTrue(e.getMessage().contains(c[2]), e.getMessage());
			assertFalse(e.getMessage().contains("\n"));
		}
		assertTrue(assertThrows(InvalidInputException.class, () -> ClassSelection.select(dir,
			new int[] { 1 }, 0, tmp.resolve("x.mrcs"))).getMessage().contains(".star"));
		assertTrue(assertThrows(InvalidInputException.class, () -> ClassSelection.select(dir,
			new int[] { 1 }, 0, dir.resolve(RunWriter.PARTICLES))).getMessage().contains("refusing"));
		assertTrue(assertThrows(InvalidInputException.class, () -> ClassSelection.select(tmp,
			new int[] { 1 }, 0, out)).getMessage().contains("not a run directory"));
		assertFalse(Files.exists(out));
	}
}
