package org.cryoem.wasserstein.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.io.ClassSelection;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.MrcHeader;
import org.cryoem.wasserstein.io.Relion;
import org.cryoem.wasserstein.io.RunWriter;
import org.cryoem.wasserstein.io.StarFile;
import org.cryoem.wasserstein.io.StarOutput;
import org.cryoem.wasserstein.io.StarParticles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-data round trip on the command line: a RELION 3.1 STAR file in,
 * classify (with preprocessing), select, and the subset read back by our
 * reader and by RELION's own programs when they are installed.
 */
class RealDataCliTest {

	private static final int COUNT = 24;

	@TempDir
	Path tmp;

	private static String[] run(final int expectedExit, final String... args) {
		return CliTest.run(expectedExit, args);
	}

	/**
	 * Writes a RELION 3.1 project: two stacks of sample-data particles under
	 * Extract/ and particles.star with an optics block, extra columns, an old
	 * _rlnAnglePsi, rows alternating between the stacks.
	 */
	private Path relion31Input(final ParticleStack[] stacks) throws Exception {
		final ParticleStack all = Mrc.readStack(Paths.get("sample-data", "particles.mrcs"));
		final int half = COUNT / 2;
		final float[][] a = new float[half][], b = new float[half][];
		for (int i = 0; i < half; i++) {
			a[i] = all.image(i);
			b[i] = all.image(half + i);
		}
		Files.createDirectories(tmp.resolve("Extract"));
		stacks[0] = new ParticleStack(64, a);
		stacks[1] = new ParticleStack(64, b);
		Mrc.writeStack(tmp.resolve("Extract/a.mrcs"), stacks[0], 5.0);
		Mrc.writeStack(tmp.resolve("Extract/b.mrcs"), stacks[1], 5.0);
		final StringBuilder s = new StringBuilder("\n# version 30001\n\ndata_optics\n\nloop_\n" +
			"_rlnOpticsGroupName #1\n_rlnOpticsGroup #2\n_rlnMicrographOriginalPixelSize #3\n" +
			"_rlnVoltage #4\n_rlnSphericalAberration #5\n_rlnAmplitudeContrast #6\n" +
			"_rlnImagePixelSize #7\n_rlnImageSize #8\n_rlnImageDimensionality #9\n" +
			"opticsGroup1 1 1.25 300.0 2.7 0.1 5.0 64 2\n\n# version 30001\n\ndata_particles\n\n" +
			"loop_\n_rlnCoordinateX #1\n_rlnCoordinateY #2\n_rlnAnglePsi #3\n_rlnImageName #4\n" +
			"_rlnMicrographName #5\n_rlnOpticsGroup #6\n_rlnDefocusU #7\n");
		for (int i = 0; i < COUNT; i++) {
			final String stack = i % 2 == 0 ? "a" : "b";
			s.append(String.format(java.util.Locale.ROOT,
				"%d.0 %d.0 -999.0 %06d@Extract/%s.mrcs mics/m%d.mrc 1 %d.5\n", 100 + i, 200 + i, i / 2 + 1,
				stack, i % 3, 20000 + i));
		}
		final Path star = tmp.resolve("particles.star");
		Files.write(star, s.toString().getBytes(StandardCharsets.UTF_8));
		return star;
	}

	@Test
	void relion31StarRoundTrip() throws Exception {
		final ParticleStack[] stacks = new ParticleStack[2];
		final Path input = relion31Input(stacks);
		final byte[] inputBytes = Files.readAllBytes(input);
		final Path out = tmp.resolve("run");
		final String[] o = run(0, "classify", input.toString(), "--classes", "3", "--metric", "l2",
			"--rotations", "8", "--max-iterations", "2", "--threads", "1", "--box", "32",
			"--normalize", "--output", out.toString());
		assertTrue(o[1].contains("(2 stacks)") && o[1].contains("Preprocessing: box 32, normalize"),
			o[1]);
		assertArrayEquals(inputBytes, Files.readAllBytes(input), "input untouched");

		// class averages at the working size and pixel size
		final MrcHeader h = Mrc.readHeader(out.resolve(RunWriter.CLASS_AVERAGES));
		assertEquals(32, h.nx);
		assertEquals(3, h.nz);
		assertEquals(10.0, h.voxelSizeX(), 1e-4);
		final String json = new String(Files.readAllBytes(out.resolve(RunWriter.RUN)),
			StandardCharsets.UTF_8);
		for (final String key : new String[] { "\"image_size\": 32", "\"input_image_size\": 64",
			"\"box\": 32", "\"normalize\": true", "\"invert\": false", "\"input_format\": \"star\"",
			"\"input_path\": \"" + input.toAbsolutePath().toString() })
			assertTrue(json.contains(key), key + " in " + json);

		// particles.star: the input, whole, with our columns
		final StarFile in = StarFile.read(input), res = StarFile.read(out.resolve(RunWriter.PARTICLES));
		assertEquals(3, res.blocks().size());
		assertEquals(in.block("optics").columns(), res.block("optics").columns());
		// the class averages at the working size
		final StarFile.Block classes = res.block(StarOutput.CLASSES_BLOCK);
		assertEquals("000001@" + RunWriter.CLASS_AVERAGES, classes.value(0, "_rlnReferenceImage"));
		assertEquals("32", classes.value(0, "_rlnImageSize"));
		assertArrayEquals(in.block("optics").rows().get(0), res.block("optics").rows().get(0));
		final StarFile.Block pi = in.block("particles"), po = res.block("particles");
		final List<String> cols = new ArrayList<>(pi.columns());
		cols.add("_rlnClassNumber");
		cols.add(RunWriter.DISTANCE_COLUMN);
		assertEquals(cols, po.columns());
		assertEquals(COUNT, po.rows().size());
		for (int r = 0; r < COUNT; r++) {
			for (final String c : pi.columns())
				if (!c.equals("_rlnAnglePsi")) assertEquals(pi.value(r, c), po.value(r, c), c);
			final double psi = Double.parseDouble(po.value(r, "_rlnAnglePsi"));
			assertTrue(psi >= 0 && psi < 360 && psi % 45 == 0, "psi " + psi);
			final int cls = Integer.parseInt(po.value(r, "_rlnClassNumber"));
			assertTrue(cls >= 1 && cls <= 3);
		}

		// select classes 1 and 2 next to the input, read the subset back
		final int[] occ = ClassSelection.occupancy(out);
		final Path subset = tmp.resolve("subset.star");
		final String[] s = run(0, "select", "--run", out.toString(), "--classes", "1,2", "--output",
			subset.toString());
		assertTrue(s[0].startsWith((occ[0] + occ[1]) + " of " + COUNT + " particles in 2 classes"),
			s[0]);
		final StarParticles back = StarParticles.read(subset);
		assertEquals(occ[0] + occ[1], back.stack.count());
		assertEquals(5.0, back.pixelSize, 0);
		assertEquals(res.block("optics").rows().size(), back.star.block("optics").rows().size());
		int j = 0;
		for (int r = 0; r < COUNT; r++) {
			if (po.value(r, "_rlnClassNumber").equals("3")) continue;
			assertArrayEquals(po.rows().get(r), back.particles.rows().get(j));
			assertArrayEquals(stacks[r % 2].image(r / 2), back.stack.image(j), "row " + r);
			j++;
		}

		// RELION reads both files
		assumeTrue(Relion.has("star_printtable") && Relion.has("image_handler"),
			"RELION 3.1 not installed (apt-get install relion)");
		final String table = Relion.run(out, "star_printtable", RunWriter.PARTICLES,
			"data_particles", "_rlnImageName", "_rlnClassNumber", "_rlnAnglePsi");
		final String[] lines = table.trim().split("\n");
		assertEquals(COUNT, lines.length, table);
		for (int r = 0; r < COUNT; r++) {
			final String[] f = lines[r].trim().split("\\s+");
			assertEquals(po.value(r, "_rlnImageName"), f[0]);
			assertEquals(po.value(r, "_rlnClassNumber"), f[1]);
			assertEquals(Double.parseDouble(po.value(r, "_rlnAnglePsi")), Double.parseDouble(f[2]),
				1e-6);
		}
		assertEquals("64", Relion.run(out, "star_printtable", RunWriter.PARTICLES, "data_optics",
			"_rlnImageSize").trim());
		assertEquals(occ[0] + occ[1], Relion.run(tmp, "star_printtable", "subset.star",
			"data_particles", "_rlnImageName").trim().split("\n").length);
		final String stats = Relion.run(out, "image_handler", "--i", RunWriter.CLASS_AVERAGES,
			"--stats");
		assertEquals(3, stats.split("32 x 32 x 1 x 1").length - 1, stats);
		// RELION resolves the subset's image names itself (from the project
		// directory) and copies the particles into one stack: the same images
		if (Relion.has("stack_create")) {
			Relion.run(tmp, "stack_create", "--i", "subset.star", "--o", "relion_subset");
			final ParticleStack copied = Mrc.readStack(tmp.resolve("relion_subset.mrcs"));
			assertEquals(back.stack.count(), copied.count());
			for (int i = 0; i < copied.count(); i++)
				assertArrayEquals(back.stack.image(i), copied.image(i), 1e-4f, "image " + (i + 1));
		}
	}

	@Test
	void relion30SharedFileKeepsItsSingleBlock() throws Exception {
		final Path shared = Paths.get("..", "shared", "data", "particles", "empiar_10076_7.star");
		assumeTrue(Files.isRegularFile(shared), "no ../shared/data/particles");
		final Path out = tmp.resolve("run");
		run(0, "classify", shared.toString(), "--classes", "2", "--metric", "l2", "--rotations", "4",
			"--max-iterations", "1", "--threads", "1", "--box", "48", "--invert", "-q", "--output", out
				.toString());
		final StarFile res = StarFile.read(out.resolve(RunWriter.PARTICLES));
		assertEquals(2, res.blocks().size());
		assertEquals("", res.blocks().get(0).name());
		assertEquals("48", res.block(StarOutput.CLASSES_BLOCK).value(0, "_rlnImageSize"));
		assertEquals(13, res.blocks().get(0).columns().size());
		assertEquals("1@empiar_10076_7.mrc", res.blocks().get(0).value(0, "_rlnImageName"));
		final MrcHeader h = Mrc.readHeader(out.resolve(RunWriter.CLASS_AVERAGES));
		assertEquals(48, h.nx);
		assertEquals(5e4 / 38168 * 320 / 48, h.voxelSizeX(), 1e-4);
		if (Relion.has("star_printtable")) assertEquals(7, Relion.run(out, "star_printtable",
			RunWriter.PARTICLES, "data_", "_rlnClassNumber").trim().split("\n").length);
	}

	@Test
	void existingClassAndPsiColumnsAreOverwrittenInPlace() throws Exception {
		final Path shared = Paths.get("..", "shared", "data", "particles", "sample_relion_data.star");
		assumeTrue(Files.isRegularFile(shared), "no ../shared/data/particles");
		final Path out = tmp.resolve("run");
		run(0, "classify", shared.toString(), "--classes", "2", "--metric", "l2", "--rotations", "8",
			"--max-iterations", "1", "--threads", "1", "--box", "32", "--normalize", "-q", "--output",
			out.toString());
		final StarFile in = StarFile.read(shared), res = StarFile.read(out.resolve(RunWriter.PARTICLES));
		final StarFile.Block bi = in.blocks().get(0), bo = res.blocks().get(0);
		assertEquals("model_class_1", bo.name());
		final List<String> cols = new ArrayList<>(bi.columns());
		cols.add(RunWriter.DISTANCE_COLUMN);
		assertEquals(cols, bo.columns());
		assertEquals(17, bo.rows().size());
		boolean changed = false;
		for (int r = 0; r < 17; r++) {
			final double psi = Double.parseDouble(bo.value(r, "_rlnAnglePsi"));
			assertTrue(psi >= 0 && psi < 360);
			changed |= !bo.value(r, "_rlnAnglePsi").equals(bi.value(r, "_rlnAnglePsi"));
			assertEquals(bi.value(r, "_rlnImageName"), bo.value(r, "_rlnImageName"));
			assertEquals(bi.value(r, "_rlnDefocusU"), bo.value(r, "_rlnDefocusU"));
		}
		assertTrue(changed, "psi is the run's, not the input's");
	}

	@Test
	void stackInputSubsetPointsAtTheStack() throws Exception {
		final ParticleStack[] stacks = new ParticleStack[2];
		relion31Input(stacks);
		final Path stack = tmp.resolve("Extract/a.mrcs");
		final Path out = tmp.resolve("run");
		run(0, "classify", stack.toString(), "--classes", "2", "--metric", "l2", "--rotations", "4",
			"--max-iterations", "1", "--threads", "1", "--box", "32", "-q", "--output", out.toString());
		// the optics block describes the images on disk, not the working size
		final StarFile res = StarFile.read(out.resolve(RunWriter.PARTICLES));
		assertEquals("64", res.block("optics").value(0, "_rlnImageSize"));
		final Path subset = tmp.resolve("elsewhere/sub.star");
		run(0, "select", "--run", out.toString(), "--min-occupancy", "1", "--output", subset
			.toString());
		final StarParticles back = StarParticles.read(subset);
		assertEquals(COUNT / 2, back.stack.count());
		for (int i = 0; i < COUNT / 2; i++)
			assertArrayEquals(stacks[0].image(i), back.stack.image(i));
	}

	@Test
	void selectErrorsAreOneLine() throws Exception {
		final Path subset = tmp.resolve("s.star");
		String e = run(2, "select", "--run", tmp.resolve("nope").toString(), "--classes", "1",
			"--output", subset.toString())[1];
		assertTrue(e.startsWith("error: ") && e.contains("no such run directory"), e);
		final ParticleStack[] stacks = new ParticleStack[2];
		final Path input = relion31Input(stacks);
		final Path out = tmp.resolve("run");
		run(0, "classify", input.toString(), "--classes", "2", "--metric", "l2", "--rotations", "4",
			"--max-iterations", "1", "--threads", "1", "--box", "32", "-q", "--output", out.toString());
		e = run(2, "select", "--run", out.toString(), "--classes", "1,7", "--output", subset
			.toString())[1];
		assertTrue(e.contains("no class 7") && e.contains("1-2"), e);
		e = run(2, "select", "--run", out.toString(), "--min-occupancy", "1000", "--output", subset
			.toString())[1];
		assertTrue(e.contains("No particles selected"), e);
		e = run(2, "select", "--run", out.toString(), "--classes", "1", "--output", input
			.toString())[1];
		assertTrue(e.contains("refusing to overwrite"), e);
		for (final String msg : new String[] { e })
			assertFalse(msg.trim().contains("\n"), msg);
		assertFalse(Files.exists(subset));
	}
}
