package org.cryoem.wasserstein.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarFileTest {

	@TempDir
	Path tmp;

	private static Path shared(final String name) {
		final Path p = PythonMrcfile.sharedData().resolve("particles").resolve(name);
		assumeTrue(Files.isRegularFile(p), "shared data not found: " + p.toAbsolutePath());
		return p;
	}

	private Path write(final String text) throws IOException {
		final Path p = tmp.resolve("t" + System.nanoTime() + ".star");
		Files.write(p, text.getBytes(StandardCharsets.UTF_8));
		return p;
	}

	@Test
	void relion30SingleBlock() throws IOException {
		final StarFile s = StarFile.read(shared("empiar_10076_7.star"));
		assertEquals(1, s.blocks().size());
		final StarFile.Block b = s.block("");
		assertTrue(b.isLoop());
		assertEquals(10, b.columns().size());
		assertEquals("_rlnImageName", b.columns().get(0));
		assertEquals(7, b.rows().size());
		assertEquals("1@empiar_10076_7.mrc", b.value(0, "rlnImageName"));
		assertEquals("7@empiar_10076_7.mrc", b.value(6, "_rlnImageName"));
		assertEquals("15301.1", b.value(0, "_rlnDefocusU"));
		assertEquals("5", b.value(6, "_rlnDetectorPixelSize"));
	}

	@Test
	void relion31Particles() throws IOException {
		final StarFile s = StarFile.read(shared("rln_proj_65.star"));
		final StarFile.Block b = s.block("particles");
		assertEquals(Arrays.asList("_rlnAngleRot", "_rlnAngleTilt", "_rlnAnglePsi", "_rlnOriginXAngst",
			"_rlnOriginYAngst", "_rlnOpticsGroup", "_rlnImageName"), b.columns());
		assertEquals(5, b.rows().size());
		assertEquals("000003@rln_proj_65.mrcs", b.value(2, "_rlnImageName"));
		assertEquals(137.511331, Double.parseDouble(b.value(2, "_rlnAnglePsi")), 0);
	}

	@Test
	void relionModelStar() throws IOException {
		final StarFile s = StarFile.read(shared("sample_relion_data.star"));
		final StarFile.Block b = s.block("model_class_1");
		assertEquals(29, b.columns().size());
		assertEquals(17, b.rows().size());
		assertEquals("000001@sample.mrcs", b.value(0, "_rlnImageName"));
		assertEquals("71.118492", b.value(0, "_rlnAnglePsi"));
		for (final String[] r : b.rows())
			assertEquals(29, r.length);
	}

	@Test
	void relion31OpticsAndPairs() throws IOException {
		final Path p = write("\n# version 30001\n\ndata_optics\n\nloop_ \n_rlnOpticsGroupName #1 \n" +
			"_rlnOpticsGroup #2 \n_rlnImagePixelSize #3\nopticsGroup1 1 1.35\n'group two' 2 2.0\n\n" +
			"# version 30001\n\ndata_general\n\n_rlnImageSize   128\n_rlnComment \"it's here\"\n" +
			"_rlnEmpty ''\n\ndata_particles\nloop_\n_rlnImageName\n_rlnOpticsGroup\n" +
			"000001@a.mrcs 1 000002@a.mrcs\n 2\n");
		final StarFile s = StarFile.read(p);
		assertEquals(3, s.blocks().size());
		final StarFile.Block o = s.block("optics");
		assertEquals(2, o.rows().size());
		assertArrayEquals(new String[] { "group two", "2", "2.0" }, o.rows().get(1));
		final StarFile.Block g = s.block("general");
		assertFalse(g.isLoop());
		assertEquals("128", g.get("rlnImageSize"));
		assertEquals("it's here", g.get("_rlnComment"));
		assertEquals("", g.get("_rlnEmpty"));
		final StarFile.Block pt = s.block("particles");
		assertArrayEquals(new String[] { "000002@a.mrcs", "2" }, pt.rows().get(1));
		assertNull(s.block("nope"));
		assertEquals(-1, pt.columnIndex("_rlnNope"));
	}

	@Test
	void semicolonTextField() throws IOException {
		final StarFile s = StarFile.read(write("data_x\n_note\n;line one\nline two\n;\n_k v\n"));
		assertEquals("line one\nline two", s.block("x").get("note"));
		assertEquals("v", s.block("x").get("k"));
	}

	@Test
	void roundTrip() throws IOException {
		final StarFile s = new StarFile().setHeaderComment("version 30001");
		s.addBlock("general").put("rlnImageSize", "64").put("_rlnText", "two words").put("rlnQ",
			"it's \"odd\"").put("rlnE", "").put("rlnU", "_underscore");
		final StarFile.Block b = s.addBlock("particles").addColumns("rlnImageName", "_rlnAnglePsi",
			"rlnNote");
		b.addRow("000001@my stack.mrcs", "12.5", "data_like");
		b.addRow("000002@x.mrcs", "-3", "#hash");
		b.addRow("000010@x.mrcs", "1e-5", "plain");
		final Path p = tmp.resolve("rt.star");
		s.write(p);
		final String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
		assertTrue(text.contains("# version 30001"), text);
		assertTrue(text.contains("_rlnImageName #1"), text);
		final StarFile r = StarFile.read(p);
		assertEquals(2, r.blocks().size());
		assertEquals(s.block("general").pairs(), r.block("general").pairs());
		final StarFile.Block rb = r.block("particles");
		assertEquals(b.columns(), rb.columns());
		assertEquals(3, rb.rows().size());
		for (int i = 0; i < 3; i++)
			assertArrayEquals(b.rows().get(i), rb.rows().get(i));
	}

	@Test
	void syntaxErrors() throws IOException {
		final Path a = write("data_\nloop_\n_a\n_b\n1 2\n3\n");
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> StarFile.read(a));
		assertTrue(e.getMessage().contains(a.toString()) && e.getMessage().contains("line 6"), e
			.getMessage());
		final Path b = write("_a 1\n");
		e = assertThrows(InvalidInputException.class, () -> StarFile.read(b));
		assertTrue(e.getMessage().contains("before the first data_"), e.getMessage());
		final Path c = write("data_x\n_a 'unterminated\n");
		e = assertThrows(InvalidInputException.class, () -> StarFile.read(c));
		assertTrue(e.getMessage().contains("line 2"), e.getMessage());
		final Path d = write("data_x\n_a\n");
		assertThrows(InvalidInputException.class, () -> StarFile.read(d));
		final Path f = write("data_x\nloop_\n_a\n1\nloop_\n_b\n2\n");
		assertThrows(InvalidInputException.class, () -> StarFile.read(f));
	}

	@Test
	void builderChecks() {
		final StarFile.Block b = new StarFile().addBlock("b").addColumns("a", "b");
		assertThrows(IllegalArgumentException.class, () -> b.addRow("1"));
		assertThrows(IllegalArgumentException.class, () -> b.addColumns("a"));
		b.addRow("1", "2");
		assertThrows(IllegalStateException.class, () -> b.addColumns("c"));
		assertThrows(IllegalArgumentException.class, () -> b.value(0, "zz"));
		// multi-line values (which read() gives for ;-text fields) become text fields again
		assertEquals("\n;a\nb\n;\n", StarFile.quote("a\nb"));
		assertEquals("\n;' a\" b\n;\n", StarFile.quote("' a\" b"));
		assertThrows(IllegalArgumentException.class, () -> StarFile.quote("a\rb"));
		assertThrows(IllegalArgumentException.class, () -> StarFile.quote("a\n;b"));
		assertEquals("'say \"hi\" now'", StarFile.quote("say \"hi\" now"));
		assertEquals("it's", StarFile.quote("it's"));
		assertEquals("\"'tis\"", StarFile.quote("'tis"));
	}
}
